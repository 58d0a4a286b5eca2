"""The schema version: read cheaply with plain SQL; Alembic is imported only to upgrade.

`REVISIONS` lists the migrations in `migrations/versions` oldest first; a test keeps it
equal to Alembic's own history.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection, text

from flux_cli import paths

if TYPE_CHECKING:
    from alembic.config import Config

REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004_strength",
    "0005_load",
    "0006_moves",
    "0007_day_options",
)
HEAD_REVISION = REVISIONS[-1]

_HAS_VERSION_TABLE = {
    "sqlite": "SELECT count(*) FROM sqlite_master "
    "WHERE type = 'table' AND name = 'alembic_version'",
    "postgresql": "SELECT count(*) FROM (SELECT to_regclass('alembic_version') AS t) v "
    "WHERE v.t IS NOT NULL",
}


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at, or None for a blank database."""
    probe = _HAS_VERSION_TABLE[connection.dialect.name]
    if not connection.execute(text(probe)).scalar_one():
        return None
    revisions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return revisions[0] if revisions else None


def is_known(revision: str | None) -> bool:
    """Whether this flux knows the revision (a newer flux may have migrated further)."""
    return revision is None or revision in REVISIONS


def alembic_config() -> Config:
    """Alembic's configuration, built in code: no alembic.ini is shipped."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(paths.migrations_dir()).replace("%", "%%"))
    return config


def run_upgrade(connection: Connection, target: str = "head") -> None:
    """Migrate inside the caller's transaction on `connection`."""
    from alembic import command

    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, target)
