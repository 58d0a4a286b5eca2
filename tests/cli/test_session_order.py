"""The session is shown in the order it is done: on a conditioning day the protocol comes
right after the warm-up, before the core work and the cool-down (it was listed last in the
plan's text, and first, before the warm-up, in the dashboard's workout)."""

from __future__ import annotations

import datetime as dt

from flux_cli import services
from flux_cli.engine.types import ConditioningPlan, Plan, PlannedExercise
from flux_cli.present.plans import session_steps
from flux_cli.tui.workout_model import items_for
from tests.cli.conftest import Flux

DAY = dt.date(2026, 11, 21)
GREEN = {"knee_pain": "1", "energy": "8"}


def _conditioning_day(ctx: services.Context) -> Plan:
    """Two strength days done, then a check-in: the third day is a conditioning day."""
    services.profile_set(ctx, {"ftp_watts": "250"})
    for days_before in (2, 1):
        day = DAY - dt.timedelta(days=days_before)
        services.checkin(ctx, GREEN, day)
        plan = services.start_session(ctx, day).plan
        assert plan is not None
        lead = next(e for e in plan.exercises if e.slot == "main")
        services.log_sets(ctx, lead.name, ["40x5"], day=day)
        services.complete_session(ctx)
    plan = services.checkin(ctx, GREEN, DAY).plan
    assert plan.archetype == "Conditioning" and plan.conditioning is not None
    assert [e.slot for e in plan.exercises] == ["warm_up", "core", "cool_down"]
    return plan


def _slot(step: PlannedExercise | ConditioningPlan) -> str:
    return "conditioning" if isinstance(step, ConditioningPlan) else str(step.slot)


def test_the_conditioning_block_follows_the_warm_up_everywhere(flux: Flux) -> None:
    plan = _conditioning_day(services.Context())
    order = ["warm_up", "conditioning", "core", "cool_down"]
    assert [_slot(step) for step, _mark in session_steps(plan)] == order
    # The dashboard's workout walks the same order.
    items = items_for(plan, [], {})
    assert [item.block if item.kind == "conditioning" else None for item in items][1] == (
        "conditioning"
    )
    assert [item.name for item in items] == [
        plan.exercises[0].name,
        plan.conditioning.exercise if plan.conditioning else "",
        plan.exercises[1].name,
        plan.exercises[2].name,
    ]
    # And so does the plan's table.
    result = flux("plan", "--date", DAY.isoformat())
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    table = lines[lines.index(next(x for x in lines if x.startswith("block"))) + 1 :]
    blocks = [line.split()[0] for line in table[: len(order)]]
    assert blocks == order, result.stdout
