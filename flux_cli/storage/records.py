"""Plain frozen records: what storage hands to services (no SQLAlchemy in here)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, cast

SessionStatus = Literal["planned", "active", "completed", "abandoned"]
Tracking = Literal["reps", "time", "distance"]
LoadType = Literal[
    "barbell", "dumbbell", "bodyweight", "machine", "cable", "kettlebell", "band", "none"
]
ExerciseSource = Literal["builtin", "free-exercise-db", "custom"]


IN_LIST_SIZE = 500  # ids per IN (...) list, well under SQLite's bound-parameter limit


def chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    """`ids` in slices small enough for one IN (...) list on every back end."""
    for start in range(0, len(ids), IN_LIST_SIZE):
        yield ids[start : start + IN_LIST_SIZE]


def alias_key(name: str) -> str:
    """The lookup key for an exercise name or alias: whitespace collapsed, lowercased."""
    return " ".join(name.split()).lower()


def utc(moment: dt.datetime) -> dt.datetime:
    """`moment` as an aware UTC time (a naive one is taken to be UTC already)."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


@dataclass(frozen=True, slots=True)
class ProfileRecord:
    id: int
    name: str
    settings: dict[str, Any]
    rule_set_id: int | None = None  # the rules file this profile seeded (`flux seed`)


@dataclass(frozen=True, slots=True, kw_only=True)
class ExerciseData:
    """An exercise as a catalogue describes it, before it has a database id."""

    name: str
    aliases: tuple[str, ...] = ()
    pattern: str | None = None
    category: str = "strength"
    mechanic: str | None = None
    equipment: str | None = None
    primary_muscles: tuple[str, ...] = ()
    secondary_muscles: tuple[str, ...] = ()
    tracking: Tracking = "reps"
    load_type: LoadType = "none"
    source: ExerciseSource = "custom"


@dataclass(frozen=True, slots=True, kw_only=True)
class ExerciseRecord(ExerciseData):
    """A stored exercise."""

    id: int


@dataclass(frozen=True, slots=True)
class RuleSetRecord:
    id: int
    text: str
    sha256: str
    active: bool
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class ReadinessRecord:
    id: int
    profile_id: int
    date: dt.date
    inputs: dict[str, float]
    state: str
    recorded_at: dt.datetime
    # The day's --minutes / --equipment given at check-in (None: the profile's defaults).
    minutes: int | None = None
    equipment: str | None = None


@dataclass(frozen=True, slots=True)
class SessionRecord:
    id: int
    profile_id: int
    date: dt.date
    status: SessionStatus
    state: str | None
    archetype: str | None
    session_name: str | None
    anchor_pattern: str | None
    conditioning_protocol: str | None
    plan: dict[str, Any] | None
    result: dict[str, Any] | None
    source: str
    external_id: str | None
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    # Done in a deload (the plan said so): PR charts leave it out.
    deload: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class NewSet:
    """A set to log; `logged_at` defaults to now."""

    exercise_id: int
    weight_kg: float | None = None
    reps: int | None = None
    seconds: float | None = None
    distance_m: float | None = None
    rpe: float | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)
    logged_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class SetRecord:
    id: int
    session_id: int
    exercise_id: int
    exercise: str
    position: int
    weight_kg: float | None
    reps: int | None
    seconds: float | None
    distance_m: float | None
    rpe: float | None
    metadata: dict[str, Any]
    logged_at: dt.datetime


@dataclass(frozen=True, slots=True)
class SessionWithSets:
    session: SessionRecord
    sets: tuple[SetRecord, ...]


@dataclass(frozen=True, slots=True)
class StoredSet:
    """A set as `flux export` writes it: no database ids."""

    position: int
    exercise: str
    weight_kg: float | None
    reps: int | None
    seconds: float | None
    distance_m: float | None
    rpe: float | None
    metadata: dict[str, Any]
    logged_at: dt.datetime


@dataclass(frozen=True, slots=True)
class StoredWorkout:
    """A finished session with everything `flux export` writes about it."""

    portable_id: str
    source: str
    date: dt.date
    status: str
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    session_name: str | None
    archetype: str | None
    state: str | None
    anchor_pattern: str | None
    conditioning_protocol: str | None
    notes: str | None
    metadata: dict[str, Any] | None
    plan: dict[str, Any] | None
    result: dict[str, Any] | None
    sets: tuple[StoredSet, ...]


@dataclass(frozen=True, slots=True)
class ActivityRecord:
    """A stored endurance activity (e.g. from Strava)."""

    source: str
    external_id: str
    kind: str
    date: dt.date
    started_at: dt.datetime
    name: str
    elapsed_s: float | None
    moving_s: float | None
    distance_m: float | None
    avg_hr: float | None
    max_hr: float | None
    avg_watts: float | None
    notes: str | None
    metadata: dict[str, Any]


def session_record(row: Any) -> SessionRecord:
    """A session from anything with its column names as attributes: an ORM row or a SQL row."""
    return SessionRecord(
        id=row.id,
        profile_id=row.profile_id,
        date=row.date,
        status=cast(SessionStatus, row.status),
        state=row.state,
        archetype=row.archetype,
        session_name=row.session_name,
        anchor_pattern=row.anchor_pattern,
        conditioning_protocol=row.conditioning_protocol,
        plan=row.plan,
        result=row.result,
        source=row.source,
        external_id=row.external_id,
        started_at=None if row.started_at is None else utc(row.started_at),
        ended_at=None if row.ended_at is None else utc(row.ended_at),
        deload=bool(getattr(row, "deload", False)),
    )


def set_record(row: Any, exercise_name: str) -> SetRecord:
    """A set from anything with its column names as attributes (`meta` for the metadata)."""
    return SetRecord(
        id=row.id,
        session_id=row.session_id,
        exercise_id=row.exercise_id,
        exercise=exercise_name,
        position=row.position,
        weight_kg=row.weight_kg,
        reps=row.reps,
        seconds=row.seconds,
        distance_m=row.distance_m,
        rpe=row.rpe,
        metadata=dict(row.meta or {}),
        logged_at=utc(row.logged_at),
    )


def activity_record(row: Any) -> ActivityRecord:
    """An activity from anything with its column names as attributes (`meta` for the metadata)."""
    return ActivityRecord(
        source=row.source,
        external_id=row.external_id,
        kind=row.kind,
        date=row.date,
        started_at=utc(row.started_at),
        name=row.name,
        elapsed_s=row.elapsed_s,
        moving_s=row.moving_s,
        distance_m=row.distance_m,
        avg_hr=row.avg_hr,
        max_hr=row.max_hr,
        avg_watts=row.avg_watts,
        notes=row.notes,
        metadata=dict(row.meta or {}),
    )
