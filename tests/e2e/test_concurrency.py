"""Real `flux` processes racing on one SQLite file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

FLUX = str(Path(sys.executable).with_name("flux"))


def test_five_concurrent_flux_log_processes_all_store_their_set() -> None:
    env = dict(os.environ)  # the pinned test environment: FLUX_HOME is tmp_path
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # cache bytecode as an ordinary install does
    # FLUX_HOME holds a migrated database without a profile: five loggers race to make the
    # profile and its ad-hoc session
    loggers = [
        subprocess.Popen(
            [FLUX, "log", "Back Squat", f"{100 + index}x5", "--date", "2026-11-21", "--json"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for index in range(5)
    ]
    results = [(process.wait(timeout=120), *process.communicate()) for process in loggers]
    assert [code for code, _, _ in results] == [0] * 5, [err for _, _, err in results]
    sessions = {json.loads(out)["session_id"] for _, out, _ in results}
    assert len(sessions) == 1, "the loggers should share one ad-hoc session"

    history = subprocess.run(
        [FLUX, "history", "--json"], env=env, check=True, capture_output=True, text=True
    )
    (session,) = json.loads(history.stdout)
    assert sorted(row["weight_kg"] for row in session["sets"]) == [100, 101, 102, 103, 104]
    assert sorted(row["position"] for row in session["sets"]) == [1, 2, 3, 4, 5]
