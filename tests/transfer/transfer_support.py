"""Helpers for import/export tests: the sample exports, independent counts, stored counts."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from typer.testing import Result

from tests.samples import (
    ALL_FIXTURES as ALL_FIXTURES,
)
from tests.samples import (
    ALL_SAMPLES as ALL_SAMPLES,
)
from tests.samples import (
    COUNTABLE_FIXTURES as COUNTABLE_FIXTURES,
)
from tests.samples import (
    FIX_FLUX_CSV as FIX_FLUX_CSV,
)
from tests.samples import (
    FIX_FLUX_JSONL as FIX_FLUX_JSONL,
)
from tests.samples import (
    FIX_HEVY as FIX_HEVY,
)
from tests.samples import (
    FIX_HEVY_LBS as FIX_HEVY_LBS,
)
from tests.samples import (
    FIX_STRAVA as FIX_STRAVA,
)
from tests.samples import (
    FIX_STRONG_2025 as FIX_STRONG_2025,
)
from tests.samples import (
    FIX_STRONG_2026 as FIX_STRONG_2026,
)
from tests.samples import (
    FIX_STRONG_CLASSIC as FIX_STRONG_CLASSIC,
)
from tests.samples import (
    FIXTURES as FIXTURES,
)
from tests.samples import (
    HAVE_SAMPLES as HAVE_SAMPLES,
)
from tests.samples import (
    HEVY as HEVY,
)
from tests.samples import (
    LOCALIZED_FIXTURES as LOCALIZED_FIXTURES,
)
from tests.samples import (
    REPO_ROOT as REPO_ROOT,
)
from tests.samples import (
    SAMPLES as SAMPLES,
)
from tests.samples import (
    STRAVA as STRAVA,
)
from tests.samples import (
    STRONG_2025 as STRONG_2025,
)
from tests.samples import (
    STRONG_CLASSIC as STRONG_CLASSIC,
)
from tests.samples import (
    STRONG_HEADER as STRONG_HEADER,
)
from tests.samples import (
    THIRD_PARTY_FIXTURES as THIRD_PARTY_FIXTURES,
)
from tests.samples import (
    needs_samples as needs_samples,
)

PSEUDO_ORDERS = {"Rest Timer", "Note"}

Flux = Callable[..., Result]  # the `flux` fixture: the CLI invoked in-process


def report(result: Result) -> Any:
    """The JSON of a successful `--json` command (an import report, or a list)."""
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@dataclass(frozen=True)
class Counts:
    workouts: int = 0
    sets: int = 0
    activities: int = 0


def read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and records by plain `csv` (no flux code); `;` when the header uses it."""
    with path.open(encoding="utf-8", newline="") as stream:
        first = stream.readline()
        stream.seek(0)
        delimiter = ";" if first.count(";") > first.count(",") else ","
        reader = csv.reader(stream, delimiter=delimiter)
        header = next(reader)
        return header, list(reader)


def expected_counts(path: Path) -> Counts:
    """What an export holds, counted with each app's documented rules."""
    header, rows = read_rows(path)
    if "Activity ID" in header:
        return Counts(activities=len({row[header.index("Activity ID")] for row in rows}))
    if "exercise_title" in header:
        at = {name: header.index(name) for name in ("start_time", "title")}
        return Counts(
            workouts=len({(row[at["start_time"]], row[at["title"]]) for row in rows}),
            sets=len(rows),
        )
    at = {name: header.index(name) for name in ("Date", "Workout Name", "Set Order")}
    sets = [row for row in rows if row[at["Set Order"]] not in PSEUDO_ORDERS]
    workouts = {(row[at["Date"]], row[at["Workout Name"]]) for row in sets}
    return Counts(workouts=len(workouts), sets=len(sets))


def stored_counts(db_path: Path, profile: str = "default") -> Counts:
    """What the database holds for a profile, read with plain sqlite3."""
    if not db_path.exists():
        return Counts()
    with sqlite3.connect(db_path) as connection:
        found = connection.execute("SELECT id FROM profiles WHERE name = ?", (profile,)).fetchone()
        if found is None:
            return Counts()
        (profile_id,) = found
        workouts, sets = connection.execute(
            "SELECT count(DISTINCT s.id), count(w.id) FROM workout_sessions s"
            " LEFT JOIN workout_sets w ON w.session_id = s.id WHERE s.profile_id = ?",
            (profile_id,),
        ).fetchone()
        (activities,) = connection.execute(
            "SELECT count(*) FROM activities WHERE profile_id = ?", (profile_id,)
        ).fetchone()
    return Counts(workouts=workouts, sets=sets, activities=activities)


def strong_rows(workouts: int, *, sets_per_workout: int = 5, start_day: int = 1) -> Iterator[str]:
    """Lines of a small Strong export: squats, one workout a day in May 2024."""
    for number in range(workouts):
        date = f"2024-05-{start_day + number:02d} 10:00:00"
        for order in range(1, sets_per_workout + 1):
            yield f'{date},"Legs",1h,"Squat (Barbell)",{order},{100 + 5 * number},5,0,0,"",,8\n'


def write_strong(path: Path, lines: Iterator[str] | list[str]) -> Path:
    path.write_text(STRONG_HEADER + "\n" + "".join(lines), encoding="utf-8")
    return path


def earlier_export(path: Path, count: int, *, newest_first: bool = False) -> str:
    """An earlier export of the same account: its oldest `count` workouts, same layout.

    Strong writes oldest first, so those are the first workouts of the file; Hevy writes
    newest first (`newest_first`), so they are the last.
    """
    header, rows = read_rows(path)
    text = path.read_text(encoding="utf-8")
    delimiter = ";" if text.splitlines()[0].count(";") > 1 else ","
    key_columns = ("start_time", "title") if "start_time" in header else ("Date", "Workout Name")
    at = [header.index(name) for name in key_columns]
    order: list[tuple[str, ...]] = []
    for row in rows:
        key = tuple(row[i] for i in at)
        if key not in order:
            order.append(key)
    keep = set(order[-count:] if newest_first else order[:count])
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(row for row in rows if tuple(row[i] for i in at) in keep)
    return out.getvalue()
