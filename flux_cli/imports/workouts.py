"""Group consecutive set rows into workouts, one workout in memory at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from flux_cli.imports.aliases import is_assisted
from flux_cli.imports.bounds import (
    ROW_FAILURES,
    check_moment,
    check_set,
    check_text,
    row_reason,
)
from flux_cli.imports.csvsource import CsvSource
from flux_cli.imports.records import (
    ImportedSet,
    ImportedWorkout,
    ImportRecord,
    WorkoutSource,
    workout_external_id,
)
from flux_cli.imports.values import localize


@dataclass(frozen=True, slots=True)
class WorkoutHead:
    """What the first row of a workout says about the whole workout, times as written."""

    started: dt.datetime
    ended: dt.datetime | None
    name: str
    notes: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PseudoRow:
    """A row that is not a set (Strong's `Rest Timer` and `Note` rows), kept on the set before."""

    rest_s: float | None = None
    note: str | None = None


class SetRows(Protocol):
    """How one format reads its rows; `notes_at` is the workout-notes column (-1: none).

    `key` gives the cells that identify a row's workout (raw text, compared cheaply); it
    runs on every row, so formats make it an `operator.itemgetter`.
    """

    notes_at: int
    key: Callable[[list[str]], tuple[str, ...]]

    def head(self, fields: list[str]) -> WorkoutHead:
        """The workout's start, end, name and notes from its first row; RowError if bad."""
        ...

    def make_set(self, fields: list[str], line: int, position: int) -> ImportedSet | PseudoRow:
        """One set (or a pseudo-row) from a row; RowError if bad."""
        ...


class _Group:
    """The workout being assembled (or the reason its rows are refused)."""

    __slots__ = ("error", "first_line", "head", "key", "notes", "pseudo_rows", "sets")

    def __init__(self, key: tuple[str, ...], first_line: int) -> None:
        self.key = key
        self.first_line = first_line
        self.head: WorkoutHead | None = None
        self.error: str | None = None
        self.sets: list[ImportedSet] = []
        self.pseudo_rows = 0
        self.notes: str | None = None

    def add_pseudo(self, row: PseudoRow) -> None:
        """Count a pseudo-row and keep its rest time or note on the set before it."""
        self.pseudo_rows += 1
        if not self.sets:
            return
        last = self.sets[-1]  # not yielded yet, so it may still change
        if row.rest_s:
            last.metadata = {**last.metadata, "rest_s": row.rest_s}
        if row.note:
            last.notes = f"{last.notes}\n{row.note}" if last.notes else row.note

    def finish(self, source: WorkoutSource, tz: dt.tzinfo | None) -> ImportedWorkout | None:
        """The finished workout, or None when it has no importable set."""
        if self.head is None or not self.sets:
            return None
        for item in self.sets:
            if item.weight_kg is not None and is_assisted(item.exercise):
                _as_assistance(item)
        head = self.head
        return ImportedWorkout(
            source=source,
            external_id=workout_external_id(source, head.started, head.name),
            started_at=localize(head.started, tz),
            ended_at=localize(head.ended, tz) if head.ended else None,
            name=head.name,
            notes=head.notes or self.notes,
            sets=tuple(self.sets),
            first_line=self.first_line,
            pseudo_rows=self.pseudo_rows,
            metadata=head.metadata,
        )


def _as_assistance(item: ImportedSet) -> None:
    """Turn an assisted variant's weight into assistance: help given, never load lifted."""
    metadata = {**item.metadata, "assistance_kg": item.weight_kg}
    if (pounds := metadata.pop("weight_lb", None)) is not None:
        metadata["assistance_lb"] = pounds
    item.metadata, item.weight_kg = metadata, None


def assemble(
    csv_source: CsvSource, rows: SetRows, *, source: WorkoutSource, tz: dt.tzinfo | None
) -> Iterator[ImportRecord]:
    """Yield each workout once its last row is read; bad rows become problems or errors."""
    group: _Group | None = None
    group_key: tuple[str, ...] | None = None
    sets: list[ImportedSet] = []
    done: dict[tuple[str, ...], int] = {}
    # Bound once: this loop runs for every row of the file.
    key_of, make_set, notes_at, problem = rows.key, rows.make_set, rows.notes_at, csv_source.problem
    for line, fields, error in csv_source.rows():
        if error is not None:
            yield problem(line, error)
            continue
        key = key_of(fields)
        if key != group_key:
            if group is not None:
                done[group.key] = group.first_line
                if (workout := group.finish(source, tz)) is not None:
                    yield workout
            group, group_key = _Group(key, line), key
            sets = group.sets
            if key in done:
                group.error = (
                    f"continues the workout that starts on line {done[key]} after other "
                    "workouts; rows of one workout must be consecutive"
                )
            else:
                try:
                    group.head = rows.head(fields)
                    check_moment(group.head.started, "date")
                    check_moment(group.head.ended, "end")
                    check_text(group.head.name, "workout name")
                    check_text(group.head.notes, "workout notes")
                except ROW_FAILURES as exc:
                    group.error = row_reason(exc)
        assert group is not None
        if group.error is not None:
            yield problem(line, group.error)
            continue
        try:
            item = make_set(fields, line, len(sets) + 1)
            if type(item) is not PseudoRow:
                check_set(item)  # type: ignore[arg-type]
        except ROW_FAILURES as exc:
            yield problem(line, row_reason(exc))
            continue
        if type(item) is PseudoRow:
            group.add_pseudo(item)
        else:
            sets.append(item)  # type: ignore[arg-type]
        if group.notes is None and (notes := fields[notes_at].strip()):
            group.notes = notes
    if group is not None and (workout := group.finish(source, tz)) is not None:
        yield workout
