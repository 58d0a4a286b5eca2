"""Shared fixtures: a pinned environment, a data directory per test, PostgreSQL on request.

Every test starts from the same environment whatever the calling shell exports (colour,
terminal size, flux settings), and with its own FLUX_HOME holding a database already at the
head revision with the built-in catalogue: migrating and seeding a blank SQLite file costs
about a second, copying a migrated one a few milliseconds. Tests of the first run itself
take `@pytest.mark.blank_home` and get an empty FLUX_HOME.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest
import typer

PG_ENV = "FLUX_TEST_DATABASE_URL"

# Keep what this run compiles, even where PYTHONDONTWRITEBYTECODE is set: without it each
# of the suite's worker processes rewrites the tests' asserts and compiles flux again (3 s
# of each worker's 5 s of collection), and so does every `flux` subprocess a test starts.
# Written under __pycache__/ (ignored by git), checked against the sources by Python.
sys.dont_write_bytecode = False

# Read by flux, Rich, Typer/Click or Textual; the caller's values must not reach the tests.
_CALLER_SETTINGS = (
    "NO_COLOR",
    "FORCE_COLOR",
    "PY_COLORS",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "COLORTERM",
    "COLUMNS",
    "LINES",
    "ROWS",
    "TERMINAL_WIDTH",
    "TERM_PROGRAM",
    "LC_TERMINAL",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "JUPYTER_COLUMNS",
    "JUPYTER_LINES",
    "GITHUB_ACTIONS",
    "DATABRICKS_RUNTIME_VERSION",
    "TYPER_USE_RICH",
    "UNICODE_VERSION",
)
_CALLER_PREFIXES = ("FLUX_", "TEXTUAL", "_TYPER_", "_FLUX_")
# Kept: the PostgreSQL server for tests, and the snapshot plugin's own (it sets one at start).
_KEPT_PREFIXES = (PG_ENV, "TEXTUAL_SNAPSHOT_")
# No animations: a scrollbar caught mid-transition made snapshots differ by one colour.
PINNED = {"TERM": "xterm-256color", "TZ": "UTC", "TEXTUAL_ANIMATIONS": "none"}


_pinned = pytest.MonkeyPatch()


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: half again as many workers as cores. A third of a worker's time is spent
    waiting (Pilot polling, subprocesses, PostgreSQL round trips), so on 2 cores 3 workers
    finish the suite in 145 s where 2 take 175 s (measured 2026-12-01)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(2, (cores or 1) * 3 // 2)


def pytest_configure(config: pytest.Config) -> None:
    """Before collection: drop colour, size and flux settings; fix TERM and the time zone."""
    for name in list(os.environ):
        if name.startswith(_KEPT_PREFIXES):
            continue
        if name in _CALLER_SETTINGS or name.startswith(_CALLER_PREFIXES):
            _pinned.delenv(name)
    for name, value in PINNED.items():
        _pinned.setenv(name, value)
    time.tzset()


def pytest_unconfigure(config: pytest.Config) -> None:
    _pinned.undo()
    time.tzset()


@pytest.fixture(scope="session", autouse=True)
def _cli_built_once() -> Iterator[None]:
    """Typer's CliRunner rebuilds the Click command tree from the app on every invoke.

    That is half the cost of an in-process command. The tree is built once per app and set of
    registered commands (a process builds it once too), from the app as the console script
    wires it: `flux_cli.entry` is imported first, so the dashboard command is in. flux's own
    app is built as the console script builds it (`cli.lazy.lazy_group`).
    """
    import typer.main
    import typer.testing

    import flux_cli.entry  # (registers the dashboard command on the app)
    from flux_cli.cli.lazy import lazy_group

    build = typer.main.get_command  # what typer.testing imports as `_get_command`
    built: dict[tuple[int, int, int], object] = {}

    def get_command(app: typer.Typer) -> object:
        key = (id(app), len(app.registered_commands), len(app.registered_groups))
        if key not in built:
            built[key] = lazy_group(app) if app is flux_cli.entry.app else build(app)
        return built[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typer.testing, "_get_command", get_command)
        yield


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file at the head revision with the built-in catalogue, made once per run."""
    from flux_cli.services.base import builtin_catalogue
    from flux_cli.storage.database import Database

    path = tmp_path_factory.mktemp("template") / "flux.db"
    # Closing the last connection checkpoints the WAL: the file alone is the whole database.
    Database.open(f"sqlite:///{path}", catalogue=builtin_catalogue).close()
    assert not Path(f"{path}-wal").exists()
    return path


Build = Callable[[], object]


@pytest.fixture(scope="session")
def _built_homes() -> dict[str, Path]:
    return {}


@pytest.fixture
def prepared_home(
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    migrated_sqlite: Path,
    _built_homes: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> Callable[[str, Build], None]:
    """`prepare(key, build)`: this test's flux.db becomes what `build()` made of a fresh one.

    `build` runs once per key and run, in a FLUX_HOME of its own; each test then starts from a
    copy of the result, so a costly history (an import of every sample) is made only once.
    """

    def prepare(key: str, build: Build) -> None:
        if key not in _built_homes:
            home = tmp_path_factory.mktemp(f"home-{key}")
            shutil.copyfile(migrated_sqlite, home / "flux.db")
            with monkeypatch.context() as patch:
                patch.setenv("FLUX_HOME", str(home))
                build()
            # Fold the WAL into the file so that the file alone is the whole database.
            with closing(sqlite3.connect(home / "flux.db")) as connection:
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            _built_homes[key] = home / "flux.db"
        shutil.copyfile(_built_homes[key], tmp_path / "flux.db")

    return prepare


@pytest.fixture(autouse=True)
def _isolated_env(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """FLUX_HOME is the test's tmp_path, holding a migrated flux.db unless `blank_home`."""
    monkeypatch.setenv("FLUX_HOME", str(tmp_path))
    if request.node.get_closest_marker("blank_home") is None:
        template: Path = request.getfixturevalue("migrated_sqlite")
        shutil.copyfile(template, tmp_path / "flux.db")


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, blank PostgreSQL database for this test, dropped afterwards.

    Skips when FLUX_TEST_DATABASE_URL is unset; fails when it is set but unreachable.
    """
    admin_url = os.environ.get(PG_ENV)
    if not admin_url:
        pytest.skip(f"{PG_ENV} is not set (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)")
    import psycopg
    from psycopg import sql
    from sqlalchemy import make_url

    from flux_cli.storage.urls import mask_url, normalise_url, scrub

    server = make_url(normalise_url(admin_url))
    try:
        admin = psycopg.connect(
            server.set(drivername="postgresql").render_as_string(hide_password=False),
            autocommit=True,
            connect_timeout=5,
        )
    except psycopg.Error as exc:
        reason = scrub(str(exc), admin_url)
        # No traceback: its frames would show the connection string, password included.
        pytest.fail(
            f"{PG_ENV} is set but unreachable ({mask_url(admin_url)}): {reason}", pytrace=False
        )
    name = f"flux_test_{uuid.uuid4().hex[:12]}"
    with admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            yield server.set(database=name).render_as_string(hide_password=False)
        finally:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
