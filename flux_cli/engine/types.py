"""What the engine reads (profile facts, history) and what it returns (plans, verdicts).

Inputs are frozen dataclasses built by `services` from storage; outputs are pydantic
models because they are serialised as the stable JSON contract of DESIGN §3.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, Field

from flux_cli.engine.body import BodyHistory
from flux_cli.engine.load import LoadSummary

E1RMFormula = Literal["epley", "brzycki", "lombardi", "oconner"]
Units = Literal["kg", "lb"]
Outcome = Literal["up", "hold", "down"]


# ---------------------------------------------------------------------------- inputs


@dataclass(frozen=True, slots=True)
class ProfileFacts:
    """The athlete's facts that prescriptions scale from."""

    name: str = "default"
    ftp_watts: float | None = None
    e1rm_formula: E1RMFormula = "epley"
    units: Units = "kg"
    bodyweight_kg: float | None = None
    bar_kg: float = 20.0
    plates_kg: tuple[float, ...] = (25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25)
    bar_lb: float = 45.0
    plates_lb: tuple[float, ...] = (45.0, 35.0, 25.0, 10.0, 5.0, 2.5)


@dataclass(frozen=True, slots=True)
class LoggedSet:
    """One effort as logged; `metadata` carries protocol data such as `avg_watts`.

    `pattern` is the logged exercise's movement pattern, when known, so a verdict can
    recognise a substitute for a prescribed exercise of that pattern.
    """

    exercise: str
    weight_kg: float | None = None
    reps: int | None = None
    seconds: float | None = None
    distance_m: float | None = None
    rpe: float | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)
    pattern: str | None = None


@dataclass(frozen=True, slots=True)
class DatedSet:
    """A logged set with the date of its session, for e1RM estimates."""

    date: dt.date
    set: LoggedSet


@dataclass(frozen=True, slots=True)
class PastSession:
    """A completed session as the engine needs it: when, what kind, which patterns it trained."""

    date: dt.date
    archetype: str | None
    patterns: frozenset[str]


@dataclass(frozen=True, slots=True)
class ConditioningAttempt:
    """A completed session that prescribed a conditioning block, with the sets logged on it."""

    date: dt.date
    prescription: ConditioningPlan
    sets: tuple[LoggedSet, ...]


@dataclass(frozen=True, slots=True)
class History:
    """What the engine needs from the past: facts as of the start of day `as_of`.

    Storage derives these with bounded reads (`storage.history`); `from_sessions` derives
    the same facts from every past session, the reference they must agree with.

    `session_count`: completed sessions (abandoned ones never count).
    `pattern_debt`: sessions since each pattern was last trained; a pattern missing here
    was never trained and owes `session_count`.
    `archetype_last_done`: the latest day each archetype was completed.
    `last_activity`: the latest day with an endurance activity from another app (a Strava
    ride); it counts as conditioning done for archetypes that have a conditioning block.
    `lift_sets`: per exercise name, sets inside the rules' e1RM window, oldest first.
    `conditioning`: completed sessions that had a conditioning block, oldest first: each
    protocol's attempts at least back to the one that settles its standing.
    """

    as_of: dt.date | None = None
    session_count: int = 0
    pattern_debt: Mapping[str, int] = field(default_factory=dict)
    archetype_last_done: Mapping[str, dt.date] = field(default_factory=dict)
    last_activity: dt.date | None = None
    lift_sets: Mapping[str, tuple[DatedSet, ...]] = field(default_factory=dict)
    conditioning: tuple[ConditioningAttempt, ...] = ()
    # Load, recovery and soreness inside the rules' windows (engine.body); None: not known.
    body: BodyHistory | None = None

    @classmethod
    def from_sessions(
        cls,
        sessions: Sequence[PastSession] = (),
        *,
        lift_sets: Mapping[str, tuple[DatedSet, ...]] | None = None,
        conditioning: Sequence[ConditioningAttempt] = (),
        activity_dates: Sequence[dt.date] = (),
        as_of: dt.date | None = None,
    ) -> History:
        """The facts of a full history: every completed session (in any order) replayed."""
        ordered = sorted(sessions, key=lambda past: past.date)
        debt: dict[str, int] = {}
        last_done: dict[str, dt.date] = {}
        for index, past in enumerate(ordered):
            for pattern in past.patterns:
                debt[pattern] = len(ordered) - 1 - index
            if past.archetype is not None:
                last_done[past.archetype] = max(past.date, last_done.get(past.archetype, past.date))
        return cls(
            as_of=as_of,
            session_count=len(ordered),
            pattern_debt=debt,
            archetype_last_done=last_done,
            last_activity=max(activity_dates, default=None),
            lift_sets=dict(lift_sets or {}),
            conditioning=tuple(sorted(conditioning, key=lambda attempt: attempt.date)),
        )


# ---------------------------------------------------------------------------- outputs


class PlannedExercise(BaseModel):
    """One prescribed exercise. `load_kg` when an e1RM exists, else `rpe` is the target."""

    name: str
    pattern: str | None
    block: str
    sets: int
    reps: int | None = None
    seconds: int | None = None
    load_kg: float | None = None
    rpe: float | None = None
    percent_e1rm: float | None = None
    e1rm_kg: float | None = None
    rest_s: int = 120


class ConditioningPlan(BaseModel):
    """A conditioning block; steady state is one round whose `work_s` is its duration."""

    protocol: str
    kind: Literal["intervals", "steady"]
    level: int
    exercise: str
    rounds: int
    work_s: int
    rest_s: int
    intensity: float
    target_watts: int | None


class Restriction(BaseModel):
    """Work swapped or capped because a readiness input tied to a region restricts it."""

    what: str
    why: str


class ArchetypeScore(BaseModel):
    """How overdue one archetype was today; `priority_score` is None when never done."""

    archetype: str
    allowed: bool
    days_since_last: int | None
    priority_score: float | None


class Plan(BaseModel):
    """The next best action for one day (DESIGN §3, plan JSON)."""

    date: dt.date
    profile: str
    state: str
    readiness: dict[str, float]
    archetype: str
    family: Literal["performance", "recovery"]
    session_name: str
    anchor_pattern: str | None
    priority_score: float | None
    days_since_last: int | None
    pattern_debt: dict[str, int]
    exercises: list[PlannedExercise]
    conditioning: ConditioningPlan | None
    rationale: list[str]
    archetype_scores: list[ArchetypeScore] = Field(default_factory=list)
    conditioning_levels: dict[str, int] = Field(default_factory=dict)
    units: Units = "kg"
    # Patterns no completed session has trained (their `pattern_debt` is a count, not "never").
    never_trained: list[str] = Field(default_factory=list)
    # What each conditioning protocol is, in the rules' words, so HIIT/SIT/SS explain themselves.
    protocol_descriptions: dict[str, str] = Field(default_factory=dict)
    # The body (engine.load, engine.recovery, engine.regions): fatigue, fitness and form going
    # into the day, recovery per muscle group (%), and what a region restriction changed.
    load: LoadSummary | None = None
    recovery: dict[str, int] | None = None
    restrictions: list[Restriction] = Field(default_factory=list)


class VerificationItem(BaseModel):
    """One prescribed item checked against what was logged."""

    item: str
    kind: Literal["strength", "conditioning"]
    prescribed: str
    logged: str
    met: bool
    substitute: str | None = None


class ExtraExercise(BaseModel):
    """An exercise logged that the plan did not prescribe and that substituted for nothing."""

    exercise: str
    pattern: str | None
    logged: str


class ProgressionChange(BaseModel):
    protocol: str
    from_level: int
    to_level: int
    outcome: Outcome
    reason: str


class Verdict(BaseModel):
    """What completing a session found: each item verified, each level change with its reason."""

    verification: list[VerificationItem]
    progression: list[ProgressionChange]
    extras: list[ExtraExercise] = Field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ProtocolStanding:
    """Where the athlete stands on one protocol, replayed from history."""

    protocol: str
    level: int
    consecutive_failures: int
    last_date: dt.date | None
