"""Parse Hevy app CSV exports (kg, lbs and miles layouts) as a stream.

- A workout is the run of consecutive rows sharing `start_time` and `title`; Hevy writes the
  newest workout first and its rows together. Rows of a finished workout seen again later
  are refused.
- Times (`15 Sep 2025, 07:48`) are local wall-clock with no zone: `tz` is attached, UTC
  when None. `set_index` (0-based) and `superset_id` go to `metadata`; warm-up, failure
  and drop sets keep their `set_type`.
- The unit is in the column name (`weight_kg`/`weight_lbs`, `distance_km`/`distance_miles`),
  so `units` is not needed; pounds and miles are converted, the written figure kept in
  `metadata`. Zero `duration_seconds` and `distance` mean "not used" and become None.
- Exact duplicate rows are kept: the sample export repeats an exercise block inside one
  workout with identical sets, which are real sets. `external_id` hashes the start time as
  written and the title, so a re-import of an overlapping export adds nothing.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from flux_cli.imports.csvsource import CsvSource
from flux_cli.imports.detect import wrong_format
from flux_cli.imports.records import SET_TYPES, ImportedSet, ImportRecord, SetType, Units
from flux_cli.imports.values import (
    RowError,
    parse_count,
    parse_datetime,
    parse_nonzero,
    parse_number,
    to_kg,
    to_m,
)
from flux_cli.imports.workouts import WorkoutHead, assemble

_REQUIRED = ("title", "start_time", "exercise_title")
_SET_TYPES: dict[str, SetType] = {set_type: set_type for set_type in SET_TYPES}
_WEIGHT_COLUMNS = {"weight_kg": "kg", "weight_lbs": "lb", "weight_lb": "lb"}
_DISTANCE_COLUMNS = {
    "distance_km": "km",
    "distance_miles": "mi",
    "distance_mi": "mi",
    "distance_meters": "m",
    "distance_m": "m",
}


def parse(
    stream: Iterable[str],
    *,
    units: Units | None = None,
    tz: dt.tzinfo | None = None,
    skip_invalid: bool = False,
    name: str | None = None,
    line_offset: int = 0,
) -> Iterator[ImportRecord]:
    """Yield each workout of a Hevy export (and RowProblems under `skip_invalid`)."""
    del units  # the header names its units
    source = CsvSource(stream, name=name, skip_invalid=skip_invalid, line_offset=line_offset)
    index: dict[str, int] = {}
    for position, column in enumerate(source.header):
        index.setdefault(column.casefold(), position)
    missing = [column for column in _REQUIRED if column not in index]
    if missing:
        raise wrong_format(source, "hevy", missing)
    return assemble(source, _HevyRows(index), source="hevy", tz=tz)


def _pick(index: dict[str, int], options: dict[str, str]) -> tuple[int, str]:
    """The first of `options` present in the header (-1 if none), with its unit."""
    for column, unit in options.items():
        if column in index:
            return index[column], unit
    return -1, next(iter(options.values()))


class _HevyRows:
    """Reads Hevy rows against one header; absent columns read as index -1 ('')."""

    def __init__(self, index: dict[str, int]) -> None:
        self._start, self._end, self._title, self._description = (
            index.get(column, -1) for column in ("start_time", "end_time", "title", "description")
        )
        self._exercise, self._notes, self._type = (
            index.get(column, -1) for column in ("exercise_title", "exercise_notes", "set_type")
        )
        self._set_index, self._superset = index.get("set_index", -1), index.get("superset_id", -1)
        self._reps, self._seconds, self._rpe = (
            index.get(column, -1) for column in ("reps", "duration_seconds", "rpe")
        )
        self.notes_at = -1  # Hevy's `description` is read once, by `head`
        # The cells identifying a row's workout (see SetRows.key), fetched in one C call.
        self.key: Callable[[list[str]], tuple[str, ...]] = operator.itemgetter(
            self._start, self._title
        )
        self._weight, self._weight_unit = _pick(index, _WEIGHT_COLUMNS)
        self._distance, self._distance_unit = _pick(index, _DISTANCE_COLUMNS)

    def head(self, fields: list[str]) -> WorkoutHead:
        started = parse_datetime(fields[self._start], "start_time")
        end_text = fields[self._end]
        ended = parse_datetime(end_text, "end_time") if end_text.strip() else None
        title = " ".join(fields[self._title].split())
        return WorkoutHead(started, ended, title, fields[self._description].strip() or None)

    def make_set(self, fields: list[str], line: int, position: int) -> ImportedSet:
        exercise = " ".join(fields[self._exercise].split())
        if not exercise:
            raise RowError("exercise_title is empty")
        written_type = fields[self._type].strip()
        set_type = _SET_TYPES.get(written_type.casefold() or "normal")
        if set_type is None:
            raise RowError(f"set_type {written_type!r} is not one of {', '.join(SET_TYPES)}")
        metadata: dict[str, Any] = {}
        for column, at in (("set_index", self._set_index), ("superset_id", self._superset)):
            if text := fields[at].strip():
                metadata[column] = int(parse_count(text, column) or 0)
        weight = parse_nonzero(fields[self._weight], "weight")
        if self._weight_unit != "kg" and weight is not None:
            metadata[f"weight_{self._weight_unit}"] = weight
        distance = parse_nonzero(fields[self._distance], "distance")
        if self._distance_unit == "mi" and distance is not None:
            metadata["distance_mi"] = distance
        reps = parse_count(fields[self._reps], "reps")
        if reps is not None and reps != int(reps):
            metadata["reps_raw"] = reps
        rpe = parse_number(fields[self._rpe], "rpe")
        if rpe is not None and not 0 <= rpe <= 10:
            raise RowError(f"rpe {fields[self._rpe]!r} is not between 0 and 10")
        return ImportedSet(
            line=line,
            exercise=exercise,
            position=position,
            weight_kg=to_kg(weight, self._weight_unit),
            reps=int(reps) if reps else None,
            seconds=parse_nonzero(fields[self._seconds], "seconds"),
            distance_m=to_m(distance, self._distance_unit),
            rpe=rpe or None,
            set_type=set_type,
            notes=fields[self._notes].strip() or None,
            metadata=metadata,
        )
