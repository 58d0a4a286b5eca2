"""Schema versions and migrations: blank → head, behind → refused, Alembic loaded lazily."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text

from flux_cli import paths
from flux_cli.errors import StorageError
from flux_cli.services.base import builtin_catalogue
from flux_cli.storage import schema
from flux_cli.storage.database import Database
from flux_cli.storage.models import Base


def _script_directory():  # type: ignore[no-untyped-def]
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(schema.alembic_config())


def test_head_revision_is_alembics_head() -> None:
    assert _script_directory().get_current_head() == schema.HEAD_REVISION


def test_known_revisions_are_alembics_history_oldest_first() -> None:
    history = [rev.revision for rev in _script_directory().walk_revisions()]
    assert list(schema.REVISIONS) == history[::-1]


@pytest.mark.blank_home
def test_default_sqlite_database_is_created_at_head_on_first_open(tmp_path: Path) -> None:
    assert not (tmp_path / "flux.db").exists()
    assert paths.default_sqlite_path() == tmp_path / "flux.db"
    with Database.open(None, catalogue=builtin_catalogue) as db:
        assert db.current() == schema.HEAD_REVISION
        assert db.masked_url == f"sqlite:///{tmp_path / 'flux.db'}"
    assert (tmp_path / "flux.db").exists()


def test_given_sqlite_file_is_upgraded_and_seeded_on_first_open(sqlite_url: str) -> None:
    with Database.open(sqlite_url, catalogue=builtin_catalogue) as db:
        assert db.current() == schema.HEAD_REVISION
        with db.unit_of_work(read_only=True) as s:
            assert s.exercises.resolve("back squat") is not None


def test_sqlite_behind_is_upgraded_automatically(sqlite_url: str) -> None:
    with (
        Database.open(sqlite_url, catalogue=builtin_catalogue) as db,
        db.engine.begin() as connection,
    ):
        connection.execute(text("DELETE FROM alembic_version"))
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(text(f"DROP TABLE {table.name}"))
    with Database.open(sqlite_url, catalogue=builtin_catalogue) as db:
        assert db.current() == schema.HEAD_REVISION


def test_reopening_at_head_does_not_seed_again(sqlite_url: str) -> None:
    with Database.open(sqlite_url, catalogue=builtin_catalogue) as db, db.unit_of_work() as s:
        count = len(s.exercises.all())
    with Database.open(sqlite_url, catalogue=builtin_catalogue) as db, db.unit_of_work() as s:
        assert len(s.exercises.all()) == count


def test_a_newer_schema_than_this_flux_knows_is_refused(sqlite_url: str) -> None:
    with (
        Database.open(sqlite_url, catalogue=builtin_catalogue) as db,
        db.engine.begin() as connection,
    ):
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StorageError, match="9999, newer than this flux") as caught:
        Database.open(sqlite_url, catalogue=builtin_catalogue)
    assert caught.value.hint == "upgrade flux"


@pytest.mark.postgres
def test_blank_postgres_is_refused_until_upgraded(pg_url: str) -> None:
    with pytest.raises(StorageError) as caught:
        Database.open(pg_url, catalogue=builtin_catalogue)
    assert str(caught.value) == f"database schema is at none, flux needs {schema.HEAD_REVISION}"
    assert caught.value.hint == "run: flux db upgrade"

    unverified = Database.open(pg_url, check_schema=False, catalogue=builtin_catalogue)
    assert unverified.current() is None
    assert unverified.upgrade() == (None, schema.HEAD_REVISION)
    assert unverified.upgrade() == (schema.HEAD_REVISION, schema.HEAD_REVISION)
    unverified.close()

    with Database.open(pg_url, catalogue=builtin_catalogue) as db, db.unit_of_work() as s:
        assert db.current() == schema.HEAD_REVISION
        assert s.exercises.resolve("Deadlift (Barbell)") is not None


@pytest.mark.postgres
def test_postgres_behind_names_its_revision(pg_url: str) -> None:
    with Database.open(pg_url, check_schema=False, catalogue=builtin_catalogue) as db:
        db.upgrade()
        with db.engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    # '0000' is not a revision this flux knows, so it is refused as newer.
    with pytest.raises(StorageError, match="0000"):
        Database.open(pg_url, catalogue=builtin_catalogue)


@pytest.mark.postgres
def test_postgres_at_head_with_an_empty_catalogue_is_seeded_on_open(pg_url: str) -> None:
    with Database.open(pg_url, check_schema=False, catalogue=builtin_catalogue) as db:
        db.upgrade()
        with db.engine.begin() as connection:
            connection.execute(text("DELETE FROM exercises"))
    with Database.open(pg_url, catalogue=builtin_catalogue) as db, db.unit_of_work() as s:
        assert s.exercises.resolve("Plank") is not None


@pytest.mark.postgres
def test_concurrent_postgres_upgrades_migrate_once(pg_url: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def upgrade(_: int) -> tuple[str | None, str]:
        with Database.open(pg_url, check_schema=False, catalogue=builtin_catalogue) as db:
            return db.upgrade()

    with ThreadPoolExecutor(max_workers=3) as pool:
        outcomes = list(pool.map(upgrade, range(3)))
    head = schema.HEAD_REVISION
    assert sorted(outcomes, key=lambda outcome: outcome[0] or "") == [
        (None, head),
        (head, head),
        (head, head),
    ]
    with Database.open(pg_url, catalogue=builtin_catalogue) as db, db.unit_of_work() as s:
        assert len(s.exercises.all(source="builtin")) > 60


def test_migrations_match_the_models(db: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_opening_a_ready_database_does_not_import_alembic(sqlite_url: str, run_python) -> None:  # type: ignore[no-untyped-def]
    Database.open(sqlite_url, catalogue=builtin_catalogue).close()
    code = textwrap.dedent(
        """
        import sys
        from flux_cli.storage.database import Database

        db = Database.open(sys.argv[1])  # ready: nothing to seed, so no catalogue to load
        with db.unit_of_work(read_only=True) as s:
            assert s.exercises.resolve("Back Squat") is not None
        leaked = sorted(name for name in sys.modules if name.split(".")[0] in ("alembic", "yaml"))
        print(",".join(leaked) or "clean")
        """
    )
    result = run_python(code, sqlite_url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "clean"
