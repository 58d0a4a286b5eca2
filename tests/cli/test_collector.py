"""The console script runs short commands without the cyclic garbage collector, long ones with.

`flux_cli.entry.main` turns the collector off (start-up builds thousands of objects it would
scan for nothing); the dashboard, `import` and `export` turn it back on. Run through the real
entry point in a process of its own, which reports the collector's state as it exits.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.samples import REPO_ROOT

PROBE = """
import atexit, gc, sys
atexit.register(lambda: print("collector:", "on" if gc.isenabled() else "off", file=sys.stderr))
from flux_cli.entry import main
sys.argv = ["flux", *sys.argv[1:]]
main()
"""


def _collector_after(home: Path, *args: str, stdin: str = "") -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={"FLUX_HOME": str(home), "PATH": "/usr/bin:/bin"},
        cwd=REPO_ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stderr.strip().splitlines()[-1]


@pytest.mark.slow
def test_short_commands_run_without_the_collector_and_imports_exports_with_it(
    tmp_path: Path,
) -> None:
    assert _collector_after(tmp_path, "plan", "knee_pain=1", "energy=8", "--json") == (
        "collector: off"
    )
    assert _collector_after(tmp_path, "log", "Back Squat", "100x5") == "collector: off"
    assert _collector_after(tmp_path, "session", "complete") == "collector: off"
    assert _collector_after(tmp_path, "export", "--format", "jsonl") == "collector: on"
    exported = subprocess.run(
        [sys.executable, "-m", "flux_cli", "export", "--format", "jsonl"],
        capture_output=True,
        text=True,
        env={"FLUX_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        check=True,
    ).stdout
    assert "Back Squat" in exported
    other = tmp_path / "other"
    assert _collector_after(other, "import", "-", "--quiet", stdin=exported) == "collector: on"
