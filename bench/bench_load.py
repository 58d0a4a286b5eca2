"""The load ledger reads bounded windows: `flux plan --json` and `flux trends` vs history length.

Targets (issue 11): `flux plan --json` over 20 years of daily sessions plus 10 years of
daily activities within 1.2 × the same over one year; `flux trends --weeks 12 --json` over
5 years within 1.5 × `flux plan --json` on the same database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from common import FLUX, median_runs, row
from generate import create_database, fill

KINDS = [("Ride", 90, 190), ("Run", 45, None), ("Ride", 60, 170), ("Walk", 40, None)]


def add_activities(db_path: Path, *, days: int, end: dt.date, seed: int = 11) -> int:
    """One activity a day for `days` days before `end` (rides with power, runs with HR)."""
    rng = random.Random(seed)
    connection = sqlite3.connect(db_path)
    profile_id = connection.execute("select id from profiles where name = 'default'").fetchone()[0]
    rows = []
    for offset in range(days, 0, -1):
        day = end - dt.timedelta(days=offset - 1)
        kind, minutes, watts = KINDS[offset % len(KINDS)]
        seconds = minutes * 60 + rng.randrange(600)
        rows.append(
            (
                profile_id,
                "strava",
                f"bench-{offset}",
                kind,
                day.isoformat(),
                f"{day.isoformat()} 07:00:00.000000",
                seconds,
                seconds,
                20000.0,
                None if watts else 140.0 + rng.randrange(20),
                None,
                watts,
                f"{kind} {offset}",
                None,
                json.dumps({"relative_effort": 50}),
            )
        )
    connection.executemany(
        "insert into activities (profile_id, source, external_id, kind, date, started_at,"
        " elapsed_s, moving_s, distance_m, avg_hr, max_hr, avg_watts, name, notes, metadata)"
        " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    connection.commit()
    connection.close()
    return len(rows)


def database(
    root: Path, name: str, *, years: int, activity_years: int, today: dt.date
) -> dict[str, str]:
    home = root / name
    home.mkdir()
    db_path = create_database(home)
    days = 365 * years
    fill(
        db_path, sessions=days, sets_per_session=6, end=today - dt.timedelta(days=1), span_days=days
    )
    add_activities(db_path, days=365 * activity_years, end=today - dt.timedelta(days=1))
    env = {**os.environ, "FLUX_HOME": str(home)}
    subprocess.run(
        [FLUX, "checkin", "knee_pain=2", "energy=7", "--json"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return env


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--years", type=int, default=20, help="daily sessions, long history")
    parser.add_argument("--activity-years", type=int, default=10)
    parser.add_argument("--trend-years", type=int, default=5)
    args = parser.parse_args()
    today = dt.date.today()
    plan = [FLUX, "plan", "--json"]
    trends = [FLUX, "trends", "--weeks", "12", "--json"]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        short = database(root, "one-year", years=1, activity_years=1, today=today)
        long = database(
            root, "long", years=args.years, activity_years=args.activity_years, today=today
        )
        middle = database(
            root, "trends", years=args.trend_years, activity_years=args.trend_years, today=today
        )
        one_year = median_runs({"plan": plan}, args.runs, short)["plan"][0]
        long_plan = median_runs({"plan": plan}, args.runs, long)["plan"][0]
        timed = median_runs({"plan": plan, "trends": trends}, args.runs, middle)
    print(f"median of {args.runs} runs; daily sessions (6 sets) and daily activities")
    print(
        row(
            f"plan --json, {args.years} y + {args.activity_years} y activities",
            long_plan * 1000,
            one_year * 1000,
            "ms",
            "vs one year, target ≤ 1.20",
        )
    )
    print(
        row(
            f"trends --weeks 12 --json, {args.trend_years} y",
            timed["trends"][0] * 1000,
            timed["plan"][0] * 1000,
            "ms",
            "vs plan, target ≤ 1.50",
        )
    )


if __name__ == "__main__":
    main()
