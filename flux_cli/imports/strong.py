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
import operator
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

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
_MISSING: Any = object()
V = TypeVar("V")
_MEMO_SIZE = 4096  # distinct cell texts remembered per column kind


def parse(
    stream: Iterable[str],
    *,
    units: Units | None = None,
    tz: dt.tzinfo | None = None,
    skip_invalid: bool = False,
    name: str | None = None,
    line_offset: int = 0,
) -> Iterator[ImportRecord]:
    """Yield each workout of a Strong export (and RowProblems under `skip_invalid`)."""
    source = CsvSource(stream, name=name, skip_invalid=skip_invalid, line_offset=line_offset)
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
        # The cells identifying a row's workout (see SetRows.key), fetched in one C call.
        self.key: Callable[[list[str]], tuple[str, ...]] = operator.itemgetter(
            self._number, self._date, self._name
        )
        self._cells = operator.itemgetter(
            self._order, self._exercise, self._weight, self._distance, self._reps, self._rpe,
            self._seconds, self._notes,
        )  # fmt: skip
        self._names: dict[str, str] = {}
        self._numbers: dict[str, float | None] = {}
        self._counts: dict[str, tuple[int | None, float | None]] = {}

    def head(self, fields: list[str]) -> WorkoutHead:
        started = parse_datetime(fields[self._date], "date")
        duration_s = parse_duration(fields[self._duration])
        ended = started + dt.timedelta(seconds=duration_s) if duration_s else None
        metadata: dict[str, Any] = {}
        if number := fields[self._number].strip():
            metadata["workout_number"] = int(parse_count(number, "workout #") or 0)
        return WorkoutHead(started, ended, " ".join(fields[self._name].split()), None, metadata)

    def make_set(self, fields: list[str], line: int, position: int) -> ImportedSet | PseudoRow:
        # The hot loop of an import: the cells are fetched in one C call, and parsed values
        # are memoised per cell text (texts repeat from row to row).
        order, exercise, weight, distance, reps, rpe, seconds, notes = self._cells(fields)
        set_type: SetType = "normal"
        if not order.isdecimal():
            order = order.strip()
        if order.isdecimal():
            metadata: dict[str, Any] = {"set_order": int(order)}
        else:
            folded = normalize(order)
            if folded in _REST_ROWS:
                return PseudoRow(parse_nonzero(seconds, "seconds"))
            if folded in _NOTE_ROWS:
                return PseudoRow(note=notes.strip() or None)
            if folded not in _MARKS:
                raise RowError(f"set order {order!r} is not a number, W, D, F, Rest Timer or Note")
            set_type = _MARKS[folded]
            metadata = {"set_order": order}
        numbers, missing = self._numbers, _MISSING
        name = self._names.get(exercise, missing)
        if name is missing:
            name = self._exercise_name(exercise)
        kg = numbers.get(weight, missing)
        if kg is missing:
            kg = self._nonzero(weight, "weight")
        unit = self._weight_unit or self._row_unit(fields, self._weight_unit_at, weight_unit)
        if unit != "kg" and kg is not None:
            metadata[f"weight_{unit}"] = kg
            kg = to_kg(kg, unit)
        metres = numbers.get(distance, missing)
        if metres is missing:
            metres = self._nonzero(distance, "distance")
        if metres is not None:
            distance_in = self._distance_unit or self._row_unit(
                fields, self._distance_unit_at, distance_unit
            )
            if distance_in not in ("m", "km"):
                metadata[f"distance_{distance_in}"] = metres
            metres = to_m(metres, distance_in)
        counted = self._counts.get(reps, missing)
        if counted is missing:
            counted = self._count(reps)
        count, fraction = counted
        if fraction is not None:
            metadata["reps_raw"] = fraction
        effort = numbers.get(rpe, missing)
        if effort is missing:
            effort = self._nonzero(rpe, "RPE")
        if effort is not None and not 0 < effort <= 10:
            raise RowError(f"RPE {rpe!r} is not between 0 and 10")
        duration = numbers.get(seconds, missing)
        if duration is missing:
            duration = self._nonzero(seconds, "seconds")
        return ImportedSet(
            line,
            name,
            position,
            kg,
            count,
            duration,
            metres,
            effort,
            set_type,
            (notes.strip() or None) if notes else None,
            metadata,
        )

    def _exercise_name(self, text: str) -> str:
        exercise = tidy(text)
        if not exercise:
            raise RowError("exercise name is empty")
        return self._remember(self._names, text, exercise)

    def _nonzero(self, text: str, what: str) -> float | None:
        return self._remember(self._numbers, text, parse_nonzero(text, what))

    def _count(self, text: str) -> tuple[int | None, float | None]:
        """(reps, or None for 0 or empty; the figure as written when it is a fraction)."""
        value = parse_count(text, "reps")
        fraction = None if value is None or value == int(value) else float(value)
        return self._remember(self._counts, text, (int(value) if value else None, fraction))

    @staticmethod
    def _remember(memo: dict[str, V], text: str, value: V) -> V:
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        memo[text] = value
        return value

    def _row_unit(self, fields: list[str], at: int, read: Callable[[str], str | None]) -> str:
        """The unit written in a per-row `Weight Unit` / `Distance Unit` cell."""
        written = fields[at].strip()
        if not written:
            return self._default_weight if read is weight_unit else self._default_distance
        unit = read(written)
        if unit is None:
            raise RowError(f"unit {written!r} is not a known weight or distance unit")
        return unit
