"""The check-in form: one field per declared input, validated as typed, saved into Today."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from flux_cli import services
from flux_cli.errors import DomainRefusal
from flux_cli.services.body import recovery
from flux_cli.tui.app import FluxApp, make_app
from flux_cli.tui.screens.checkin import CheckinScreen
from tests.tui.conftest import BIG, DAY, SMALL, FakeClock, screen_text, wait_for, wait_text

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


def _soreness(ctx: services.Context) -> dict[str, float]:
    view = recovery(ctx, DAY)
    return {m.muscle: m.soreness for m in view.muscles if m.soreness}


async def test_soreness_is_entered_in_the_check_in_and_stored_like_flux_soreness(
    app: FluxApp, ctx: services.Context
) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await wait_text(pilot, "No check-in today")
        await pilot.press("c")
        await wait_text(pilot, "Soreness 0-10 (optional")
        assert "quadriceps" not in screen_text(app)  # folded until asked for
        await pilot.press("2", "tab", "8", "tab", "enter")  # Enter on the title opens it
        await wait_text(pilot, "quadriceps")
        assert "hamstrings" in screen_text(app) and "middle back" in screen_text(app)
        await pilot.press("tab", "1", "2")  # quadriceps 12: refused in place, nothing saved
        await wait_text(pilot, "quadriceps: 0-10 only")
        await pilot.press("ctrl+s")
        await pilot.pause(0.2)
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("backspace", "backspace", "x")
        await wait_text(pilot, "quadriceps: not a number")
        await pilot.press("backspace", "6", "tab", "3")  # quadriceps 6, hamstrings 3
        await wait_for(pilot, lambda: "not a number" not in screen_text(app))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, CheckinScreen))
        await wait_text(pilot, "GREEN")
    assert _soreness(ctx) == {"quadriceps": 6.0, "hamstrings": 3.0}
    assert services.plan(ctx, {}, DAY).readiness == {"knee_pain": 2.0, "energy": 8.0}
    # Reopened, the form shows the day's soreness; a change replaces it, as `flux soreness`.
    again = make_app(ctx, clock=FakeClock(DAY))
    async with again.run_test(size=BIG) as pilot:
        await wait_text(pilot, "GREEN")
        await pilot.press("c")
        await wait_text(pilot, "quadriceps")  # open: the day has soreness
        field = again.screen.query_one("#sore-quadriceps", Input)
        assert field.value == "6"
        field.value = "4"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(again.screen, CheckinScreen))
    assert _soreness(ctx) == {"quadriceps": 4.0, "hamstrings": 3.0}


async def test_a_check_in_without_soreness_stores_none(app: FluxApp, ctx: services.Context) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await wait_text(pilot, "No check-in today")
        await pilot.press("c")
        await wait_text(pilot, "Knee pain")
        await pilot.press("2", "enter", "8", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, CheckinScreen))
    assert _soreness(ctx) == {}
