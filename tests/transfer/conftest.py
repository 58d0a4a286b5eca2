"""Fixtures for import/export tests: the CLI in-process, and a blank database to start from."""

from __future__ import annotations

from pathlib import Path

import pytest
from transfer_support import Flux
from typer.testing import CliRunner, Result

from flux_cli.cli.main import app


@pytest.fixture
def flux() -> Flux:
    """Invoke the flux app in-process; stdout and stderr are kept apart."""
    runner = CliRunner()

    def invoke(*args: str | Path, input: str | bytes | None = None) -> Result:
        return runner.invoke(app, [str(arg) for arg in args], input=input)

    return invoke


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """The default SQLite database of this test's FLUX_HOME."""
    return tmp_path / "flux.db"
