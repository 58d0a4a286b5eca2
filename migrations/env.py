"""Alembic environment for flux: migrations run on the connection flux hands over.

flux builds the Alembic `Config` in code (`flux_cli.storage.schema`) and passes its open
connection in `config.attributes["connection"]`, so a migration joins flux's transaction.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from flux_cli.storage.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: object) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("flux migrations need a connection or sqlalchemy.url")
    engine = create_engine(url)
    with engine.begin() as owned:
        _run(owned)
    engine.dispose()


if context.is_offline_mode():
    raise RuntimeError("flux migrations run online only")
run_migrations_online()
