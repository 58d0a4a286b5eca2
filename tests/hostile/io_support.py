"""Running flux for the hostile I/O tests: in-process (fast, for properties) and as the console
script in a fresh interpreter (the real entry point: usage errors, warnings, exit codes).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from flux_cli.cli.main import app

REPO_ROOT = Path(__file__).resolve().parents[2]
TRACEBACK = "Traceback (most recent call last)"
DOCUMENTED_EXIT_CODES = {0, 1, 2, 3, 130}


@dataclass(frozen=True, slots=True)
class Ran:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def clean(self) -> Ran:
        """Itself, after checking it ended the documented way: no traceback, a known exit code."""
        assert self.code in DOCUMENTED_EXIT_CODES, self
        assert TRACEBACK not in self.output, self.output
        assert "Warning:" not in self.stderr, self.stderr
        if self.code == 130:
            assert self.stderr.endswith("flux: interrupted\n"), self.stderr
        elif self.code != 0:
            assert self.stderr.startswith("flux: error: "), self.stderr
        return self


def invoke(*args: str, env: Mapping[str, str] | None = None, stdin: str | None = None) -> Ran:
    """flux in this process (the test's FLUX_HOME); exceptions surface as a failed check."""
    result = CliRunner().invoke(app, list(args), env=dict(env or {}), input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Ran(result.exit_code, result.stdout, result.stderr)


def console(
    *args: str, env: Mapping[str, str] | None = None, timeout: float = 120, cwd: Path | None = None
) -> Ran:
    """The `flux` console script in a fresh interpreter, with this test's environment."""
    script = Path(sys.executable).with_name("flux")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "flux_cli"]
    done = subprocess.run(
        [*command, *args],
        cwd=cwd or REPO_ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return Ran(done.returncode, done.stdout, done.stderr)
