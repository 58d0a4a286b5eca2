"""`flux plan --json` over two years of history vs the bare import time of what it needs.

Target: time ≤ 1.3 × the import floor of what the command needs (`FLOOR` below): Typer,
SQLAlchemy Core with its SQLite dialect, yaml, and pydantic with one model built. A bare
`import pydantic` is lazy and loads none of the model machinery every plan needs; the SQLite
dialect is useless without its driver (`sqlite3`); the plan reads with Core, so neither
`sqlalchemy.orm` nor Rich belongs in the floor. Peak memory
is printed beside the floor's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import tempfile
from pathlib import Path

from common import FLUX, PYTHON, median_runs, row
from generate import create_database, fill

FLOOR = (
    "import typer, yaml, sqlite3, sqlalchemy, sqlalchemy.dialects.sqlite.pysqlite, pydantic\n"
    "class One(pydantic.BaseModel):\n    x: int\n"
    "One(x=1)"
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    today = dt.date.today()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        db_path = create_database(home)
        sets = fill(db_path, sessions=300, sets_per_session=20, end=today - dt.timedelta(days=1))
        env = {**os.environ, "FLUX_HOME": str(home)}
        subprocess.run(
            [FLUX, "checkin", "knee_pain=2", "energy=7", "--json"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        figures = median_runs(
            {
                "imports": [PYTHON, "-c", FLOOR],
                "floor": [PYTHON, "-c", "pass"],
                "plan": [FLUX, "plan", "--json"],
                "what-if": [FLUX, "plan", "knee_pain=5", "energy=6", "--json"],
            },
            runs,
            env,
        )
    baseline, baseline_rss = figures["imports"]
    floor, floor_rss = figures["floor"]
    plan, plan_rss = figures["plan"]
    whatif, _ = figures["what-if"]
    print(f"flux plan --json over 300 sessions / {sets} sets, median of {runs} runs")
    print(
        "floor: import typer, yaml, sqlite3, SQLAlchemy Core + SQLite dialect, pydantic + a model"
    )
    print(
        row(
            "flux plan --json (recorded check-in)",
            plan * 1000,
            baseline * 1000,
            "ms",
            "target ≤ 1.30",
        )
    )
    print(row("flux plan --json (what-if)", whatif * 1000, baseline * 1000, "ms", "target ≤ 1.30"))
    print(
        row(
            "peak RSS of flux plan vs the import floor",
            plan_rss / 1024,
            baseline_rss / 1024,
            "MiB",
            "printed, no target",
        )
    )
    print(
        row(
            "peak RSS of flux plan vs python -c pass",
            plan_rss / 1024,
            floor_rss / 1024,
            "MiB",
            "interpreter floor",
        )
    )
    print(f"(python -c pass: {floor * 1000:.1f} ms)")


if __name__ == "__main__":
    main()
