"""e1RM history of one exercise over 1,000,000 stored sets (target ≤ 100 ms).

The baseline is a plain sqlite3 query that fetches the same rows, in the same run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import tempfile
from pathlib import Path

from common import median_call, row
from generate import create_database, fill


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sets", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        db_path = create_database(home)
        per_session = 20
        stored = fill(
            db_path,
            sessions=args.sets // per_session,
            sets_per_session=per_session,
            end=dt.date.today(),
        )
        from flux_cli import services

        ctx = services.Context()
        series: list = []

        def flux_e1rm() -> None:
            series[:] = services.e1rm_history(ctx, "Back Squat")

        connection = sqlite3.connect(db_path)

        def raw_rows() -> None:
            connection.execute(
                "select s.date, w.weight_kg, w.reps from workout_sets w"
                " join workout_sessions s on s.id = w.session_id"
                " join exercises e on e.id = w.exercise_id"
                " where e.name = 'Back Squat' and s.profile_id = 1 and s.status = 'completed'"
                " and w.weight_kg is not null and w.reps is not null"
            ).fetchall()

        flux_time = median_call(flux_e1rm, args.runs)
        raw_time = median_call(raw_rows, args.runs)
        squat_sets = connection.execute(
            "select count(*) from workout_sets w join exercises e on e.id = w.exercise_id"
            " where e.name = 'Back Squat'"
        ).fetchone()[0]
    print(
        f"e1RM history of Back Squat over {stored:,} stored sets"
        f" ({squat_sets:,} of them Back Squat),"
        f" median of {args.runs} runs; {len(series)} days in the series"
    )
    print(
        row(
            "services.e1rm_history (open, query, compute)",
            flux_time * 1000,
            raw_time * 1000,
            "ms",
            "target ≤ 100 ms absolute",
        )
    )


if __name__ == "__main__":
    main()
