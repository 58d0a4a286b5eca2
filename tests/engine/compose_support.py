"""Hand-made catalogues and settings for the composition tests."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from flux_cli.engine.compose import Candidate, DayContext, FixedItem, MoveRule, SlotOption
from flux_cli.engine.compose.candidates import needs_of
from flux_cli.engine.compose.model import Setting
from flux_cli.engine.composition_rules import CompositionRules, Qualifier


def ex(
    name: str,
    *,
    primary: Sequence[str] = ("chest",),
    secondary: Sequence[str] = (),
    pattern: str | None = None,
    category: str = "strength",
    mechanic: str | None = "isolation",
    equipment: str | None = "dumbbell",
    tracking: str = "reps",
    load_type: str = "dumbbell",
    unilateral: bool = False,
) -> Candidate:
    return Candidate(
        name=name,
        pattern=pattern,
        category=category,
        mechanic=mechanic,
        needs=needs_of(equipment, name, category),
        primary=tuple(primary),
        secondary=tuple(secondary),
        tracking=tracking,
        load_type=load_type,
        unilateral=unilateral,
    )


# A machine cardio warm-up, as flux's own catalogue has it.
BIKE = ex(
    "Air Bike",
    primary=["quadriceps"],
    category="cardio",
    mechanic=None,
    equipment="machine",
    tracking="time",
    load_type="none",
)


def slot(
    name: str,
    *,
    index: int = 0,
    low: int = 1,
    high: int = 1,
    sets: int = 3,
    reps: int | None = 10,
    seconds: int | None = None,
    rest_s: int = 60,
    qualifies: Qualifier | None = None,
    set_range: tuple[int, int] | None = None,
) -> SlotOption:
    return SlotOption(
        slot=name,
        index=index,
        minimum=low,
        maximum=high,
        sets=sets,
        reps=reps,
        seconds=seconds,
        rest_s=rest_s,
        prescription="accessory",
        qualifies=qualifies or Qualifier(),
        set_range=set_range,
    )


def setting(
    candidates: Sequence[Candidate],
    slots: Sequence[SlotOption],
    *,
    minutes: int = 60,
    equipment: frozenset[str] = frozenset({"dumbbells", "barbell", "cable", "bench", "rack"}),
    moves: Mapping[str, MoveRule] | None = None,
    recovery: Mapping[str, float] | None = None,
    weekly_sets: Mapping[str, float] | None = None,
    leaving: Mapping[str, tuple[float, ...]] | None = None,
    last: frozenset[str] = frozenset(),
    fixed: Sequence[FixedItem] = (),
    family: str = "performance",
    patterns: tuple[str, ...] = ("SQUAT", "PUSH"),
    goal: str = "general",
    **rules: Any,
) -> Setting:
    return Setting(
        rules=CompositionRules.model_validate({"time_tolerance": 0, **rules}),
        archetype="A",
        patterns=patterns,
        family=family,
        slots=tuple(slots),
        fixed=tuple(fixed),
        day=DayContext(
            candidates=tuple(candidates),
            equipment=equipment,
            minutes=minutes,
            moves=dict(moves or {}),
            recovery=dict(recovery or {}),
            weekly_sets=dict(weekly_sets or {}),
            leaving=dict(leaving or {}),
            last_same_archetype={"A": last},
            goal=goal,
        ),
    )
