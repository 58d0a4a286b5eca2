"""What composition gets (a request) and gives back (a composition), as plain data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from flux_cli.engine.compose.candidates import Candidate
from flux_cli.engine.composition_rules import Qualifier

MoveRule = Literal["no", "yes", "prefer"]


@dataclass(frozen=True, slots=True)
class DayContext:
    """The athlete's constraints and recent training that composition needs for one day.

    `recovery`: muscle → 0..1 (missing muscles are fully recovered); `weekly_sets`: weighted
    sets per muscle over the 6 days before the day (the week ending with it); `leaving`: of
    those, per muscle, the weighted sets that leave the week on each of the next days (the
    first: the sets of 6 days ago, gone from tomorrow's week); `pattern_uses`: sessions this
    week that trained each pattern; `last_same_archetype`: exercises of the last sessions of
    each archetype (the rules' `recency_sessions`); `excluded`: exercises swapped out for the
    day; `restricted_muscles` and `restricted_patterns`: what the day's restricted regions
    forbid in composed resistance work, each with why (`knee_pain 6: knee`).
    """

    candidates: Sequence[Candidate]
    equipment: frozenset[str]
    minutes: int
    moves: Mapping[str, MoveRule] = field(default_factory=dict)
    recovery: Mapping[str, float] = field(default_factory=dict)
    weekly_sets: Mapping[str, float] = field(default_factory=dict)
    leaving: Mapping[str, tuple[float, ...]] = field(default_factory=dict)
    pattern_uses: Mapping[str, int] = field(default_factory=dict)
    last_same_archetype: Mapping[str, frozenset[str]] = field(default_factory=dict)
    excluded: frozenset[str] = frozenset()
    restricted_muscles: Mapping[str, str] = field(default_factory=dict)
    restricted_patterns: Mapping[str, str] = field(default_factory=dict)
    # Exercises a restricted region bars in every slot, cardio too (a run on a sore knee).
    restricted_exercises: Mapping[str, str] = field(default_factory=dict)
    # The athlete's goal (profile `goal`): "general" follows the day's family.
    goal: str = "general"


@dataclass(frozen=True, slots=True)
class FixedItem:
    """Work the planner already decided (the anchor's lift, the conditioning protocol)."""

    slot: str
    name: str
    seconds: int
    sets: int
    candidate: Candidate | None


@dataclass(frozen=True, slots=True)
class SlotOption:
    """A composable slot of today's session with its resolved prescription.

    `set_range`: `(fewest, most)` sets the solver may choose per pick (None: `sets`, fixed);
    `sets` is then the state's prescribed sets held inside the range. `stands_in`: the slot
    of a planned exercise the day cannot have (not equipped, HARD_NO), filled by the best of
    its pattern; like the planned exercise, it is not held to the week's pattern limit."""

    slot: str
    index: int
    minimum: int
    maximum: int
    sets: int
    reps: int | None
    seconds: int | None
    rest_s: int
    prescription: str
    qualifies: Qualifier
    set_range: tuple[int, int] | None = None
    stands_in: bool = False


def ranged(sets: int, rule_sets: Sequence[int] | None) -> tuple[int, tuple[int, int] | None]:
    """The prescribed `sets` held inside a slot's `[fewest, most]` range, and the range."""
    if rule_sets is None:
        return sets, None
    low, high = rule_sets[0], rule_sets[1]
    return min(high, max(low, sets)), (low, high)


@dataclass(frozen=True, slots=True)
class Pick:
    slot: str
    slot_index: int
    candidate: Candidate
    seconds: int
    score: int
    terms: Mapping[str, int]
    why: str
    # The sets chosen (the prescription's, unless the slot gives a range) and why, when chosen.
    sets: int = 0
    sets_why: str | None = None
    superset: str | None = None  # its superset's letter, when paired


@dataclass(frozen=True, slots=True)
class Relaxed:
    constraint: str
    reason: str


@dataclass(frozen=True, slots=True)
class Composition:
    """The composed part of a session, its estimate, relaxations and quality figures."""

    picks: tuple[Pick, ...]
    estimated_minutes: float
    relaxed: tuple[Relaxed, ...]
    status: str
    weighted_sets: Mapping[str, float]
    patterns: tuple[str, ...]
    structure_met: bool
    solve_seconds: float
    notes: tuple[str, ...] = ()
