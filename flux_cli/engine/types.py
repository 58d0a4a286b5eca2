"""What the engine reads (profile facts, history) and what it returns (plans, verdicts).

Inputs are frozen dataclasses built by `services` from storage; outputs are pydantic
models because they are serialised as the stable JSON contract of DESIGN §3.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from flux_cli.engine.body import BodyHistory
from flux_cli.engine.load import LoadSummary

E1RMFormula = Literal["epley", "brzycki", "lombardi", "oconner"]
Units = Literal["kg", "lb"]
# What the athlete trains for (`flux profile set goal=…`): it weighs composition's picks.
Goal = Literal["general", "strength", "hypertrophy", "endurance"]
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
    # Explicit tested 1RMs (`flux profile set 1rm.Back Squat=160`): name → (day set, kg).
    one_rep_maxes: Mapping[str, tuple[dt.date, float]] = field(default_factory=dict)


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
    imported: bool = False  # from another app's export


@dataclass(frozen=True, slots=True)
class ConditioningAttempt:
    """A completed session that prescribed a conditioning block, with the sets logged on it."""

    date: dt.date
    prescription: ConditioningPlan
    sets: tuple[LoggedSet, ...]


@dataclass(frozen=True, slots=True)
class LiftTarget:
    """What a past session's plan prescribed for one exercise (absent for imports)."""

    sets: int
    reps: int | None
    load_kg: float | None
    rpe: float | None
    style: str | None = None


@dataclass(frozen=True, slots=True)
class DeloadMark:
    """The latest deload in history: its first day, the day it runs until, and why."""

    started: dt.date
    until: dt.date
    reason: str
    # A deload declared in sessions: how many it lasts (it may end before `until`).
    sessions: int | None = None


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
    # The coaching work (all bounded by the rules' windows; see `storage.history`):
    # per exercise and date, what that day's plan prescribed for it (flux sessions only);
    lift_targets: Mapping[str, Mapping[dt.date, LiftTarget]] = field(default_factory=dict)
    # the dates inside the e1RM window of sessions done in a deload;
    deload_dates: frozenset[dt.date] = frozenset()
    # the latest day each pattern was trained by an imported session (another app's), and
    # by a set that counts (rules `rotation`);
    pattern_last_unplanned: Mapping[str, dt.date] = field(default_factory=dict)
    pattern_last_trained: Mapping[str, dt.date] = field(default_factory=dict)
    # counted sets per pattern in the 7 days before `as_of`;
    pattern_hard_sets: Mapping[str, int] = field(default_factory=dict)
    # distinct dates with a completed session, newest window the deload/layoff rules need;
    training_dates: tuple[dt.date, ...] = ()
    # the latest deload, when one is in that window.
    last_deload: DeloadMark | None = None
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
        pattern_last: dict[str, dt.date] = {}
        unplanned: dict[str, dt.date] = {}
        for past in ordered:
            for pattern in past.patterns:
                pattern_last[pattern] = past.date
                if past.imported:
                    unplanned[pattern] = past.date
        return cls(
            as_of=as_of,
            session_count=len(ordered),
            pattern_debt=debt,
            archetype_last_done=last_done,
            last_activity=max(activity_dates, default=None),
            lift_sets=dict(lift_sets or {}),
            conditioning=tuple(sorted(conditioning, key=lambda attempt: attempt.date)),
            pattern_last_trained=pattern_last,
            pattern_last_unplanned=unplanned,
            training_dates=tuple(sorted({past.date for past in ordered})),
        )


# ---------------------------------------------------------------------------- outputs


class _Model(BaseModel):
    """Plan models build their validators on first use, not at import."""

    model_config = ConfigDict(defer_build=True)


class ExerciseMuscles(_Model):
    primary: list[str]
    secondary: list[str]


class PreviousExposure(_Model):
    """The last time this exercise was done: its date and top working set."""

    date: dt.date
    sets: int
    reps: int | None
    load_kg: float | None
    rpe: float | None


class NextSetRulePlan(_Model):
    """How the next set's load follows the last set's RPE (`engine.strength.next_set_load`)."""

    target_rpe: float
    down_per_rpe: float
    up_per_rpe: float
    tolerance_rpe: float


class DeloadPlan(_Model):
    """A deload in force: why it started and the last day it runs (at the latest).

    A deload declared in sessions (rules `deload.lasts_sessions`) also says how many it
    lasts (`sessions`) and which of them today's is (`session`, from 1); it ends after the
    last of them even before `until`.
    """

    reason: str
    until: dt.date
    sessions: int | None = None
    session: int | None = None


class ReturningPlan(_Model):
    """Coming back after a layoff: days since the last training day."""

    days_off: int


class RestPlan(_Model):
    """Rest is the answer today: the plan below is a suggestion for another day."""

    reason: str
    days_in_a_row: int


class PlannedExercise(_Model):
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
    # The coaching work: the progression style, the last exposure, in-session autoregulation.
    style: str | None = None
    previous: PreviousExposure | None = None
    next_set_rule: NextSetRulePlan | None = None
    # Composition (issue 12): the slot it fills, what it needs, what it trains, why it won.
    slot: str | None = None
    equipment: list[str] = Field(default_factory=list)
    muscles: ExerciseMuscles | None = None
    why: str | None = None
    # A superset's letter (`A`): exercises with the same letter alternate, one rest per round.
    superset: str | None = None


class RelaxedConstraint(_Model):
    """A constraint composition had to relax, with the reason in plain words."""

    constraint: str
    reason: str


class SessionQuality(_Model):
    """Session-quality KPIs of a composed session (Alloy)."""

    weighted_sets: dict[str, float]
    patterns: list[str]
    structure_met: bool
    slots: dict[str, int]
    status: str


class ConditioningPlan(_Model):
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
    # The protocol's own exercise when the day lacks its equipment and this one stands in
    # (by effort: the watts target is for the protocol's own exercise).
    stand_in_for: str | None = None


class Restriction(_Model):
    """Work swapped or capped because a readiness input tied to a region restricts it."""

    what: str
    why: str


class ArchetypeScore(_Model):
    """How overdue one archetype was today; `priority_score` is None when never done."""

    archetype: str
    allowed: bool
    days_since_last: int | None
    priority_score: float | None


class Plan(_Model):
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
    # Composition (issue 12): None when the session was not composed.
    estimated_minutes: float | None = None
    relaxed: list[RelaxedConstraint] = Field(default_factory=list)
    quality: SessionQuality | None = None
    # Exercises swapped out of the day's session (`flux session swap`), never picked again.
    swapped_out: list[str] = Field(default_factory=list)
    # The coaching work: modifiers of the day (null when not in force) and rotation debt in days.
    deload: DeloadPlan | None = None
    returning: ReturningPlan | None = None
    rest: RestPlan | None = None
    pattern_days: dict[str, int | None] = Field(default_factory=dict)
    # A new FTP the logged work supports (never applied: `flux profile set ftp_watts=N`).
    ftp_proposal: int | None = None
    # The body (engine.load, engine.recovery, engine.regions): fatigue, fitness and form going
    # into the day, recovery per muscle group (%), and what a region restriction changed.
    load: LoadSummary | None = None
    recovery: dict[str, int] | None = None
    restrictions: list[Restriction] = Field(default_factory=list)


class VerificationItem(_Model):
    """One prescribed item checked against what was logged."""

    item: str
    kind: Literal["strength", "conditioning"]
    prescribed: str
    logged: str
    met: bool
    substitute: str | None = None


class ExtraExercise(_Model):
    """An exercise logged that the plan did not prescribe and that substituted for nothing."""

    exercise: str
    pattern: str | None
    logged: str


class ProgressionChange(_Model):
    protocol: str
    from_level: int
    to_level: int
    outcome: Outcome
    reason: str


class Verdict(_Model):
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
    # Successes at `level` that did not move it (its next step raises two demands at once).
    successes_at_level: int = 0
