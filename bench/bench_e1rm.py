"""e1RM history of one exercise over 1,000,000 stored sets (target ≤ 100 ms).

Two stores of 1,000,000 sets each:
- athletes: 100 profiles, four years each, a realistic mix (one lift is about 10 % of sets);
  the target is that one athlete's lift history stays fast however large the store grows.
- stress: one profile with a quarter of a million sets of the lift (printed, no target).
Each figure sits beside a plain sqlite3 query that fetches the same rows, in the same run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import tempfile
from pathlib import Path

from common import median_call, row
from generate import create_database, fill

PER_SESSION = 20


def measure(db_path: Path, profile: str, runs: int) -> tuple[float, float, int, int]:
    """(flux seconds, raw seconds, lift sets of the profile, days in the series)."""
    from flux_cli import services

    ctx = services.Context(profile=profile)
    series: list[tuple[dt.date, float]] = []

    def flux_e1rm() -> None:
        series[:] = services.e1rm_history(ctx, "Back Squat")

    connection = sqlite3.connect(db_path)
    query = (
        "select s.date, w.weight_kg, w.reps from workout_sets w"
        " join workout_sessions s on s.id = w.session_id"
        " join exercises e on e.id = w.exercise_id join profiles p on p.id = s.profile_id"
        " where e.name = 'Back Squat' and p.name = ? and s.status = 'completed'"
        " and w.weight_kg is not null and w.reps is not null"
    )

    def raw_rows() -> None:
        connection.execute(query, (profile,)).fetchall()

    flux_time = median_call(flux_e1rm, runs)
    raw_time = median_call(raw_rows, runs)
    lift_sets = len(connection.execute(query, (profile,)).fetchall())
    connection.close()
    return flux_time, raw_time, lift_sets, len(series)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sets", type=int, default=1_000_000)
    args = parser.parse_args()
    end = dt.date.today()
    print(f"e1RM history of Back Squat, {args.sets:,} stored sets, median of {args.runs} runs")
    with tempfile.TemporaryDirectory() as tmp:
        db_path = create_database(Path(tmp) / "athletes")
        athletes = 100
        sessions = args.sets // PER_SESSION // athletes
        for number in range(athletes):
            fill(
                db_path,
                sessions=sessions,
                sets_per_session=PER_SESSION,
                end=end,
                seed=number,
                profile=f"athlete-{number:03d}",
                span_days=1460,
            )
        flux_time, raw_time, lift_sets, days = measure(db_path, "athlete-042", args.runs)
        print(
            row(
                f"{athletes} athletes: one's history ({lift_sets:,} sets, {days} days)",
                flux_time * 1000,
                raw_time * 1000,
                "ms",
                "target ≤ 100 ms absolute",
            )
        )

        os.environ.pop("FLUX_HOME", None)
        db_path = create_database(Path(tmp) / "stress")
        fill(
            db_path,
            sessions=args.sets // PER_SESSION,
            sets_per_session=PER_SESSION,
            end=end,
            lead_lift_everywhere=True,
        )
        flux_time, raw_time, lift_sets, days = measure(db_path, "default", args.runs)
        print(
            row(
                f"stress: one profile ({lift_sets:,} sets, {days} days)",
                flux_time * 1000,
                raw_time * 1000,
                "ms",
                "printed, no target",
            )
        )


if __name__ == "__main__":
    main()
