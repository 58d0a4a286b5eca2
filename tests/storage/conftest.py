"""Storage fixtures: a ready database on SQLite (file in tmp_path) and on PostgreSQL."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from flux_cli.services.base import builtin_catalogue
from flux_cli.storage.database import Database

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, sqlite_url: str) -> str:
    """A blank database URL of each back end."""
    if request.param == "sqlite":
        return sqlite_url
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def db(db_url: str, migrated_sqlite: Path) -> Iterator[Database]:
    """A database at the head revision with the built-in catalogue, on each back end."""
    if db_url.startswith("postgresql"):
        Database.open(db_url, check_schema=False, catalogue=builtin_catalogue).upgrade()
    else:  # a copy of the session's migrated file: blank files are tested in test_schema
        shutil.copyfile(migrated_sqlite, db_url.removeprefix("sqlite:///"))
    database = Database.open(db_url, catalogue=builtin_catalogue)
    yield database
    database.close()


RunPython = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_python() -> RunPython:
    """Run code in a fresh interpreter with this test's environment (FLUX_HOME, …)."""

    def run(code: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", code, *args],
            cwd=REPO_ROOT,
            env=dict(os.environ),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    return run
