"""Opening a database, verifying its schema, and one transaction per unit of work.

SQLite runs in WAL mode, and every write transaction starts with `BEGIN IMMEDIATE`
so that concurrent flux processes queue on the busy timeout instead of failing, and a
read-then-write inside one unit of work cannot interleave with another process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import ArgumentError, DataError, DBAPIError, IntegrityError, ProgrammingError
from sqlalchemy.pool import StaticPool

from flux_cli import paths
from flux_cli.errors import InputError, StorageError
from flux_cli.storage import schema
from flux_cli.storage.records import ExerciseData
from flux_cli.storage.unit_of_work import SqlUnitOfWork
from flux_cli.storage.urls import mask_url, normalise_url, scrub, sqlite_url

__all__ = ["Catalogue", "Database", "mask_url", "resolve_url", "sqlite_file"]

Catalogue = Callable[[], Sequence[ExerciseData]]
"""What a blank database is seeded with; services pass the built-in catalogue."""

BUSY_TIMEOUT_S = 30
CONNECT_TIMEOUT_S = 5
_READ_ONLY = "flux_read_only"
# Any fixed 64-bit key: serialises `flux db upgrade` and first-use seeding on PostgreSQL.
_PG_MIGRATION_LOCK = 0x666C7578


class Database:
    """A flux database: an engine plus the rules for using it (see module docstring)."""

    def __init__(self, engine: Engine, url: str, catalogue: Catalogue | None = None) -> None:
        self.engine = engine
        self.url = url
        self._catalogue = catalogue
        self._read_engine = engine.execution_options(**{_READ_ONLY: True})

    @classmethod
    def open(
        cls,
        url: str | None = None,
        *,
        check_schema: bool = True,
        catalogue: Catalogue | None = None,
    ) -> Database:
        """Connect to `url` (default: SQLite in the data directory) and make it usable.

        SQLite that is blank or behind is migrated at once; PostgreSQL that is behind, or
        any schema newer than this flux, is refused. `check_schema=False` (for `flux db …`)
        refuses nothing and leaves PostgreSQL as it is; SQLite is still brought to head.
        A database with no exercises gets `catalogue`'s, when one is given.
        """
        if url is None:
            paths.ensure_data_dir()
        resolved = resolve_url(url)
        database = cls(_create_engine(resolved), resolved, catalogue)
        if check_schema or database.dialect == "sqlite":
            database._prepare(refuse=check_schema)
        return database

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def masked_url(self) -> str:
        return mask_url(self.url)

    @contextmanager
    def unit_of_work(self, *, read_only: bool = False) -> Iterator[SqlUnitOfWork]:
        """One transaction: committed when the block ends, rolled back if it raises.

        `read_only` units take no write lock on SQLite (plain deferred `BEGIN`).
        """
        bind = self._read_engine if read_only else self.engine
        with self._translate_errors(), bind.connect() as connection, connection.begin():
            uow = SqlUnitOfWork(connection)
            try:
                yield uow
                uow.flush()
            finally:
                uow.close()

    def current(self) -> str | None:
        """The schema revision the database is at (None when blank)."""
        with self._translate_errors(connecting=True), self._read_engine.connect() as connection:
            return schema.current_revision(connection)

    def upgrade(self) -> tuple[str | None, str]:
        """Migrate to the head revision and seed a blank catalogue; returns (before, after)."""
        with (
            self._translate_errors(connecting=True),
            self.engine.connect() as connection,
            _sqlite_foreign_keys_off(connection),
            connection.begin(),
        ):
            if self.dialect == "postgresql":
                lock = text("SELECT pg_advisory_xact_lock(:key)")
                connection.execute(lock, {"key": _PG_MIGRATION_LOCK})
            before = schema.current_revision(connection)  # again, now that we hold the lock
            self._refuse_unknown(before)
            if before != schema.HEAD_REVISION:
                schema.run_upgrade(connection)
                _check_foreign_keys(connection)
            if self._catalogue is not None:
                _seed_if_empty(connection, self._catalogue)
        return before, schema.HEAD_REVISION

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _prepare(self, *, refuse: bool) -> None:
        """Check the schema revision cheaply; migrate or seed only when needed."""
        with self._translate_errors(connecting=True), self._read_engine.connect() as connection:
            revision = schema.current_revision(connection)
            ready = revision == schema.HEAD_REVISION and (
                self._catalogue is None or _has_exercises(connection)
            )
        if ready or not (refuse or schema.is_known(revision)):
            return
        self._refuse_unknown(revision)
        if self.dialect != "sqlite" and revision != schema.HEAD_REVISION:
            raise StorageError(
                f"database schema is at {revision or 'none'}, flux needs {schema.HEAD_REVISION}",
                hint="run: flux db upgrade",
            )
        self.upgrade()

    @staticmethod
    def _refuse_unknown(revision: str | None) -> None:
        if not schema.is_known(revision):
            raise StorageError(
                f"database schema is at {revision}, newer than this flux knows "
                f"({schema.HEAD_REVISION})",
                hint="upgrade flux",
            )

    @contextmanager
    def _translate_errors(self, *, connecting: bool = False) -> Iterator[None]:
        """Every DB-API failure becomes a one-line flux error that never shows a password.

        A value the database refuses (out of range, too long) is bad input (exit 2);
        everything else is storage trouble (exit 3) with a hint for its cause. A statement
        cancelled by Ctrl-C is an interruption, whatever the driver wrapped it in.
        """
        try:
            yield
        except DBAPIError as exc:
            if _cancelled(exc):
                raise KeyboardInterrupt from None
            raise self._error(exc, connecting=connecting) from None
        except UnicodeError:
            if not connecting:
                raise
            # The host name cannot be looked up (IDNA refuses it): bad input, not a crash.
            raise InputError(
                f"the database URL {self.masked_url} names a host that is not a valid host name",
                hint="check the host of --db / FLUX_DATABASE_URL, and percent-encode the "
                "user name and password: @ as %40, / as %2F, : as %3A, ? as %3F",
            ) from None

    def _error(self, exc: DBAPIError, *, connecting: bool) -> InputError | StorageError:
        reason = scrub(str(exc.orig if exc.orig is not None else exc), self.url)[:300]
        where = self.masked_url
        if isinstance(exc, DataError):
            return InputError(
                f"the database refused a value: {reason}",
                hint="check the numbers and lengths given (see flux --help of the command)",
            )
        lowered = reason.lower()
        if self.dialect == "sqlite" and "locked" in lowered:
            from flux_cli.storage.holders import describe

            path = self.engine.url.database or ""
            return StorageError(
                f"the database at {where} stayed locked for {BUSY_TIMEOUT_S} s: {describe(path)}",
                hint="another flux command (an import, a dashboard save) is writing; "
                "wait for it to finish, then run this again",
            )
        if self.dialect == "sqlite" and (
            "not a database" in lowered or "malformed" in lowered or "disk i/o" in lowered
        ):
            return StorageError(
                f"cannot use the database at {where}: damaged or not a flux database ({reason})",
                hint="point --db / FLUX_DATABASE_URL at a flux database, or restore a backup",
            )
        if any(word in lowered for word in _URL_WORDS):
            return InputError(
                f"the database URL {where} is not usable as given: {reason}",
                hint="remove or correct the query parameters of --db / FLUX_DATABASE_URL",
            )
        if "permission denied" in lowered or "readonly database" in lowered:
            return StorageError(
                f"the database at {where} refused access: {reason}",
                hint="use a database user (or a file) flux may write: --db / FLUX_DATABASE_URL",
            )
        if isinstance(exc, IntegrityError):
            return StorageError(
                f"the database at {where} refused the change: {reason}",
                hint="nothing was written; run the command again (another flux process may "
                "have made the same change), and if it keeps failing run: flux db current",
            )
        if isinstance(exc, ProgrammingError) or _schema_trouble(lowered):
            return StorageError(
                f"the database at {where} does not match what this flux expects: {reason}",
                hint="run: flux db current  (a database made by another program or "
                "damaged by hand cannot be used; restore a backup)",
            )
        if connecting:
            return StorageError(
                f"cannot use the database at {where}: {reason}",
                hint="check the database URL (--db / FLUX_DATABASE_URL) and that "
                + (
                    "its directory exists and is writable"
                    if self.dialect == "sqlite"
                    else "the server is running and reachable"
                ),
            )
        return StorageError(
            f"database error at {where}: {reason}",
            hint="run the command again"
            + ("" if self.dialect == "sqlite" else " once the server is reachable"),
        )


_URL_WORDS = ("connection option", "invalid dsn", "in connection info string", "invalid uri")
_SCHEMA_WORDS = ("duplicate column", "no such column", "no such table", "already exists")


def _schema_trouble(reason: str) -> bool:
    return any(word in reason for word in _SCHEMA_WORDS)


def _cancelled(exc: DBAPIError) -> bool:
    """Whether the failure comes of Ctrl-C: a statement cancelled on request (SQLSTATE 57014),
    or an error raised while the driver was unwinding a KeyboardInterrupt (psycopg's
    `cannot exit pipeline mode while busy`)."""
    if getattr(exc.orig, "sqlstate", None) == "57014" or str(exc.orig) == "interrupted":
        return True
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def resolve_url(url: str | None) -> str:
    """The SQLAlchemy URL flux will use for `url` (None: the default SQLite file)."""
    if url is None:
        return sqlite_url(str(paths.default_sqlite_path()))
    return normalise_url(url)


def sqlite_file(url: str | None) -> str | None:
    """The absolute path of the SQLite file `url` names (None: not a SQLite file)."""
    from sqlalchemy.engine import make_url

    resolved = make_url(resolve_url(url))
    database = resolved.database
    if resolved.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    return str(Path(database).absolute())


def _create_engine(url: str) -> Engine:
    """The engine for `url`; a URL SQLAlchemy would only warn about is refused instead."""
    import warnings

    from sqlalchemy.exc import SAWarning

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", SAWarning)
            if url.startswith("sqlite"):
                return _sqlite_engine(url)
            _quiet_driver_logs()
            return create_engine(
                url,
                pool_pre_ping=True,
                connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "flux"},
            )
    except SAWarning as warning:
        reason = scrub(str(warning).split(" (Background on")[0], url)
        raise InputError(
            f"the database URL {mask_url(url)} is not usable as given: {reason}",
            hint="remove the query parameters the driver does not take",
        ) from None
    except (ArgumentError, ValueError, TypeError) as exc:
        raise InputError(
            f"cannot parse the database URL {mask_url(url)}: {scrub(str(exc), url)}"
        ) from None


def _quiet_driver_logs() -> None:
    """psycopg logs what it ignores while cleaning up after a failure or Ctrl-C (`error ignored
    terminating <psycopg.Pipeline …>`), and SQLAlchemy's pool a connection it could not reset
    (`Exception during reset or similar`, with a traceback); with no handler Python prints
    them to stderr. The failure itself reaches the user as a flux error, so they are dropped."""
    import logging

    for name in ("psycopg", "sqlalchemy.pool"):
        logger = logging.getLogger(name)
        if not any(isinstance(handler, logging.NullHandler) for handler in logger.handlers):
            logger.addHandler(logging.NullHandler())
        logger.propagate = False


def _sqlite_engine(url: str) -> Engine:
    in_memory = url in ("sqlite://", "sqlite:///:memory:")
    options: dict[str, Any] = {"connect_args": {"timeout": BUSY_TIMEOUT_S}}
    if in_memory:
        options = {"connect_args": {"check_same_thread": False}, "poolclass": StaticPool}
    engine = create_engine(url, **options)
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: object) -> None:
    # flux emits BEGIN itself (below); sqlite3's own transaction handling stays out of the way.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.close()


@contextmanager
def _sqlite_foreign_keys_off(connection: Connection) -> Iterator[None]:
    """SQLite foreign keys off while migrating: a table rebuild must not cascade deletes.

    SQLite ignores the pragma inside a transaction, so it is set before the migration's own.
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    raw = connection.connection.driver_connection
    assert raw is not None
    raw.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        raw.execute("PRAGMA foreign_keys = ON")


def _check_foreign_keys(connection: Connection) -> None:
    """Refuse (roll back) a SQLite migration that left a dangling reference."""
    if connection.dialect.name == "sqlite":
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
        if broken is not None:
            raise StorageError(f"migration left a broken reference in {broken[0]}")


def _sqlite_on_begin(connection: Connection) -> None:
    read_only = connection.get_execution_options().get(_READ_ONLY, False)
    connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def _has_exercises(connection: Connection) -> bool:
    return connection.execute(text("SELECT 1 FROM exercises LIMIT 1")).first() is not None


def _seed_if_empty(connection: Connection, catalogue: Catalogue) -> None:
    """Load `catalogue` into a database that has no exercises yet."""
    if _has_exercises(connection):
        return
    uow = SqlUnitOfWork(connection)
    try:
        uow.exercises.upsert(catalogue())
        uow.flush()
    finally:
        uow.close()
