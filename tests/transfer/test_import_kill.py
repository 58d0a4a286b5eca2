"""An import killed midway (SIGKILL, no chance to clean up) leaves the database as it was."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from transfer_support import REPO_ROOT, STRONG_HEADER, Counts, stored_counts

pytestmark = pytest.mark.slow


def _big_strong_export(path: Path, workouts: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write(STRONG_HEADER + "\n")
        for number in range(workouts):
            date = f"20{number // 8760 % 100:02d}-01-01 00:00:00"
            stamp = f"{date[:11]}{number % 24:02d}:{number // 24 % 60:02d}:{number // 1440:02d}"
            for order in range(1, 21):
                out.write(f'{stamp},"W{number}",1h,"Squat (Barbell)",{order},100,5,0,0,"",,\n')
    return path


def _flux(*args: str) -> list[str]:
    return [sys.executable, "-m", "flux_cli", *args]


def test_sigkill_during_an_import_writes_nothing(tmp_path: Path) -> None:
    export = _big_strong_export(tmp_path / "big.csv", 10_000)  # 200,000 sets
    env = {**os.environ, "FLUX_HOME": str(tmp_path)}
    subprocess.run(_flux("db", "upgrade"), env=env, cwd=REPO_ROOT, check=True, capture_output=True)
    wal = tmp_path / "flux.db-wal"

    process = subprocess.Popen(
        _flux("import", str(export), "--quiet"),
        env=env,
        cwd=REPO_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    # Wait until the import is visibly writing: its transaction spills pages to the WAL.
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > 1_000_000:
            break
        time.sleep(0.01)
    still_running = process.poll() is None
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)

    assert still_running, "the import finished before it could be killed; make the file bigger"
    assert process.returncode == -signal.SIGKILL
    assert stored_counts(tmp_path / "flux.db") == Counts()
    with sqlite3.connect(tmp_path / "flux.db") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("SELECT count(*) FROM exercises").fetchone()[0] > 0
    # The lock died with the process: the next import runs to the end.
    small = tmp_path / "small.csv"
    with export.open(encoding="utf-8") as lines:
        small.write_text("".join(next(lines) for _ in range(41)), encoding="utf-8")
    done = subprocess.run(
        _flux("import", str(small), "--quiet"), env=env, cwd=REPO_ROOT, capture_output=True
    )
    assert done.returncode == 0, done.stderr
    assert stored_counts(tmp_path / "flux.db") == Counts(workouts=2, sets=40)
