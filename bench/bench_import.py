"""`flux import`: speed against a plain sqlite3 executemany, peak memory, Hevy end to end.

Targets (issue 4):
- a generated 200,000-set Strong CSV imports at ≥ 40 % of the rows/second of a plain
  `sqlite3` executemany of the same parsed rows into an equivalent table (same schema,
  indexes and pragmas, in a copy of a blank flux database), measured in the same run;
- peak memory of that import (the `flux import` process, spawned by a small launcher so
  the RSS is its own) ≤ 250 MB;
- the 7,211-set Hevy sample imports end to end, process start included, in ≤ 1.5 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from common import FLUX, PYTHON, ROOT, run_child

HEVY = ROOT.parent / "shared/data/imports/hevy/DaKheera47-strong-statistics__sample_hevy.csv"
STRONG_HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE"
)
EXERCISES = (
    "Squat (Barbell)", "Bench Press (Barbell)", "Deadlift (Barbell)", "Pull Up",
    "Overhead Press (Barbell)", "Bent Over Row (Barbell)", "Leg Press Keller",
    "Lat Pulldown (Cable)", "Bicep Curl (Dumbbell)", "Plank",
)  # fmt: skip
SETS_PER_WORKOUT = 20


def strong_lines(sets: int, seed: int = 4) -> Iterator[str]:
    """A Strong export of `sets` sets: warm-ups, rest timers, notes, varied loads."""
    rng = random.Random(seed)
    yield STRONG_HEADER + "\n"
    start = dt.datetime(2000, 1, 1, 7, 30)
    for number in range(sets // SETS_PER_WORKOUT):
        date = f"{start + dt.timedelta(days=number, minutes=rng.randint(0, 600)):%Y-%m-%d %H:%M:%S}"
        head = f'{date},"Day {number % 7}, full body",1h {rng.randint(0, 59)}m,'
        picked = rng.sample(EXERCISES, 4)
        for block, exercise in enumerate(picked):
            for order in range(1, SETS_PER_WORKOUT // 4 + 1):
                mark = "W" if order == 1 else str(order - 1)
                weight = rng.choice((0, 20, 40, 60, 62.5, 80, 100, 102.5, 120))
                reps = rng.randint(1, 12)
                rpe = rng.choice(("", "7", "8", "8.5", "9"))
                note = '"felt heavy"' if rng.random() < 0.02 else '""'
                yield f'{head}"{exercise}",{mark},{weight},{reps},0,0,{note},,{rpe}\n'
                if order == 2 and block == 0:
                    yield f'{head}"{exercise}",Rest Timer,0,0,0,{rng.randint(60, 240)},,,\n'


def blank_database(folder: Path) -> Path:
    """A flux database at head with the catalogue, made once and copied for each run."""
    env = {**os.environ, "FLUX_HOME": str(folder)}
    run_child([FLUX, "paths"], env)
    run_child([FLUX, "db", "upgrade"], env)
    return folder / "flux.db"


def parsed_rows(path: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The sessions and sets of the file, parsed by flux, as the rows the baseline inserts."""
    from flux_cli.imports import parse_export, text_stream
    from flux_cli.imports.records import ImportedWorkout

    sessions: list[tuple[Any, ...]] = []
    sets: list[tuple[Any, ...]] = []
    with path.open("rb") as binary:
        for session_id, workout in enumerate(parse_export(text_stream(binary)), start=1):
            assert isinstance(workout, ImportedWorkout), workout  # the generated file is clean
            started = workout.started_at.strftime("%Y-%m-%d %H:%M:%S.%f")
            sessions.append(
                (session_id, 1, workout.started_at.date().isoformat(), "completed",
                 workout.name, "strong", workout.external_id, started, "null")
            )  # fmt: skip
            for item in workout.sets:
                sets.append(
                    (session_id, 1, item.position, item.weight_kg, item.reps, item.seconds,
                     item.distance_m, item.rpe, json.dumps(dict(item.metadata)), started)
                )  # fmt: skip
    return sessions, sets


def baseline_seconds(
    blank: Path, work: Path, sessions: list[tuple[Any, ...]], sets: list[tuple[Any, ...]]
) -> float:
    """Plain sqlite3: executemany the parsed rows into a copy of the blank flux database."""
    target = work / "baseline.db"
    shutil.copy(blank, target)
    connection = sqlite3.connect(target, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute(
        "INSERT INTO profiles (id, name, settings, created_at)"
        " VALUES (1, 'b', '{}', '2025-01-01 00:00:00.000000')"
    )
    started = time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany(
        "INSERT INTO workout_sessions (id, profile_id, date, status, session_name, source,"
        " external_id, started_at, metadata) VALUES (?,?,?,?,?,?,?,?,?)",
        sessions,
    )
    connection.executemany(
        "INSERT INTO workout_sets (session_id, exercise_id, position, weight_kg, reps, seconds,"
        " distance_m, rpe, metadata, logged_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
        sets,
    )
    connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


_TIMED_IMPORT = """
import sys, time
from pathlib import Path
from flux_cli.services.importing import ImportSource, import_files
from flux_cli.services import Context
import flux_cli.services.import_writer, flux_cli.storage.database
export = Path(sys.argv[1])
started = time.perf_counter()
report = import_files(Context(), [ImportSource(name=export.name, path=export)])
elapsed = time.perf_counter() - started
assert report.workouts_added > 0
print(elapsed)
"""


def flux_seconds(blank: Path, work: Path, export: Path) -> float:
    """`import_files` (open, parse, resolve, insert, commit) into a fresh database copy.

    Timed inside a child process after its imports: in this process, the baseline's rows
    held in memory would slow the garbage collector down for flux alone.
    """
    env = fresh_home(blank, work, "flux-home")
    done = subprocess.run(
        [PYTHON, "-c", _TIMED_IMPORT, str(export)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.split()[-1])


def fresh_home(blank: Path, work: Path, name: str) -> dict[str, str]:
    home = work / name
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir()
    shutil.copy(blank, home / "flux.db")
    return {**os.environ, "FLUX_HOME": str(home)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sets", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        blank = blank_database(work / "blank")
        export = work / "strong.csv"
        with export.open("w", encoding="utf-8") as out:
            out.writelines(strong_lines(args.sets))
        sessions, sets = parsed_rows(export)
        flux_seconds(blank, work, export)  # warm-up: module imports, caches
        baseline, flux = [], []
        for _ in range(args.runs):  # turns alternate, so machine load falls on both alike
            baseline.append(baseline_seconds(blank, work, sessions, sets))
            flux.append(flux_seconds(blank, work, export))
        rss = [
            run_child([FLUX, "import", str(export), "--quiet"], fresh_home(blank, work, "m"))[1]
            for _ in range(2)
        ]
        floor_rss = run_child([PYTHON, "-c", "pass"])[1]
        hevy, bare, empty = [], [], []
        run_child([FLUX, "import", str(HEVY), "--quiet"], fresh_home(blank, work, "h"))
        for _ in range(args.runs):
            hevy.append(
                run_child([FLUX, "import", str(HEVY), "--quiet"], fresh_home(blank, work, "h"))[0]
            )
            bare.append(run_child([PYTHON, "-c", "import flux_cli.cli.main"])[0])
            empty.append(run_child([PYTHON, "-c", "pass"])[0])
    base_s, flux_s = statistics.median(baseline), statistics.median(flux)
    base_rate, flux_rate = len(sets) / base_s, len(sets) / flux_s
    print(f"flux import of a generated Strong CSV: {len(sets):,} sets, {len(sessions):,} workouts,")
    print(f"median of {args.runs} runs, each into a fresh copy of a blank database")
    print(f"  plain sqlite3 executemany  {base_s:6.2f} s  {base_rate:9,.0f} sets/s")
    print(f"  flux import (import_files) {flux_s:6.2f} s  {flux_rate:9,.0f} sets/s")
    print(f"  flux / sqlite3 rate        {flux_rate / base_rate:6.0%}      (target ≥ 40 %)")
    print(f"peak RSS of `flux import` on it: {max(rss) / 1024:.0f} MiB (target ≤ 250 MB);"
          f" python -c pass: {floor_rss / 1024:.0f} MiB")  # fmt: skip
    print(f"Hevy sample (7,211 sets) end to end, median of {args.runs} runs:")
    print(f"  flux import                {statistics.median(hevy):6.2f} s  (target ≤ 1.5 s)")
    print(f"  python -c 'import flux_cli.cli.main'  {statistics.median(bare):6.2f} s")
    print(f"  python -c pass             {statistics.median(empty):6.2f} s")


if __name__ == "__main__":
    main()
