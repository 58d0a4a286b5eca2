"""Conditioning: the interval timer on a fake clock, one quick entry per interval, level up."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from flux_cli import services
from flux_cli.tui.app import FluxApp
from flux_cli.tui.screens.modals import ConfirmScreen, VerdictScreen
from flux_cli.tui.screens.workout import WorkoutScreen
from tests.tui.conftest import BIG, FakeClock, conditioning_day, screen_text, wait_for, wait_text

pytestmark = pytest.mark.asyncio


async def test_interval_timer_logging_and_the_level_change_in_the_verdict(
    app: FluxApp, ctx: services.Context, clock: FakeClock
) -> None:
    conditioning_day(ctx)
    async with app.run_test(size=BIG) as pilot:
        await wait_text(pilot, "Conditioning: HIIT level 1")
        await pilot.press("w")
        await wait_text(pilot, "Press Enter to start")
        await pilot.press("enter")
        await wait_text(pilot, "0/6 Air Bike")
        screen = app.screen
        assert isinstance(screen, WorkoutScreen)
        assert "READY" in screen_text(app) and "target 262 W" in screen_text(app)

        assert screen.query_one("#f-watts", Input).value == ""  # measured, never prefilled
        assert "target 262" in screen_text(app)  # the target is the field's placeholder
        await pilot.press("escape", "space")  # Esc: the next key is a command
        assert "WORK 0:30" in screen_text(app) and "round 1/6" in screen_text(app)
        clock.advance(12)
        screen.tick()
        assert "WORK 0:18" in screen_text(app)
        for round_number in range(1, 7):
            clock.advance(18 if round_number == 1 else 120)  # to the end of this work phase
            screen.tick()
            phase = "DONE" if round_number == 6 else "REST"
            await wait_text(pilot, phase)
            assert f"round {round_number} done" in screen_text(app)
            await pilot.pause()
            assert screen.focused is screen.query_one("#f-watts")  # ready to type the watts
            await pilot.press(*"262", "tab", *str(165 + round_number), "enter")

            def logged_round(n: int = round_number) -> bool:  # bind this round now
                return len(screen.sets) == n

            await wait_for(pilot, logged_round)
        await wait_text(pilot, "0/3 Plank")  # all six intervals logged: on to the core block
        rows = services.show_session(ctx).sets
        assert [row.metadata["round"] for row in rows] == [1, 2, 3, 4, 5, 6]
        assert rows[0].seconds == 30 and rows[0].metadata["avg_watts"] == 262
        assert rows[5].metadata["peak_hr"] == 171 and rows[0].metadata["protocol"] == "HIIT"

        await pilot.press("escape", "f")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, VerdictScreen))
        text = screen_text(app)
        assert "HIIT UP L1 → L2" in text
        assert "all 6 intervals ≥ 262 W" in text
        assert "✓ HIIT interval 6/6" in text
        await pilot.press("enter")
        await wait_text(pilot, "HIIT L2/7")  # Today shows the new level
        assert "Done today: Conditioning" in screen_text(app)
        assert "HIIT UP L1 → L2" in screen_text(app)  # and the verdict that earned it
