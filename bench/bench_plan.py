"""`flux plan --json` over two years of history vs the bare import time of what it needs.

Target: time ≤ 1.3 × the import floor of what the command needs (`FLOOR` below): Typer,
SQLAlchemy Core with its SQLite dialect, yaml, and pydantic with one model built. A bare
`import pydantic` is lazy and loads none of the model machinery every plan needs; the SQLite
dialect is useless without its driver (`sqlite3`); the plan reads with Core, so neither
`sqlalchemy.orm` nor Rich belongs in the floor. A composed plan (the default since composition
is on) also needs OR-Tools' CP-SAT layer, so its floor adds `cp_model_helper` (`COMPOSED`);
a plan from rules with composition off is measured against the first floor. Peak memory is
printed beside the floor's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import tempfile
from pathlib import Path

from common import FLUX, PYTHON, fixed_table_rules, median_runs, row
from generate import create_database, fill

FLOOR = (
    "import typer, yaml, sqlite3, sqlalchemy, sqlalchemy.dialects.sqlite.pysqlite, pydantic\n"
    "class One(pydantic.BaseModel):\n    x: int\n"
    "One(x=1)"
)
COMPOSED = FLOOR + "\nfrom ortools.sat.python import cp_model_helper"


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
        fixed = fixed_table_rules(home)
        figures = median_runs(
            {
                "imports": [PYTHON, "-c", FLOOR],
                "composed-imports": [PYTHON, "-c", COMPOSED],
                "floor": [PYTHON, "-c", "pass"],
                "plan": [FLUX, "plan", "--json"],
                "what-if": [FLUX, "plan", "knee_pain=5", "energy=6", "--json"],
                "fixed": [FLUX, "--config", str(fixed), "plan", "--json"],
            },
            runs,
            env,
        )
    baseline, baseline_rss = figures["imports"]
    composed_floor, _ = figures["composed-imports"]
    floor, floor_rss = figures["floor"]
    plan, plan_rss = figures["plan"]
    whatif, _ = figures["what-if"]
    fixed_plan, _ = figures["fixed"]
    print(f"flux plan --json over 300 sessions / {sets} sets, median of {runs} runs")
    print(
        "floor: import typer, yaml, sqlite3, SQLAlchemy Core + SQLite dialect, pydantic + a model"
        "; composed floor: the same + ortools.sat.python.cp_model_helper"
    )
    for label, value in (("recorded check-in", plan), ("what-if", whatif)):
        print(
            row(
                f"flux plan --json, composed ({label})",
                value * 1000,
                composed_floor * 1000,
                "ms",
                "target ≤ 1.30",
            )
        )
    print(
        row(
            "flux plan --json, composition off",
            fixed_plan * 1000,
            baseline * 1000,
            "ms",
            "target ≤ 1.30",
        )
    )
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
