"""Issue 9 item 7: input SQLite takes must not become a PostgreSQL-only traceback.

Lengths and ranges are checked before storage, the same on both back ends (same exit code,
same message); every DB-API error class becomes a one-line flux error with a documented
exit code (a value the database refuses: 2; anything else: 3; a cancelled statement: 130),
with a hint that fits the cause (schema, access, connection), never a password.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import exc as sa_exc

from flux_cli.errors import ExitCode, FluxError
from flux_cli.storage.database import Database, _create_engine
from tests.hostile.io_support import Ran, invoke

SECRET = "Sup3r/S3cret"
PG_LIKE = "postgresql+psycopg://coach:Sup3r%2FS3cret@127.0.0.1:1/flux"
DBAPI_CLASSES = [
    sa_exc.DBAPIError,
    sa_exc.InterfaceError,
    sa_exc.DatabaseError,
    sa_exc.DataError,
    sa_exc.OperationalError,
    sa_exc.IntegrityError,
    sa_exc.InternalError,
    sa_exc.ProgrammingError,
    sa_exc.NotSupportedError,
]


class _DriverError(Exception):
    """What a driver raises: a message (here naming the password) and an SQLSTATE."""

    def __init__(self, message: str, sqlstate: str | None = None) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


@pytest.mark.parametrize("cls", DBAPI_CLASSES, ids=lambda cls: cls.__name__)
@pytest.mark.parametrize("connecting", [False, True], ids=["in-a-unit", "connecting"])
def test_every_dbapi_error_class_is_a_clean_flux_error(
    cls: type[sa_exc.DBAPIError], connecting: bool
) -> None:
    database = Database(_create_engine(PG_LIKE), PG_LIKE)
    orig = _DriverError(f"boom\nat postgresql://coach:{SECRET}@127.0.0.1:1/flux password={SECRET}")
    with pytest.raises(FluxError) as caught, database._translate_errors(connecting=connecting):
        raise cls("SELECT 1", {}, orig)
    error = caught.value
    expected = ExitCode.BAD_INPUT if cls is sa_exc.DataError else ExitCode.STORAGE
    assert error.exit_code == expected
    shown = f"{error.message} {error.hint}"
    assert SECRET not in shown and "Sup3r%2FS3cret" not in shown
    assert "\n" not in error.message and error.hint


def test_a_cancelled_statement_is_an_interruption() -> None:
    database = Database(_create_engine(PG_LIKE), PG_LIKE)
    orig = _DriverError("canceling statement due to user request", sqlstate="57014")
    with pytest.raises(KeyboardInterrupt), database._translate_errors():
        raise sa_exc.OperationalError("SELECT 1", {}, orig)


def test_a_sqlite_schema_mismatch_gets_a_schema_hint(tmp_path: Path, migrated_sqlite: Path) -> None:
    """The issue's `duplicate column name`: a database that says it is behind but is not."""
    path = tmp_path / "behind.db"
    path.write_bytes(migrated_sqlite.read_bytes())
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0002'")
    ran = invoke("--db", f"sqlite:///{path}", "history").clean()
    assert ran.code == 3
    assert "does not match what this flux expects" in ran.stderr
    assert "writable" not in ran.stderr and "flux db current" in ran.stderr


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, migrated_sqlite: Path) -> str:
    if request.param == "sqlite":
        path = tmp_path / "both.db"
        path.write_bytes(migrated_sqlite.read_bytes())
        return f"sqlite:///{path}"
    url: str = request.getfixturevalue("pg_url")
    assert invoke("--db", url, "db", "upgrade").clean().code == 0
    return url


def _both(db_url: str, *args: str) -> Ran:
    return invoke("--db", db_url, *args).clean()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--profile", "p" * 101, "log", "Back Squat", "100x5"), "profile name is 101"),
        (("--profile", "p" * 5000, "history"), "profile name is 5000"),
        (("exercises", "alias", "a" * 201, "Back Squat"), "other name is 201"),
        (("exercises", "alias", "İ" * 150, "Back Squat"), "at most 200"),  # 300 once lowered
        (("history", "--limit", "9223372036854775808"), "less than or equal to 1000000000"),
        (("history", "--limit", "1" + "0" * 23), "less than or equal to 1000000000"),
        (("history", "--limit", "0"), "greater than or equal to 1"),
    ],
)
def test_lengths_and_ranges_are_refused_before_storage_on_both(
    db_url: str, args: tuple[str, ...], message: str
) -> None:
    ran = _both(db_url, *args)
    assert ran.code == 2, ran
    assert message in ran.stderr
    assert invoke("--db", db_url, "--profile", "p" * 100, "history").clean().code == 0


def test_the_longest_alias_is_stored_on_both(db_url: str) -> None:
    name = "a" * 200
    assert _both(db_url, "exercises", "alias", name, "Back Squat").code == 0
    logged = _both(db_url, "log", name, "100x5", "--date", "2026-11-20", "--json")
    assert logged.code == 0 and "Back Squat" in logged.stdout


@pytest.mark.postgres
def test_meta_values_postgres_cannot_store_are_a_clean_exit(pg_url: str) -> None:
    assert invoke("--db", pg_url, "db", "upgrade").clean().code == 0
    for value in ("nan", "inf", "-inf", "1e309"):
        ran = _both(pg_url, "log", "Air Bike", "10min", "--meta", f"avg_watts={value}")
        assert ran.code in (0, 2), ran
    assert _both(pg_url, "history").code == 0


@pytest.fixture
def pg_admin(pg_url: str) -> Iterator[tuple[str, object]]:
    """The test database's URL and an autocommit admin connection to it."""
    import psycopg
    from sqlalchemy import make_url

    assert invoke("--db", pg_url, "db", "upgrade").clean().code == 0
    plain = make_url(pg_url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as connection:
        yield pg_url, connection


@pytest.mark.postgres
def test_a_postgres_schema_mismatch_gets_a_schema_hint(pg_admin: tuple[str, object]) -> None:
    url, connection = pg_admin
    connection.execute("ALTER TABLE profiles DROP COLUMN settings")  # type: ignore[attr-defined]
    ran = _both(url, "profile", "show")
    assert ran.code == 3
    assert "does not match what this flux expects" in ran.stderr
    assert "flux db current" in ran.stderr


@pytest.mark.postgres
def test_a_user_without_rights_is_told_so(pg_admin: tuple[str, object]) -> None:
    from psycopg import sql
    from sqlalchemy import make_url

    url, connection = pg_admin
    role = f"flux_norights_{uuid.uuid4().hex[:8]}"
    execute = connection.execute  # type: ignore[attr-defined]
    execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD 'x-Sup3rS3cret'").format(sql.Identifier(role)))
    try:
        limited = make_url(url).set(username=role, password="x-Sup3rS3cret")
        ran = _both(limited.render_as_string(hide_password=False), "history")
        assert ran.code == 3
        assert "Sup3rS3cret" not in ran.output
        assert "refused access" in ran.stderr or "cannot use the database" in ran.stderr
    finally:
        execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)))
        execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))
