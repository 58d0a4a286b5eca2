"""Normalised records that the import parsers yield; plain data, no storage.

Every datetime is timezone-aware: Strong and Hevy wall-clock times get the caller's `tz`
(UTC when none is given, so the calendar date never shifts), Strava's UTC times are
converted to `tz` when one is given. Weights are kilograms and distances metres; a value
converted from pounds or miles keeps the figure as written in `metadata`. The weight of an
assisted variant (`Pull Up (Assisted)`, `Pull Up (Band)`) is the help the machine or band
gave, not load: it is kept as `metadata["assistance_kg"]` and `weight_kg` is None.

`ImportedSet` is a plain (not frozen) slotted dataclass: a frozen one costs four times as
much to build, and an import builds one per row. Treat it as read-only all the same.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

SetType = Literal["normal", "warmup", "failure", "dropset"]
WorkoutSource = Literal["strong", "hevy", "flux"]
Units = Literal["kg", "lb"]

SET_TYPES: tuple[SetType, ...] = ("normal", "warmup", "failure", "dropset")


@dataclass(slots=True)
class ImportedSet:
    """One logged set; `position` is its 1-based order within the workout, pseudo-rows excluded.

    `logged_at` is known only for flux's own exports; other sets are stamped with their
    workout's start.
    """

    line: int
    exercise: str
    position: int
    weight_kg: float | None = None
    reps: int | None = None
    seconds: float | None = None
    distance_m: float | None = None
    rpe: float | None = None
    set_type: SetType = "normal"
    notes: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)
    logged_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class SessionDetails:
    """What flux's own exports carry about a session beyond another app's workout."""

    date: dt.date
    status: Literal["completed", "abandoned"] = "completed"
    state: str | None = None
    archetype: str | None = None
    anchor_pattern: str | None = None
    conditioning_protocol: str | None = None
    plan: Mapping[str, Any] | None = None
    result: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class ImportedWorkout:
    """One workout with its sets; `external_id` is stable across re-exports of the same workout."""

    source: WorkoutSource
    external_id: str
    started_at: dt.datetime
    ended_at: dt.datetime | None
    name: str
    notes: str | None
    sets: tuple[ImportedSet, ...]
    first_line: int
    pseudo_rows: int = 0
    metadata: Mapping[str, Any] = field(default_factory=dict)
    details: SessionDetails | None = None


@dataclass(frozen=True, slots=True)
class ImportedActivity:
    """One endurance activity (a Strava row); `external_id` is the activity id."""

    source: Literal["strava"]
    external_id: str
    line: int
    kind: str
    started_at: dt.datetime
    name: str
    elapsed_s: float | None = None
    moving_s: float | None = None
    distance_m: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None
    avg_watts: float | None = None
    notes: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)
    date: dt.date | None = None  # the local calendar day; None: the day of `started_at`


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A row that could not be imported, reported instead of raised under `skip_invalid`."""

    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


ImportRecord = ImportedWorkout | ImportedActivity | RowProblem


def workout_external_id(source: str, started: dt.datetime, name: str) -> str:
    """A stable id from the source, the start time as written (before any zone) and the name."""
    key = f"{source}\x1f{started.isoformat()}\x1f{' '.join(name.split())}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
