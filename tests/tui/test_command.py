"""`flux dashboard` as a command: lazy imports, exit 3 when the database is unreachable,
exit 2 without a terminal (the start-up errors run in a pseudo-terminal, as a user would)."""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flux_cli.entry import app
from flux_cli.services import Context
from flux_cli.tui.app import make_app
from tests.tui.test_terminal import ANSI, FLUX


def in_a_terminal(args: list[str], home: Path, timeout: float = 60.0) -> tuple[int, str]:
    """Run `flux ARGS` on a pseudo-terminal until it exits: its exit code and what it wrote."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "FLUX_HOME": str(home), "TERM": "xterm-256color", "NO_COLOR": "1"}
    for name in ("FLUX_DATABASE_URL", "FLUX_PROFILE", "FLUX_CONFIG", "TEXTUAL"):
        env.pop(name, None)
    process = subprocess.Popen([str(FLUX), *args], stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    output = bytearray()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the other end closed: the process has exited
                break
            if not chunk:
                break
            output += chunk
        elif process.poll() is not None:
            break
    else:
        process.kill()
        raise AssertionError(f"still running after {timeout} s:\n{output[-2000:]!r}")
    os.close(master)
    code = process.wait(timeout=10)
    return code, ANSI.sub(b"", bytes(output)).decode("utf-8", "replace")


def test_without_a_terminal_it_refuses_at_once_with_exit_2(tmp_path: Path) -> None:
    env = {**os.environ, "FLUX_HOME": str(tmp_path)}
    result = subprocess.run(
        [str(FLUX), "dashboard"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("flux: error: flux dashboard needs a terminal")
    assert "hint: run it in a terminal window" in result.stderr
    assert result.stdout == ""


def test_under_the_test_runner_it_is_the_same_error() -> None:
    result = CliRunner().invoke(app, ["dashboard"])
    assert result.exit_code == 2
    assert result.stderr.startswith("flux: error: flux dashboard needs a terminal")


@pytest.mark.slow
def test_unreachable_database_is_exit_3_with_the_usual_error(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "dir" / "flux.db"
    code, text = in_a_terminal(["--db", f"sqlite:///{missing}", "dashboard"], tmp_path)
    assert code == 3, text
    assert "flux: error: cannot use the database" in text
    assert "Traceback" not in text


@pytest.mark.slow
def test_unreachable_postgres_is_exit_3_without_the_password(tmp_path: Path) -> None:
    url = "postgresql+psycopg://flux:s3cret-pw@127.0.0.1:1/flux"
    code, text = in_a_terminal(["--db", url, "dashboard"], tmp_path)
    assert code == 3, text
    assert "flux: error: cannot use the database" in text
    assert "s3cret-pw" not in text


@pytest.mark.slow
def test_broken_rules_file_is_exit_2_naming_the_line(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("readiness:\n  knee_pain: {min: 0, max: oops}\n")
    code, text = in_a_terminal(["--config", str(rules), "dashboard"], tmp_path)
    assert code == 2, text
    assert "flux: error:" in text
    assert f"{rules}:2" in text.replace("\r\n", "")  # the terminal may wrap the long path
    assert "Traceback" not in text


def test_help_lists_dashboard_without_loading_textual() -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from flux_cli.entry import app\n"
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


@pytest.mark.slow
def test_a_file_that_is_not_a_database_is_exit_3(tmp_path: Path) -> None:
    garbage = tmp_path / "flux.db"
    garbage.write_bytes(b"this is not an SQLite file\n" * 100)
    code, text = in_a_terminal(["--db", f"sqlite:///{garbage}", "dashboard"], tmp_path)
    assert code == 3, text
    assert "flux: error: cannot use the database" in text
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
