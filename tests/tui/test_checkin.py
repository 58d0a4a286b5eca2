"""The check-in form: one field per declared input, validated as typed, saved into Today."""

from __future__ import annotations

import pytest

from flux_cli import services
from flux_cli.errors import DomainRefusal
from flux_cli.tui.app import FluxApp
from flux_cli.tui.screens.checkin import CheckinScreen
from tests.tui.conftest import BIG, DAY, SMALL, screen_text, wait_for, wait_text

pytestmark = pytest.mark.asyncio


async def test_valid_checkin_is_saved_and_today_shows_the_plan(
    app: FluxApp, ctx: services.Context
) -> None:
    async with app.run_test(size=BIG) as pilot:
        await wait_text(pilot, "No check-in today")
        await pilot.press("c")
        await wait_text(pilot, "Knee pain")
        assert "[0-10]" in screen_text(app)
        await pilot.press("2", "enter", "8", "enter")  # Enter on the last field saves
        await wait_text(pilot, "GREEN")
        assert not isinstance(app.screen, CheckinScreen)
        assert "Strength A: SQUAT focus" in screen_text(app)
    plan = services.plan(ctx, {}, DAY)
    assert plan.readiness == {"knee_pain": 2.0, "energy": 8.0}


async def test_out_of_range_and_non_numbers_are_refused_in_place(
    app: FluxApp, ctx: services.Context
) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await wait_text(pilot, "No check-in today")
        await pilot.press("c")
        await wait_text(pilot, "Knee pain")
        await pilot.press("1", "1")  # 11 is above the 0-10 range
        await wait_text(pilot, "0-10 only")
        await pilot.press("ctrl+s")
        await pilot.pause(0.1)
        assert isinstance(app.screen, CheckinScreen)  # nothing saved
        await pilot.press("backspace", "backspace", "x")
        await wait_text(pilot, "not a number")
        await pilot.press("backspace", "7", "tab", "3", "ctrl+s")  # a RED day
        await wait_for(pilot, lambda: not isinstance(app.screen, CheckinScreen))
        await wait_text(pilot, "RED")
    assert services.plan(ctx, {}, DAY).state == "RED"


async def test_escape_cancels_without_saving(app: FluxApp, ctx: services.Context) -> None:
    async with app.run_test(size=BIG) as pilot:
        await wait_text(pilot, "No check-in today")
        await pilot.press("c")
        await wait_text(pilot, "Knee pain")
        await pilot.press("3", "escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, CheckinScreen))
    with pytest.raises(DomainRefusal):
        services.plan(ctx, {}, DAY)
