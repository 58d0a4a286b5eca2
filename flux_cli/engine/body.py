"""What the engine reads about the body: sessions and activities as load, sets by muscle,
soreness and recent check-ins, all inside the rules' windows (built by `storage.body`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ExerciseBody:
    """An exercise's movement pattern and the muscles it trains (from the catalogue)."""

    pattern: str | None = None
    primary: tuple[str, ...] = ()
    secondary: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SessionLoad:
    """A completed flux session as the ledger needs it.

    `session_rpe` and `minutes` are what the athlete reported at completion, else None;
    `set_rpes` the RPE of each logged set that had one; `work_seconds` timed work logged.
    """

    date: dt.date
    name: str
    set_count: int
    session_rpe: float | None = None
    minutes: float | None = None
    set_rpes: tuple[float, ...] = ()
    work_seconds: float = 0


@dataclass(frozen=True, slots=True)
class ActivityLoad:
    """An imported or logged endurance activity (a Strava ride) as the ledger needs it."""

    date: dt.date
    kind: str
    name: str
    minutes: float | None = None
    avg_watts: float | None = None
    avg_hr: float | None = None
    relative_effort: float | None = None


@dataclass(frozen=True, slots=True)
class MuscleSet:
    """One logged set of a completed session, by exercise, for per-muscle fatigue."""

    date: dt.date
    exercise: str
    rpe: float | None = None


@dataclass(frozen=True, slots=True)
class SorenessLog:
    """Soreness the athlete reported for one muscle group on one day, 0-10."""

    date: dt.date
    muscle: str
    value: float


@dataclass(frozen=True, slots=True)
class CheckinState:
    """The state a past check-in came to, and the readiness inputs it was given."""

    date: dt.date
    state: str
    inputs: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class BodyHistory:
    """Everything before `as_of` inside the rules' windows that load and recovery derive from.

    `sessions` and `activities` cover `load.window_days`; `sets` and `soreness` cover
    `recovery.window_days` (soreness also the day itself: it is reported like readiness);
    `checkins` the latest few before the day; `exercises` the catalogue facts of
    every exercise in `sets` and every exercise the rules can prescribe.
    """

    as_of: dt.date
    sessions: tuple[SessionLoad, ...] = ()
    activities: tuple[ActivityLoad, ...] = ()
    sets: tuple[MuscleSet, ...] = ()
    soreness: tuple[SorenessLog, ...] = ()
    checkins: tuple[CheckinState, ...] = ()
    exercises: Mapping[str, ExerciseBody] = field(default_factory=dict)
