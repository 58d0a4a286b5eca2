"""Parse Strong app CSV exports, every header variant and language, as a stream.

- Rows of one workout are consecutive (Strong writes them so); a workout is the run of rows
  sharing `Workout #` (when present), `Date` and `Workout Name`, and is yielded when the
  next one starts. Rows of a finished workout appearing again later are refused.
- `Set Order` digits are normal sets; `W`, `D`, `F` are warm-up, drop and failure sets.
  `Rest Timer` and `Note` rows are not sets: they are counted in `pseudo_rows`, and a rest
  timer's seconds go to the preceding set's `metadata["rest_s"]`, a note row's text to its
  `notes`.
- Units: a unit in the header (`Weight (kg)`, `kg`, `lb`, `km`, `mi`, `Distance (meters)`)
  or a per-row `Weight Unit`/`Distance Unit` cell wins; otherwise the app's unit setting is
  unknowable from the file, so `units` decides (kg when None), with distance in km for kg
  and miles for lb. Kilograms are stored as given (the 2025 layout's lb→kg float noise
  included); pounds and miles are converted and the written figure kept in `metadata`.
- Zero weight, reps, seconds and distance mean "not used" in Strong and become None.
- Exact duplicate rows are kept: Strong restarts `Set Order` when an exercise appears
  twice in one workout, so identical rows can be two real sets. Re-imports stay idempotent
  because `external_id` hashes the start time as written and the workout name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from flux_cli.imports.columns import StrongLayout, normalize, strong_layout
from flux_cli.imports.csvsource import CsvSource
from flux_cli.imports.detect import wrong_format
from flux_cli.imports.records import ImportedSet, ImportRecord, SetType, Units
from flux_cli.imports.values import (
    RowError,
    distance_unit,
    parse_count,
    parse_datetime,
    parse_duration,
    parse_nonzero,
    tidy,
    to_kg,
    to_m,
    weight_unit,
)
from flux_cli.imports.workouts import PseudoRow, WorkoutHead, assemble

_MARKS: dict[str, SetType] = {"w": "warmup", "d": "dropset", "f": "failure"}
_REST_ROWS = frozenset(
    normalize(word)
    for word in ("Rest Timer", "Pausentimer", "Minuteur de repos", "Temporizador de descanso",
                 "Timer di riposo", "休息计时器", "休息計時器")
)  # fmt: skip
_NOTE_ROWS = frozenset(normalize(word) for word in ("Note", "Notes", "Notiz", "Nota", "备注"))


def parse(
    stream: Iterable[str],
    *,
    units: Units | None = None,
    tz: dt.tzinfo | None = None,
    skip_invalid: bool = False,
    name: str | None = None,
) -> Iterator[ImportRecord]:
    """Yield each workout of a Strong export (and RowProblems under `skip_invalid`)."""
    source = CsvSource(stream, name=name, skip_invalid=skip_invalid)
    layout = strong_layout(source.header)
    if layout.missing:
        pretty = {"date": "Date", "exercise": "Exercise Name", "set_order": "Set Order"}
        raise wrong_format(source, "strong", [pretty[field] for field in layout.missing])
    return assemble(source, _StrongRows(layout, units or "kg"), source="strong", tz=tz)


class _StrongRows:
    """Reads Strong rows against one header layout; absent columns read as index -1 ('')."""

    def __init__(self, layout: StrongLayout, units: Units) -> None:
        at = layout.index
        self._number, self._date, self._name = (
            at.get(field, -1) for field in ("workout_number", "date", "workout_name")
        )
        self._duration, self._exercise, self._order = (
            at.get(field, -1) for field in ("duration", "exercise", "set_order")
        )
        self._weight, self._reps, self._distance, self._seconds, self._rpe = (
            at.get(field, -1) for field in ("weight", "reps", "distance", "seconds", "rpe")
        )
        self._notes, self.notes_at = at.get("notes", -1), at.get("workout_notes", -1)
        self._weight_unit_at = at.get("weight_unit", -1)
        self._distance_unit_at = at.get("distance_unit", -1)
        # A unit fixed by the header wins; else a per-row unit column; else the app setting.
        self._default_weight = units
        self._default_distance = "km" if units == "kg" else "mi"
        self._weight_unit = layout.weight_unit or (
            None if "weight_unit" in at else self._default_weight
        )
        self._distance_unit = layout.distance_unit or (
            None if "distance_unit" in at else self._default_distance
        )

    def key(self, fields: list[str]) -> tuple[str, ...]:
        return (fields[self._number], fields[self._date], fields[self._name])

    def head(self, fields: list[str]) -> WorkoutHead:
        started = parse_datetime(fields[self._date], "date")
        duration_s = parse_duration(fields[self._duration])
        ended = started + dt.timedelta(seconds=duration_s) if duration_s else None
        metadata: dict[str, Any] = {}
        if number := fields[self._number].strip():
            metadata["workout_number"] = int(parse_count(number, "workout #") or 0)
        return WorkoutHead(started, ended, " ".join(fields[self._name].split()), None, metadata)

    def make_set(self, fields: list[str], line: int, position: int) -> ImportedSet | PseudoRow:
        order = fields[self._order].strip()
        metadata: dict[str, Any] = {}
        set_type: SetType = "normal"
        if order.isdecimal():
            metadata["set_order"] = int(order)
        else:
            folded = normalize(order)
            if folded in _REST_ROWS:
                return PseudoRow(parse_nonzero(fields[self._seconds], "seconds"))
            if folded in _NOTE_ROWS:
                return PseudoRow(note=fields[self._notes].strip() or None)
            if folded not in _MARKS:
                raise RowError(f"set order {order!r} is not a number, W, D, F, Rest Timer or Note")
            set_type = _MARKS[folded]
            metadata["set_order"] = order
        exercise = tidy(fields[self._exercise])
        if not exercise:
            raise RowError("exercise name is empty")
        weight = parse_nonzero(fields[self._weight], "weight")
        unit = self._weight_unit or self._row_unit(fields, self._weight_unit_at, weight_unit)
        if unit != "kg" and weight is not None:
            metadata[f"weight_{unit}"] = weight
        distance = parse_nonzero(fields[self._distance], "distance")
        distance_in = self._distance_unit or self._row_unit(
            fields, self._distance_unit_at, distance_unit
        )
        if distance_in not in ("m", "km") and distance is not None:
            metadata[f"distance_{distance_in}"] = distance
        reps = parse_count(fields[self._reps], "reps")
        if reps is not None and reps != int(reps):
            metadata["reps_raw"] = reps
        rpe = parse_nonzero(fields[self._rpe], "RPE")
        if rpe is not None and not 0 < rpe <= 10:
            raise RowError(f"RPE {fields[self._rpe]!r} is not between 0 and 10")
        return ImportedSet(
            line=line,
            exercise=exercise,
            position=position,
            weight_kg=to_kg(weight, unit),
            reps=int(reps) if reps else None,
            seconds=parse_nonzero(fields[self._seconds], "seconds"),
            distance_m=to_m(distance, distance_in),
            rpe=rpe,
            set_type=set_type,
            notes=fields[self._notes].strip() or None,
            metadata=metadata,
        )

    def _row_unit(self, fields: list[str], at: int, read: Callable[[str], str | None]) -> str:
        """The unit written in a per-row `Weight Unit` / `Distance Unit` cell."""
        written = fields[at].strip()
        if not written:
            return self._default_weight if read is weight_unit else self._default_distance
        unit = read(written)
        if unit is None:
            raise RowError(f"unit {written!r} is not a known weight or distance unit")
        return unit
