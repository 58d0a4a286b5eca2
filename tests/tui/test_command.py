"""`flux dashboard` as a command: lazy imports, exit 3 when the database is unreachable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flux_cli.cli.main import app
from flux_cli.services import Context
from flux_cli.tui.app import make_app


def test_unreachable_database_is_exit_3_with_the_usual_error(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "dir" / "flux.db"
    result = CliRunner().invoke(app, ["--db", f"sqlite:///{missing}", "dashboard"])
    assert result.exit_code == 3
    assert result.stderr.startswith("flux: error: cannot use the database")
    assert "Traceback" not in result.output


def test_unreachable_postgres_is_exit_3_without_the_password() -> None:
    url = "postgresql+psycopg://flux:s3cret-pw@127.0.0.1:1/flux"
    result = CliRunner().invoke(app, ["--db", url, "dashboard"])
    assert result.exit_code == 3
    assert result.stderr.startswith("flux: error: cannot use the database")
    assert "s3cret-pw" not in result.output


def test_broken_rules_file_is_exit_2_naming_the_line(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("readiness:\n  knee_pain: {min: 0, max: oops}\n")
    result = CliRunner().invoke(app, ["--config", str(rules), "dashboard"])
    assert result.exit_code == 2
    assert result.stderr.startswith("flux: error:")
    assert f"{rules}:2" in result.stderr
    assert "Traceback" not in result.output


def test_help_lists_dashboard_without_loading_textual() -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from flux_cli.cli.main import app\n"
        "result = CliRunner().invoke(app, ['--help'])\n"
        "assert 'dashboard' in result.output, result.output\n"
        "assert 'textual' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_no_color_is_respected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert make_app(Context()).no_color
    monkeypatch.delenv("NO_COLOR")
    assert not make_app(Context()).no_color


def test_a_file_that_is_not_a_database_is_exit_3(tmp_path: Path) -> None:
    garbage = tmp_path / "flux.db"
    garbage.write_bytes(b"this is not an SQLite file\n" * 100)
    result = CliRunner().invoke(app, ["--db", f"sqlite:///{garbage}", "dashboard"])
    assert result.exit_code == 3
    assert result.stderr.startswith("flux: error: cannot use the database")
    assert garbage.read_bytes() == b"this is not an SQLite file\n" * 100  # left as it was


@pytest.mark.asyncio
async def test_a_database_lost_after_start_is_shown_in_place_not_an_exit(tmp_path: Path) -> None:
    from flux_cli import services
    from flux_cli.tui.screens.today import TodayScreen
    from tests.tui.conftest import wait_text

    path = tmp_path / "flux.db"
    app_ = make_app(Context(db_url=f"sqlite:///{path}"))
    async with app_.run_test(size=(100, 30)) as pilot:
        await wait_text(pilot, "No check-in today")
        services.close(app_.ctx)  # the app's open database goes; the next action reopens it
        path.write_bytes(b"garbage" * 1000)
        await pilot.press("r")
        await wait_text(pilot, "cannot load today: cannot use the database")
        await wait_text(pilot, "(r to retry)")
        assert isinstance(app_.screen, TodayScreen) and app_.is_running
        assert app_.startup_error is None
