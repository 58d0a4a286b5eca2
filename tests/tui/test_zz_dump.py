from __future__ import annotations

import pytest

from flux_cli import services
from flux_cli.tui.app import FluxApp
from flux_cli.tui.screens.history import HistoryScreen
from tests.tui.conftest import SMALL, check_in, screen_text, squat_history, wait_for, wait_text

pytestmark = pytest.mark.asyncio


async def test_dump(app: FluxApp, ctx: services.Context) -> None:
    squat_history(ctx)
    check_in(ctx)
    async with app.run_test(size=SMALL) as pilot:
        await wait_text(pilot, "Strength A")
        await wait_text(pilot, "e1RM Back Squat")
        open("/tmp/tuidump/today.txt", "w").write(screen_text(app))
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        await wait_text(pilot, "sessions")
        await pilot.pause(0.5)
        open("/tmp/tuidump/history.txt", "w").write(screen_text(app))
        await pilot.press("w")
        await wait_text(pilot, "Press Enter")
        await pilot.press("enter")
        await wait_text(pilot, "0/5")
        open("/tmp/tuidump/workout.txt", "w").write(screen_text(app))
        await pilot.press("escape", "question_mark")
        await pilot.pause(0.5)
        open("/tmp/tuidump/keys.txt", "w").write(screen_text(app))
