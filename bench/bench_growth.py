"""Reads that do not grow with history: 20 years of daily training against one year.

`flux plan --json` and `flux checkin` as processes; `session complete` and the dashboard's
data load in process (each complete runs on a freshly started session, whose rows are
removed again untimed). Target for each: 20 years within 1.2× of one year.

The 20-year store (7,300 sessions, 146,000 sets) is generated once and cached under the
system's temporary directory; each run works on a copy.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from common import FLUX, median_call, median_runs, row
from generate import create_database, fill

if TYPE_CHECKING:  # flux is imported inside the timed functions
    from flux_cli.services import Context

SETS_PER_SESSION = 20
CACHE = Path(tempfile.gettempdir()) / "flux-bench-growth"
STORES = {"1 year": 365, "20 years": 7300}


def _store(years_label: str, days: int, end: dt.date) -> Path:
    """A daily-history store ending on `end`, built once per day and cached."""
    cached = CACHE / f"{end.isoformat()}-{days}d-v2" / "flux.db"
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(dir=CACHE))
        db_path = create_database(building)
        fill(db_path, sessions=days, sets_per_session=SETS_PER_SESSION, end=end, span_days=days)
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{db_path}{suffix}").exists():
                shutil.move(f"{db_path}{suffix}", f"{cached}{suffix}")
        shutil.rmtree(building, ignore_errors=True)
    return cached


def _copy(cached: Path, home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    shutil.copy(cached, home / "flux.db")


def _in_process(home: Path, today: dt.date, runs: int) -> tuple[float, float]:
    """(median seconds of `complete_session`, of the dashboard's data load) on `home`."""
    os.environ["FLUX_HOME"] = str(home)
    from flux_cli import services
    from flux_cli.services import workout

    ctx = services.keep_open(services.Context())
    try:
        services.checkin(ctx, {"knee_pain": "2", "energy": "7"}, today)
        dashboard = median_call(lambda: workout.dashboard(ctx, today), runs)
        complete = _median_complete(ctx, home, today, runs)
    finally:
        services.close(ctx)
    return complete, dashboard


def _median_complete(ctx: Context, home: Path, today: dt.date, runs: int) -> float:
    import statistics
    import time

    from flux_cli import services

    def reset() -> None:
        with sqlite3.connect(home / "flux.db") as connection:
            connection.execute(
                "DELETE FROM workout_sessions WHERE date = ? AND status != 'active'",
                (today.isoformat(),),
            )

    samples = []
    for _ in range(runs + 1):
        services.start_session(ctx, today)
        services.log_sets(ctx, "Back Squat", ["100x5"], day=today)  # an empty one refuses
        started = time.perf_counter()
        services.complete_session(ctx)
        samples.append(time.perf_counter() - started)
        reset()
    return statistics.median(samples[1:])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    today = dt.date.today()
    end = today - dt.timedelta(days=1)
    process: dict[str, dict[str, tuple[float, int]]] = {}
    inner: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, days in STORES.items():
            home = Path(tmp) / label.replace(" ", "-")
            _copy(_store(label, days, end), home)
            env = {**os.environ, "FLUX_HOME": str(home)}
            subprocess.run(
                [FLUX, "checkin", "knee_pain=2", "energy=7"],
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            process[label] = median_runs(
                {
                    "plan": [FLUX, "plan", "--json"],
                    "checkin": [FLUX, "checkin", "knee_pain=2", "energy=7", "--json"],
                },
                runs,
                env,
            )
            inner[label] = _in_process(home, today, runs)
    print(
        f"20 years ({STORES['20 years'] * SETS_PER_SESSION:,} sets) vs one year "
        f"({STORES['1 year'] * SETS_PER_SESSION:,} sets) of daily history, median of {runs} runs"
    )
    small, large = "1 year", "20 years"
    for name in ("plan", "checkin"):
        command = "flux plan --json" if name == "plan" else "flux checkin --json"
        print(
            row(
                command,
                process[large][name][0] * 1000,
                process[small][name][0] * 1000,
                "ms",
                "target ≤ 1.20",
            )
        )
    labels: list[tuple[str, Callable[[tuple[float, float]], float]]] = [
        ("session complete (in process)", lambda got: got[0]),
        ("dashboard data load (in process)", lambda got: got[1]),
    ]
    for label, pick in labels:
        print(
            row(label, pick(inner[large]) * 1000, pick(inner[small]) * 1000, "ms", "target ≤ 1.20")
        )


if __name__ == "__main__":
    main()
