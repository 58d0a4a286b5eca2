"""History: sessions and sets in a table, filtered by exercise and dates, with an e1RM plot."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from flux_cli import services
from flux_cli.tui.app import FluxApp
from flux_cli.tui.screens.history import HistoryScreen
from flux_cli.tui.widgets import E1RMPlot
from tests.tui.conftest import DAY, SMALL, squat_history, wait_for, wait_text

pytestmark = pytest.mark.asyncio


async def open_history(pilot: Pilot[Any], app: FluxApp, status: str) -> HistoryScreen:
    """From Today (loaded, not checked in) to History, once its status line shows `status`."""
    await wait_text(pilot, "readiness: not recorded")
    await pilot.press("h")
    await wait_text(pilot, status)
    screen = app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


async def test_filter_by_exercise_and_dates(app: FluxApp, ctx: services.Context) -> None:
    squat_history(ctx)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_history(pilot, app, "5 sessions, 15 sets")
        table = screen.query_one("#sets", DataTable)
        assert table.row_count == 15

        await pilot.press("slash", *"deadlift", "enter")
        await wait_text(pilot, "5 sessions, 5 sets of deadlift")
        assert {str(table.get_row_at(i)[2]) for i in range(table.row_count)} == {"Deadlift"}
        plot = screen.query_one("#history-plot", E1RMPlot)
        assert plot._plot_title == "e1RM deadlift" and len(plot._series) == 5

        await pilot.press("tab", *"2026-10-24", "enter")
        await wait_text(pilot, "3 sessions, 3 sets of deadlift")
        assert table.get_row_at(0)[0] == "2026-11-07"

        await pilot.press("tab", *"2026-13-01", "enter")
        await wait_text(pilot, "until: '2026-13-01' is not a date")
        assert table.row_count == 3  # the last good result stays

        await pilot.press("ctrl+u", "shift+tab", "shift+tab", "ctrl+u", *"nope", "enter")
        await wait_text(pilot, "unknown exercise 'nope'")


async def test_exercise_filter_completes_from_logged_exercises(
    app: FluxApp, ctx: services.Context
) -> None:
    squat_history(ctx)
    services.log_sets(ctx, "Bench Press", ["60x5"], day=DAY)  # one set: after the squat
    services.complete_session(ctx)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_history(pilot, app, "sessions")
        field = screen.query_one("#h-exercise", Input)
        await wait_for(pilot, lambda: field.suggester is not None)

        await pilot.press("slash", *"b")
        await wait_text(pilot, "back Squat")  # typed "b", suggested the rest: 10 sets beat 1
        await pilot.press("e")
        await wait_text(pilot, "bench Press")
        await pilot.press("right", "enter")
        assert field.value == "Bench Press"
        await wait_text(pilot, "1 session, 1 set of Bench Press")

        await pilot.press("ctrl+u", *"DEAD", "right", "enter")
        assert field.value == "Deadlift"
        await wait_text(pilot, "5 sessions, 5 sets of Deadlift")


async def test_returning_keeps_the_place_unless_history_changed(
    app: FluxApp, ctx: services.Context
) -> None:
    squat_history(ctx)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_history(pilot, app, "5 sessions, 15 sets")
        table = screen.query_one("#sets", DataTable)
        await pilot.press("down", "down", "down")
        assert table.cursor_row == 3

        await pilot.press("t")
        await wait_text(pilot, "No check-in today")
        await pilot.press("h")
        await wait_text(pilot, "5 sessions, 15 sets")
        assert table.cursor_row == 3  # nothing changed: the same table, the same place

        services.log_sets(ctx, "Deadlift", ["150x3"], day=DAY)  # as another terminal would
        services.complete_session(ctx)
        await pilot.press("t")
        await wait_text(pilot, "Done today: Ad-hoc session")  # Today saw it too
        await pilot.press("h")
        await wait_text(pilot, "6 sessions, 16 sets")
        assert table.row_count == 16 and str(table.get_row_at(0)[2]) == "Deadlift"
