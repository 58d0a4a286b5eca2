"""Read flux's own CSV and JSONL exports (what `flux export` writes) back into records.

Both formats hold one record per set and one per activity, with the columns of
`FLUX_COLUMNS` (JSONL leaves out empty ones). A set record carries its session's fields;
`session_metadata`, `plan` and `result` are written on a session's first row only and read
from there. The rows of one session are consecutive; `session_id` is the session's portable
id (its external id), so re-importing an export adds nothing. Times are ISO 8601 with an
offset; a time without one gets `tz` (UTC when None).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from flux_cli.errors import InputError
from flux_cli.imports.bounds import (
    OVERLONG_LINE,
    OVERLONG_REASON,
    ROW_FAILURES,
    check_activity,
    check_day,
    check_moment,
    check_set,
    check_text,
    row_reason,
    short_reason,
)
from flux_cli.imports.csvsource import SKIP_HINT, CsvSource, stream_name
from flux_cli.imports.detect import guess_format, wrong_format
from flux_cli.imports.records import (
    ImportedActivity,
    ImportedSet,
    ImportedWorkout,
    ImportRecord,
    RowProblem,
    SessionDetails,
    Units,
)
from flux_cli.imports.values import RowError, localize
from flux_cli.present.cells import restore_cell

SESSION_COLUMNS = (
    "record", "session_id", "source", "date", "started_at", "ended_at", "status",
    "session_name", "archetype", "state", "anchor_pattern", "conditioning_protocol",
    "session_notes", "session_metadata", "plan", "result",
)  # fmt: skip
SET_COLUMNS = (
    "position", "exercise", "weight_kg", "reps", "seconds", "distance_m", "rpe", "metadata",
    "logged_at",
)  # fmt: skip
ACTIVITY_COLUMNS = ("activity_type", "elapsed_s", "moving_s", "avg_hr", "max_hr", "avg_watts")
FLUX_COLUMNS = SESSION_COLUMNS + SET_COLUMNS + ACTIVITY_COLUMNS

WORKOUT_SOURCES = ("flux", "strong", "hevy")
ACTIVITY_SOURCES = ("strava",)
_STATUSES = ("completed", "abandoned")
_BINARY = re.compile("[\x00\ud800-\udfff]")

Cells = Callable[[str], Any]
"""A record's value for a column: text (CSV) or JSON values (JSONL); None when empty."""


def parse_csv(
    stream: Iterable[str],
    *,
    units: Units | None = None,
    tz: dt.tzinfo | None = None,
    skip_invalid: bool = False,
    name: str | None = None,
    line_offset: int = 0,
) -> Iterator[ImportRecord]:
    """Yield the sessions and activities of a flux CSV export."""
    del units  # flux files are in kilograms and metres
    source = CsvSource(stream, name=name, skip_invalid=skip_invalid, line_offset=line_offset)
    index: dict[str, int] = {}
    for position, column in enumerate(source.header):
        index.setdefault(column.casefold(), position)
    missing = [column for column in ("session_id", "date", "exercise") if column not in index]
    if missing:
        raise wrong_format(source, "flux-csv", missing)
    return _records(_csv_cells(source, index), source.problem, tz)


def _csv_cells(
    source: CsvSource, index: dict[str, int]
) -> Iterator[tuple[int, Cells | None, str | None]]:
    for line, fields, error in source.rows():
        if error is not None:
            yield line, None, error
            continue
        yield line, _csv_reader(fields, index), None


def _csv_reader(fields: list[str], index: dict[str, int]) -> Cells:
    def cell(column: str) -> str | None:
        # The export neutralised spreadsheet formulas (`'=…`): read back the text as it was.
        return restore_cell(fields[index.get(column, -1)]) or None

    return cell


def parse_jsonl(
    stream: Iterable[str],
    *,
    units: Units | None = None,
    tz: dt.tzinfo | None = None,
    skip_invalid: bool = False,
    name: str | None = None,
    line_offset: int = 0,
) -> Iterator[ImportRecord]:
    """Yield the sessions and activities of a flux JSONL export."""
    del units, line_offset  # JSONL has no header, so a stream is never split into parts
    name = stream_name(stream, name)
    lines = iter(stream)
    first = next(lines, "")
    if not first.lstrip("\ufeff \t").startswith("{"):
        found = guess_format(first)
        hint = f"it looks like a {found} export: use --format {found}" if found else None
        raise InputError(f"{name} line 1: not a flux-jsonl export: not a JSON object", hint=hint)

    def problem(line: int, reason: str) -> RowProblem:
        reason = short_reason(reason)
        if not skip_invalid:
            raise InputError(f"{name} line {line}: {reason}", hint=SKIP_HINT)
        return RowProblem(line, reason)

    return _records(_jsonl_cells(itertools.chain([first], lines)), problem, tz)


def _jsonl_cells(stream: Iterable[str]) -> Iterator[tuple[int, Cells | None, str | None]]:
    lines = iter(stream)
    number = 0
    while True:
        try:
            text = next(lines)
        except StopIteration:
            return
        except UnicodeDecodeError:
            yield number + 1, None, "not UTF-8 text (binary data?); the rest is unreadable"
            return
        number += 1
        if not text.strip():
            continue
        if text == OVERLONG_LINE:
            yield number, None, OVERLONG_REASON
            continue
        if _BINARY.search(text):
            yield number, None, "holds NUL or non-UTF-8 bytes (binary data?)"
            continue
        try:
            value = json.loads(text)
        except RecursionError:
            yield number, None, "is nested too deeply to be a flux record"
            continue
        except ValueError as exc:
            truncated = "; truncated file?" if not text.endswith("\n") else ""
            yield number, None, f"is not valid JSON ({exc}{truncated})"
            continue
        if not isinstance(value, dict):
            yield number, None, f"is a JSON {type(value).__name__}, not an object"
            continue
        yield number, value.get, None


@dataclass
class _Session:
    """The session being assembled from consecutive set records."""

    key: tuple[str, str]
    first_line: int
    head: dict[str, Any] | None = None
    error: str | None = None
    sets: list[ImportedSet] = field(default_factory=list)

    def finish(self) -> ImportedWorkout | None:
        if self.head is None or not self.sets:
            return None
        return ImportedWorkout(sets=tuple(self.sets), first_line=self.first_line, **self.head)


def _records(
    rows: Iterator[tuple[int, Cells | None, str | None]],
    problem: Callable[[int, str], RowProblem],
    tz: dt.tzinfo | None,
) -> Iterator[ImportRecord]:
    current: _Session | None = None
    done: dict[tuple[str, str], int] = {}
    after_activities, last_date = False, ""

    def close() -> ImportedWorkout | None:
        nonlocal current
        if current is None:
            return None
        done[current.key] = current.first_line
        workout, current = current.finish(), None
        return workout

    for line, cells, error in rows:
        if cells is None:
            yield problem(line, error or "unreadable")
            continue
        try:
            kind = _text(cells("record"), "record") or "set"
            if kind not in ("set", "activity"):
                raise RowError(f"record {kind!r} is not 'set' or 'activity'")
            if kind == "activity":
                if (workout := close()) is not None:
                    yield workout
                after_activities = True
                yield check_activity(_activity(cells, line, tz))
                continue
            key = (_text(cells("source"), "source") or "flux", _required(cells, "session_id"))
        except ROW_FAILURES as exc:
            yield problem(line, row_reason(exc))
            continue
        # An export lists sessions by date, then activities: a set after an activity, or on
        # an earlier day, starts another export concatenated to this one (`cat a.jsonl b.jsonl`).
        day = str(cells("date") or "")
        if after_activities or day < last_date:
            done.clear()
        after_activities, last_date = False, day
        if current is None or key != current.key:
            if (workout := close()) is not None:
                yield workout
            current = _Session(key, line)
            if key in done:
                current.error = (
                    f"continues session {key[1]!r} that starts on line {done[key]} after "
                    "other records; the rows of one session must be consecutive"
                )
            else:
                try:
                    current.head = _session_head(cells, key, tz)
                except ROW_FAILURES as exc:
                    current.error = row_reason(exc)
        if current.error is not None:
            yield problem(line, current.error)
            continue
        try:
            current.sets.append(check_set(_set(cells, line, len(current.sets) + 1, tz)))
        except ROW_FAILURES as exc:
            yield problem(line, row_reason(exc))
    if (workout := close()) is not None:
        yield workout


def _session_head(cells: Cells, key: tuple[str, str], tz: dt.tzinfo | None) -> dict[str, Any]:
    source, session_id = key
    if source not in WORKOUT_SOURCES:
        raise RowError(f"source {source!r} is not one of {', '.join(WORKOUT_SOURCES)}")
    day = _date(_required(cells, "date"), "date")
    started = _datetime(cells("started_at"), "started_at", tz)
    check_day(day, "date")
    check_moment(started, "started_at")
    check_text(_text(cells("session_name"), "session_name"), "session_name")
    check_text(_text(cells("session_notes"), "session_notes"), "session_notes")
    status = _text(cells("status"), "status") or "completed"
    if status not in _STATUSES:
        raise RowError(f"status {status!r} is not one of {', '.join(_STATUSES)}")
    details = SessionDetails(
        date=day,
        status=status,  # type: ignore[arg-type]
        state=_text(cells("state"), "state"),
        archetype=_text(cells("archetype"), "archetype"),
        anchor_pattern=_text(cells("anchor_pattern"), "anchor_pattern"),
        conditioning_protocol=_text(cells("conditioning_protocol"), "conditioning_protocol"),
        plan=_object(cells("plan"), "plan"),
        result=_object(cells("result"), "result"),
    )
    return {
        "source": source,
        "external_id": session_id,
        "started_at": started or dt.datetime.combine(day, dt.time(), tz or dt.UTC),
        "ended_at": _checked(_datetime(cells("ended_at"), "ended_at", tz), "ended_at"),
        "name": _text(cells("session_name"), "session_name") or "",
        "notes": _text(cells("session_notes"), "session_notes"),
        "metadata": _object(cells("session_metadata"), "session_metadata") or {},
        "details": details,
    }


def _checked(moment: dt.datetime | None, what: str) -> dt.datetime | None:
    check_moment(moment, what)
    return moment


def _set(cells: Cells, line: int, default_position: int, tz: dt.tzinfo | None) -> ImportedSet:
    exercise = " ".join(_required(cells, "exercise").split())
    position = _integer(cells("position"), "position")
    reps = _integer(cells("reps"), "reps")
    return ImportedSet(
        line=line,
        exercise=exercise,
        position=default_position if position is None else position,
        weight_kg=_number(cells("weight_kg"), "weight_kg"),
        reps=reps,
        seconds=_number(cells("seconds"), "seconds"),
        distance_m=_number(cells("distance_m"), "distance_m"),
        rpe=_number(cells("rpe"), "rpe"),
        metadata=_object(cells("metadata"), "metadata") or {},
        logged_at=_datetime(cells("logged_at"), "logged_at", tz),
    )


def _activity(cells: Cells, line: int, tz: dt.tzinfo | None) -> ImportedActivity:
    source = _text(cells("source"), "source") or "strava"
    if source not in ACTIVITY_SOURCES:
        raise RowError(f"activity source {source!r} is not one of {', '.join(ACTIVITY_SOURCES)}")
    started = _datetime(_required(cells, "started_at"), "started_at", tz)
    assert started is not None
    return ImportedActivity(
        source="strava",
        external_id=_required(cells, "session_id"),
        line=line,
        kind=_required(cells, "activity_type"),
        started_at=started,
        name=_text(cells("session_name"), "session_name") or "",
        elapsed_s=_number(cells("elapsed_s"), "elapsed_s"),
        moving_s=_number(cells("moving_s"), "moving_s"),
        distance_m=_number(cells("distance_m"), "distance_m"),
        avg_hr=_number(cells("avg_hr"), "avg_hr"),
        max_hr=_number(cells("max_hr"), "max_hr"),
        avg_watts=_number(cells("avg_watts"), "avg_watts"),
        notes=_text(cells("session_notes"), "session_notes"),
        metadata=_object(cells("metadata"), "metadata") or {},
        date=_date(_required(cells, "date"), "date"),
    )


# ---------------------------------------------------------------------------- cells


def _required(cells: Cells, column: str) -> str:
    value = _text(cells(column), column)
    if not value:
        raise RowError(f"{column} is empty")
    return value


def _text(value: Any, what: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise RowError(f"{what} {value!r} is not text")


def _number(value: Any, what: str) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise RowError(f"{what} {value!r} is not a number")
    try:
        number = float(value)
    except ValueError:
        raise RowError(f"{what} {value!r} is not a number") from None
    if not math.isfinite(number):
        raise RowError(f"{what} {value!r} is not a number")
    return number


def _integer(value: Any, what: str) -> int | None:
    number = _number(value, what)
    if number is None:
        return None
    if not number.is_integer() or number < 0:
        raise RowError(f"{what} {value!r} is not a whole number")
    return int(number)


def _object(value: Any, what: str) -> Mapping[str, Any] | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise RowError(f"{what} {value!r} is not JSON") from None
    if not isinstance(value, dict):
        raise RowError(f"{what} is not a JSON object")
    return value


def _date(value: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise RowError(f"{what} {value!r} is not a date (YYYY-MM-DD)") from None


def _datetime(value: Any, what: str, tz: dt.tzinfo | None) -> dt.datetime | None:
    text = _text(value, what)
    if text is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise RowError(f"{what} {text!r} is not an ISO date and time") from None
    return localize(moment, tz) if moment.tzinfo is None else moment
