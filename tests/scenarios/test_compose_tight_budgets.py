"""A squat day and a deadlift day at 30, 45 and 60 minutes with the 873-exercise public
catalogue seeded: what a tight budget keeps, in what order, and what warms the athlete up.

Before (2026-12-01, a fresh athlete): at 30 minutes the squat day was Swimming, Back Squat,
then a lateral raise and an overhead triceps extension as a superset, no row; at 35 minutes
a Hack Squat was the warm-up and an incline press the cool-down (the conflict search found
nothing in time and the whole relaxation ladder ran, `accept_generic` included); at 45 the
secondary pull (A1) and its accessory partner (A2) had another accessory between them.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from flux_cli import services
from flux_cli.catalog import load_builtin
from flux_cli.engine.types import Plan
from flux_cli.services.composing import DayOptions
from tests.samples import REPO_ROOT

PUBLIC = REPO_ROOT.parent / "shared" / "data" / "exercises" / "free-exercise-db.exercises.json"
START = dt.date(2026, 11, 2)
INPUTS = {"knee_pain": "1", "energy": "7"}

pytestmark = pytest.mark.skipif(
    not PUBLIC.is_file(), reason=f"the public catalogue is absent: {PUBLIC} (../shared)"
)


def _categories() -> dict[str, str]:
    found = {entry["name"]: entry["category"] for entry in json.loads(PUBLIC.read_text())}
    found.update({entry.name: entry.category for entry in load_builtin()})
    return found


def _slots(plan: Plan) -> list[str]:
    return [e.slot or "-" for e in plan.exercises]


def _assert_pairs_adjacent(plan: Plan) -> None:
    marks = [e.superset for e in plan.exercises]
    for letter in {mark for mark in marks if mark is not None}:
        at = [index for index, mark in enumerate(marks) if mark == letter]
        assert len(at) == 2 and at[1] == at[0] + 1, [
            (e.slot, e.name, e.superset) for e in plan.exercises
        ]


def test_tight_budgets_keep_the_secondary_lift_pairs_together_and_a_gym_warm_up() -> None:
    categories = _categories()
    ctx = services.Context()
    services.seed(ctx, None, PUBLIC)
    services.profile_set(ctx, {"session_minutes": "60"})
    plans: dict[tuple[str, int], Plan] = {}
    for offset in range(2):  # the squat day, then the deadlift day
        day = START + dt.timedelta(days=offset)
        services.checkin(ctx, INPUTS, day)
        for minutes in (30, 35, 45, 60):
            plan = services.plan(ctx, {}, day, DayOptions(minutes=str(minutes)))
            plans[(plan.archetype or "", minutes)] = plan
        view = services.start_session(ctx, day)
        assert view.plan is not None
        for exercise in view.plan.exercises:
            specs = (
                [f"{exercise.seconds}s"] * exercise.sets
                if exercise.seconds
                else [f"20x{exercise.reps}x{exercise.sets}"]
            )
            services.log_sets(ctx, exercise.name, specs, day=day)
        services.complete_session(ctx)
    assert {archetype for archetype, _ in plans} == {"Strength_Type_A", "Strength_Type_B"}
    for (archetype, minutes), plan in plans.items():
        where = (archetype, minutes, [(e.slot, e.name) for e in plan.exercises])
        assert plan.estimated_minutes is not None and plan.estimated_minutes <= minutes * 1.1
        # The compound secondary lift survives every budget; accessories give way first.
        assert "secondary" in _slots(plan), where
        _assert_pairs_adjacent(plan)
        warm_up = plan.exercises[0]
        assert warm_up.slot == "warm_up", where
        assert categories[warm_up.name] == "cardio" and warm_up.name != "Swimming", where
        cool_downs = [e.name for e in plan.exercises if e.slot == "cool_down"]
        assert all(categories[name] == "stretching" for name in cool_downs), where
        steps = [r.constraint for r in plan.relaxed]
        if minutes <= 35:  # too short for every slot: the budget gave, nothing else
            assert steps == ["emergency_minimum", "slots"], (where, plan.relaxed)
            dropped = next(r.reason for r in plan.relaxed if r.constraint == "slots")
            assert "secondary" not in dropped and "warm_up" not in dropped
            # The compound lift kept first keeps its sets first too: an accessory gives a
            # set before it does (at 35 minutes the row kept 2 sets to the accessories' 3).
            secondary = next(e.sets for e in plan.exercises if e.slot == "secondary")
            accessory = [e.sets for e in plan.exercises if e.slot == "accessory"]
            assert all(secondary >= sets for sets in accessory), where
        else:
            assert steps == [], (where, plan.relaxed)
    for archetype in ("Strength_Type_A", "Strength_Type_B"):
        short, hour = plans[(archetype, 30)], plans[(archetype, 60)]
        assert _slots(short).count("accessory") + sum(
            e.sets for e in short.exercises if e.slot == "accessory"
        ) < _slots(hour).count("accessory") + sum(
            e.sets for e in hour.exercises if e.slot == "accessory"
        )
