"""The dashboard on PostgreSQL: the same screens and services over a real server."""

from __future__ import annotations

from pathlib import Path

import pytest

from flux_cli import services
from flux_cli.storage.database import Database
from flux_cli.tui.app import make_app
from flux_cli.tui.screens.modals import ConfirmScreen, VerdictScreen
from flux_cli.tui.screens.workout import WorkoutScreen
from tests.tui.conftest import BIG, DAY, FakeClock, squat_history, wait_for, wait_text

pytestmark = [pytest.mark.asyncio, pytest.mark.postgres]


async def test_check_in_log_undo_finish_and_history_on_postgres(
    pg_url: str, fixed_table: Path
) -> None:
    Database.open(pg_url, check_schema=False).upgrade()
    ctx = services.Context(db_url=pg_url, config_path=fixed_table)
    squat_history(ctx)
    app = make_app(ctx, clock=FakeClock(DAY))
    async with app.run_test(size=BIG) as pilot:
        await wait_text(pilot, "No check-in today")
        await wait_text(pilot, "e1RM Back Squat")  # the trend read from the server
        await pilot.press("c")
        await wait_text(pilot, "Knee pain")
        await pilot.press("2", "enter", "8", "enter")
        await wait_text(pilot, "GREEN")

        await pilot.press("w")
        await wait_text(pilot, "Press Enter to start")
        await pilot.press("enter")
        await wait_text(pilot, "0/5 Bench Press")  # the squat was trained last
        screen = app.screen
        assert isinstance(screen, WorkoutScreen)
        await pilot.press(*"80", "tab", "5", "enter", "enter", "enter")
        await wait_for(pilot, lambda: len(screen.sets) == 3)
        await pilot.press("escape", "u")
        await wait_text(pilot, "undone: Bench Press")
        assert [row.weight_kg for row in services.show_session(ctx).sets] == [80.0, 80.0]

        await pilot.press("escape", "f")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, VerdictScreen))
        await pilot.press("enter")
        await wait_text(pilot, "GREEN")

        await pilot.press("h")
        await wait_text(pilot, "6 sessions, 17 sets")
    latest = services.history(ctx, limit=1)[0]
    assert latest.session.date == DAY and latest.session.status == "completed"
    assert [(row.exercise, row.weight_kg, row.reps) for row in latest.sets] == [
        ("Bench Press", 80.0, 5)
    ] * 2
    [(day, e1rm)] = services.e1rm_history(ctx, "Bench Press")
    assert day == DAY and e1rm == pytest.approx(93.3, abs=0.1)
