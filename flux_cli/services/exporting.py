"""`flux export`: a profile's finished sessions (and activities) as flux CSV/JSONL or Strong CSV.

flux CSV and JSONL write every field `flux import` reads back, so export → import into an
empty profile → export gives the same bytes. Rows are oldest first; `session_id` is the
session's portable id (its external id, or one derived from its start and name), never a
database id. JSON objects are written with sorted keys, so SQLite and PostgreSQL (JSONB)
export the same text. The Strong CSV is the classic 12-column layout, in kilograms and
kilometres, for other apps; it drops what Strong has no column for.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TextIO

from flux_cli.errors import InputError
from flux_cli.present.cells import csv_value, neutralise_cell
from flux_cli.present.numbers import finite_json
from flux_cli.services.base import sql_unit_of_work
from flux_cli.services.importing import parse_zone

if TYPE_CHECKING:
    from flux_cli.services.base import Context
    from flux_cli.storage.records import ActivityRecord, StoredWorkout

EXPORT_FORMATS = ("csv", "jsonl", "strong")
EXPORT_ALIASES = {"flux-csv": "csv", "flux-jsonl": "jsonl"}  # the names `flux import` uses
STRONG_HEADER = (
    "Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight", "Reps",
    "Distance", "Seconds", "Notes", "Workout Notes", "RPE",
)  # fmt: skip
_STRONG_MARKS = {"warmup": "W", "dropset": "D", "failure": "F"}


def export_history(
    ctx: Context,
    out: TextIO,
    *,
    fmt: str = "csv",
    since: dt.date | None = None,
    exercise: str | None = None,
    tz: str | None = None,
) -> int:
    """Write the profile's history to `out` in `fmt`; returns the number of rows written.

    `tz` is the zone Strong's wall-clock `Date` is written in (UTC by default).
    """
    from flux_cli.storage import exports as store

    fmt = EXPORT_ALIASES.get(fmt, fmt)
    if fmt not in EXPORT_FORMATS:
        raise InputError(
            f"unknown export format {fmt!r}",
            hint="use csv (or flux-csv), jsonl (or flux-jsonl) or strong",
        )
    zone = parse_zone(tz) or dt.UTC
    with sql_unit_of_work(ctx, read_only=True) as uow:
        session = uow.orm
        found_profile = uow.profiles.find(ctx.profile)  # an export never creates one
        profile_id = None if found_profile is None else found_profile.id
        exercise_id = None
        if exercise is not None:
            found = uow.exercises.resolve(exercise, profile_id=profile_id)
            if found is None:
                suggestions = uow.exercises.suggest(exercise, profile_id=profile_id)
                hint = f"did you mean: {', '.join(suggestions)}?" if suggestions else None
                raise InputError(f"unknown exercise '{exercise}'", hint=hint)
            exercise_id = found.id
        workouts: Iterator[StoredWorkout] = iter(())
        activities: Iterator[ActivityRecord] = iter(())
        if profile_id is not None:
            workouts = store.exported_workouts(
                session, profile_id, since=since, exercise_id=exercise_id
            )
            if exercise is None and fmt != "strong":
                activities = store.exported_activities(session, profile_id, since=since)
        if fmt == "strong":
            return _write_strong(out, workouts, zone)
        return _write_flux(out, fmt, workouts, activities)


# ---------------------------------------------------------------------------- flux formats


def flux_rows(
    workouts: Iterator[StoredWorkout], activities: Iterator[ActivityRecord]
) -> Iterator[dict[str, Any]]:
    """One dict per set, then one per activity, keyed by `FLUX_COLUMNS`, None for empty."""
    for workout in workouts:
        head = {
            "record": "set",
            "session_id": workout.portable_id,
            "source": workout.source,
            "date": workout.date,
            "started_at": workout.started_at,
            "ended_at": workout.ended_at,
            "status": workout.status,
            "session_name": workout.session_name,
            "archetype": workout.archetype,
            "state": workout.state,
            "anchor_pattern": workout.anchor_pattern,
            "conditioning_protocol": workout.conditioning_protocol,
            "session_notes": workout.notes,
        }
        first = {
            "session_metadata": workout.metadata or None,
            "plan": workout.plan,
            "result": workout.result,
        }
        for number, item in enumerate(workout.sets):
            yield {
                **head,
                **(first if number == 0 else {}),
                "position": item.position,
                "exercise": item.exercise,
                "weight_kg": item.weight_kg,
                "reps": item.reps,
                "seconds": item.seconds,
                "distance_m": item.distance_m,
                "rpe": item.rpe,
                "metadata": item.metadata or None,
                "logged_at": item.logged_at,
            }
    for activity in activities:
        yield {
            "record": "activity",
            "session_id": activity.external_id,
            "source": activity.source,
            "date": activity.date,
            "started_at": activity.started_at,
            "session_name": activity.name,
            "session_notes": activity.notes,
            "distance_m": activity.distance_m,
            "metadata": activity.metadata or None,
            "activity_type": activity.kind,
            "elapsed_s": activity.elapsed_s,
            "moving_s": activity.moving_s,
            "avg_hr": activity.avg_hr,
            "max_hr": activity.max_hr,
            "avg_watts": activity.avg_watts,
        }


def _write_flux(
    out: TextIO,
    fmt: str,
    workouts: Iterator[StoredWorkout],
    activities: Iterator[ActivityRecord],
) -> int:
    from flux_cli.imports.fluxfmt import FLUX_COLUMNS

    count = 0
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(FLUX_COLUMNS)
        for row in flux_rows(workouts, activities):
            writer.writerow([_cell(row.get(column)) for column in FLUX_COLUMNS])
            count += 1
        return count
    for row in flux_rows(workouts, activities):
        row = finite_json(row)  # a bad value stored by an older flux is left out
        values = {column: _json_value(row[column]) for column in FLUX_COLUMNS if column in row}
        line = {column: value for column, value in values.items() if value is not None}
        out.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
        count += 1
    return count


def _cell(value: Any) -> str:
    """A CSV cell: floats in shortest round-trip form, objects as sorted compact JSON, text
    a spreadsheet would run as a formula neutralised (`flux import` restores it).
    """
    value = finite_json(value)  # a bad value stored by an older flux is an empty cell
    if value is None:
        return ""
    if isinstance(value, dict):
        return _dumps(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return neutralise_cell(str(value))


def _json_value(value: Any) -> Any:
    if isinstance(value, dict):
        return json.loads(_dumps(value))  # keys sorted at every depth
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _dumps(value: dict[str, Any]) -> str:
    return json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    )


# ---------------------------------------------------------------------------- Strong CSV


def _write_strong(out: TextIO, workouts: Iterator[StoredWorkout], zone: dt.tzinfo) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(STRONG_HEADER)
    count = 0
    for workout in workouts:
        started = strong_start(workout.date, workout.started_at, zone).strftime("%Y-%m-%d %H:%M:%S")
        duration = _strong_duration(workout.started_at, workout.ended_at)
        previous, order = None, 0
        for item in workout.sets:
            if item.exercise != previous:  # Strong numbers the sets of each exercise block
                previous, order = item.exercise, 0
            mark = _STRONG_MARKS.get(item.metadata.get("set_type", "normal"))
            if mark is None:
                order += 1
            row = [
                started,
                workout.session_name or "",
                duration,
                item.exercise,
                mark or str(order),
                _strong_number(item.weight_kg),
                item.reps or 0,
                _strong_number(item.distance_m / 1000 if item.distance_m else None),
                _strong_number(item.seconds),
                item.metadata.get("notes", ""),
                workout.notes or "",
                "" if item.rpe is None else _strong_number(item.rpe),
            ]
            writer.writerow([csv_value(cell) for cell in row])
            count += 1
    return count


def strong_start(day: dt.date, started_at: dt.datetime | None, zone: dt.tzinfo) -> dt.datetime:
    """The wall-clock start Strong's `Date` gets: always on the session's day.

    Strong knows a workout's day only from its start, so a session logged later for an
    earlier day (`flux log --date`, stamped when it was logged) is written on its own day
    at the time of day it was stamped; one with no start at midnight.
    """
    if started_at is None:
        return dt.datetime.combine(day, dt.time())
    local = started_at.astimezone(zone).replace(tzinfo=None)
    return local if local.date() == day else dt.datetime.combine(day, local.time())


def _strong_number(value: float | None) -> str:
    return "0" if value is None or not math.isfinite(value) else repr(float(value))


def _strong_duration(started: dt.datetime | None, ended: dt.datetime | None) -> str:
    """Strong's `1h 5m` / `52m` / `40s`, or empty when the end is unknown."""
    if started is None or ended is None or ended < started:
        return ""
    seconds = round((ended - started).total_seconds())
    if seconds < 60:
        return f"{seconds}s"
    hours, minutes = divmod(seconds // 60, 60)
    if hours and minutes:
        return f"{hours}h {minutes}m"
    return f"{hours}h" if hours else f"{minutes}m"
