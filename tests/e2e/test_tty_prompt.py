"""`flux checkin` asks for missing readiness inputs when it runs on a terminal."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

FLUX = str(Path(sys.executable).with_name("flux"))


def _read_until(fd: int, needle: bytes, timeout: float = 30) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while needle not in seen:
        if time.monotonic() > deadline:
            raise AssertionError(f"no {needle!r} on the terminal; saw {seen!r}")
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            seen += os.read(fd, 4096)
    return seen


def test_checkin_prompts_for_missing_inputs_on_a_tty(tmp_path: Path) -> None:
    env = {**os.environ, "FLUX_HOME": str(tmp_path), "NO_COLOR": "1"}
    env.pop("FLUX_DATABASE_URL", None)
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [FLUX, "checkin", "knee_pain=2", "--date", "2026-11-21"],
        stdin=terminal,
        stdout=subprocess.PIPE,
        stderr=terminal,
        env=env,
    )
    os.close(terminal)
    try:
        prompt = _read_until(controller, b"[0-10]")
        assert b"Energy" in prompt
        os.write(controller, b"11\n")  # out of range: asked again, not stored
        _read_until(controller, b"[0-10]")
        os.write(controller, b"7\n")
        out, _ = process.communicate(timeout=60)
    finally:
        os.close(controller)
        process.kill()
    assert process.returncode == 0
    assert b"GREEN" in out
    plan = subprocess.run(
        [FLUX, "plan", "--date", "2026-11-21", "--json"], env=env, capture_output=True, check=True
    )
    assert json.loads(plan.stdout)["readiness"] == {"knee_pain": 2, "energy": 7}
