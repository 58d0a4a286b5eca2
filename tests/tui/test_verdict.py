"""The verdict after finishing in the dashboard: PRs as `session complete` announces them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from textual.pilot import Pilot

from flux_cli import services
from flux_cli.tui.app import FluxApp
from flux_cli.tui.screens.effort import FinishScreen
from flux_cli.tui.screens.modals import VerdictScreen
from flux_cli.tui.screens.workout import WorkoutScreen
from tests.tui.conftest import BIG, DAY, SMALL, check_in, screen_text, wait_for, wait_text

pytestmark = pytest.mark.asyncio
LIFTS = ("Back Squat", "Deadlift", "Bench Press", "Barbell Row")  # one of every pattern


def days_of(ctx: services.Context, loads: dict[int, float]) -> None:
    """Ad-hoc sessions before DAY (days ago → load): every lift `load`x5 at RPE 8."""
    for days_ago, load in loads.items():
        for lift in LIFTS:
            services.log_sets(
                ctx, lift, [f"{load}x5"], rpe=8, day=DAY - dt.timedelta(days=days_ago)
            )
        services.complete_session(ctx)


async def squat_and_finish(pilot: Pilot[Any], app: FluxApp, sets: int, weight: str) -> str:
    """Start the day's plan, log one squat set of `weight`x5 at RPE 8, finish: the verdict."""
    await wait_text(pilot, "Back Squat")
    await pilot.press("w")
    await wait_text(pilot, "Press Enter to start")
    await pilot.press("enter")
    await wait_text(pilot, f"0/{sets} Back Squat")
    screen = app.screen
    assert isinstance(screen, WorkoutScreen)
    await pilot.press(*weight, "tab", "5", "tab", "8", "enter")
    await wait_for(pilot, lambda: len(screen.sets) == 1)
    await pilot.press("escape", "f")
    await wait_for(pilot, lambda: isinstance(app.screen, FinishScreen))
    await pilot.press("y")
    await wait_for(pilot, lambda: isinstance(app.screen, VerdictScreen))
    return screen_text(app)


async def test_the_verdict_announces_the_prs_the_session_set(
    app: FluxApp, ctx: services.Context
) -> None:
    days_of(ctx, {7: 130})
    check_in(ctx)
    async with app.run_test(size=BIG) as pilot:
        text = await squat_and_finish(pilot, app, 5, "135")
    # RTS chart: 5 reps at RPE 8 = 81.1 % → 135 / 0.811 = 166.46 kg.
    assert "PR Back Squat e1RM: 166.46 kg (135 kg × 5)" in text
    assert "PR Back Squat 5-rep max: 135 kg (135 kg × 5)" in text
    assert "PR Back Squat best set volume: 675 kg × reps (135 kg × 5)" in text
    assert "PR Deadlift" not in text  # not trained today


async def test_a_deload_session_announces_no_prs(app: FluxApp, ctx: services.Context) -> None:
    days_of(ctx, {9: 130, 7: 130, 5: 110})  # every lead lift down 15 %: a deload
    plan = check_in(ctx).plan
    assert plan.deload is not None and plan.exercises[0].sets == 3
    async with app.run_test(size=BIG) as pilot:
        text = await squat_and_finish(pilot, app, 3, "140")  # heavier than ever
    assert "deload session: no PRs counted" in text
    assert "PR " not in text


async def test_the_verdict_proposes_the_ftp_the_session_showed(
    app: FluxApp, ctx: services.Context
) -> None:
    services.profile_set(ctx, {"ftp_watts": "250"})
    services.log_sets(ctx, "Stationary Bike", ["20min"], meta={"avg_watts": 290}, day=DAY)
    result = services.complete_session(ctx)
    async with app.run_test(size=SMALL) as pilot:
        await wait_text(pilot, "Today")
        app.push_screen(VerdictScreen(result))
        # Allen & Coggan: 95 % of the best 20-minute power, 290 W → 276 W; never applied.
        await wait_text(pilot, "FTP estimate 276 W (95% of 290 W held 20 min)")
        assert "PR " not in screen_text(app)  # a first time is no record
