"""The dashboard in pounds: the target, the weight keys and the plate calculator are lb."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Input

from flux_cli import services
from flux_cli.engine.units import KG_PER_LB, Equipment, from_kg, plates_for
from flux_cli.tui.app import FluxApp
from tests.tui.conftest import (
    BIG,
    DAY,
    check_in,
    screen_text,
    start_workout,
    wait_for,
    wait_text,
)

pytestmark = pytest.mark.asyncio
LB_PLATES = Equipment("lb", 45.0, (45.0, 35.0, 25.0, 10.0, 5.0, 2.5))


async def test_the_plate_calculator_makes_the_pound_target_exactly(
    app: FluxApp, ctx: services.Context
) -> None:
    services.profile_set(ctx, {"units": "lb"})
    for lift in ("Back Squat", "Deadlift", "Bench Press", "Barbell Row"):  # every pattern
        services.log_sets(ctx, lift, ["225x5"], day=DAY - dt.timedelta(days=7))
    services.complete_session(ctx)
    lead = check_in(ctx).plan.exercises[0]
    assert lead.name == "Back Squat" and lead.load_kg is not None
    target = round(from_kg(lead.load_kg, "lb"))
    plates = plates_for(lead.load_kg, LB_PLATES)
    assert plates is not None and plates.exact
    per_side = " + ".join(f"{plate:g}" for plate in plates.per_side)
    async with app.run_test(size=BIG) as pilot:
        screen = await start_workout(pilot, app)
        await wait_text(pilot, f"@ {target} lb")
        assert screen.query_one("#f-weight", Input).value == str(target)
        await wait_text(pilot, f"per side: {per_side}  (bar 45 lb)")
        assert "≈" not in screen_text(app)
        await pilot.press("tab", "5", "enter")  # the load as prefilled, the reps as done
        await wait_for(pilot, lambda: len(screen.sets) == 1)
        await pilot.press("escape", "plus")  # one press: a pair of 2.5 lb plates
        assert screen.query_one("#f-weight", Input).value == str(target + 5)
    # stored as the CLI stores `flux log … 210x5`: pounds × KG_PER_LB, so it meets the target
    assert services.show_session(ctx).sets[0].weight_kg == lead.load_kg == target * KG_PER_LB


async def test_the_next_sets_load_moves_on_pound_plates(
    app: FluxApp, ctx: services.Context
) -> None:
    services.profile_set(ctx, {"units": "lb"})
    for lift in ("Back Squat", "Deadlift", "Bench Press", "Barbell Row"):
        services.log_sets(ctx, lift, ["225x5"], rpe=8, day=DAY - dt.timedelta(days=7))
    services.complete_session(ctx)
    lead = check_in(ctx).plan.exercises[0]
    assert lead.load_kg == 225 * KG_PER_LB  # 225x5 @ 8 again
    async with app.run_test(size=BIG) as pilot:
        screen = await start_workout(pilot, app)
        await pilot.press("tab", "5", "tab", "9", "enter")
        await wait_for(pilot, lambda: len(screen.sets) == 1)
        # One point over: −4 % → 216 lb → 215 lb, a pair of 2.5 lb plates off 225.
        await wait_text(pilot, "next 215 lb: last set RPE 9, target 8")
        assert screen.query_one("#f-weight", Input).value == "215"
        await wait_text(pilot, "per side: 45 + 35 + 5  (bar 45 lb)")
