"""Trends: `l` opens load, fitness, fatigue and form with weekly rows; `[`/`]` change weeks."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from flux_cli import services
from flux_cli.tui.app import FluxApp
from flux_cli.tui.screens.today import TodayScreen
from flux_cli.tui.screens.trends import PmcPlot, TrendsScreen
from tests.tui.conftest import (
    DAY,
    SMALL,
    check_in,
    screen_text,
    squat_history,
    start_workout,
    wait_for,
    wait_text,
)

pytestmark = pytest.mark.asyncio


async def open_trends(pilot: Pilot[Any], app: FluxApp) -> TrendsScreen:
    await wait_text(pilot, "readiness: not recorded")
    await pilot.press("l")
    await wait_text(pilot, "last 8 weeks")
    screen = app.screen
    assert isinstance(screen, TrendsScreen)
    return screen


async def test_l_opens_trends_with_weekly_rows_and_the_chart(
    app: FluxApp, ctx: services.Context
) -> None:
    squat_history(ctx)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_trends(pilot, app)
        table = screen.query_one("#weeks", DataTable)
        assert table.row_count == 8
        # squat_history: one session each week from 6 to 2 weeks ago, none since.
        sessions = [int(str(table.get_row_at(i)[2])) for i in range(table.row_count)]
        assert sessions[:2] == [0, 1] and sum(sessions) == 5
        plot = screen.query_one("#trends-plot", PmcPlot)
        assert plot.view is not None and len(plot.view.days) == 56
        assert "ATL" in screen_text(app) and "Trends" in screen_text(app)

        await pilot.press("right_square_bracket")
        await wait_text(pilot, "last 12 weeks")
        await wait_for(pilot, lambda: table.row_count == 12)
        await pilot.press("left_square_bracket", "left_square_bracket")
        await wait_text(pilot, "last 4 weeks")

        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))


async def test_trends_with_no_history_says_so(app: FluxApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_trends(pilot, app)
        assert screen.query_one("#weeks", DataTable).row_count == 8
        assert "ACWR after 28 days" in screen_text(app)


async def test_the_finish_dialog_takes_an_optional_session_rpe(
    app: FluxApp, ctx: services.Context
) -> None:
    from flux_cli.services import body
    from flux_cli.tui.screens.effort import FinishScreen
    from flux_cli.tui.screens.modals import VerdictScreen

    check_in(ctx)
    async with app.run_test(size=SMALL) as pilot:
        screen = await start_workout(pilot, app)
        await pilot.press(*"100", "tab", "5", "enter")
        await wait_for(pilot, lambda: len(screen.sets) == 1)
        await pilot.press("escape", "f")
        await wait_for(pilot, lambda: isinstance(app.screen, FinishScreen))
        assert "session RPE: not given" in screen_text(app)
        await pilot.press("8")
        await wait_text(pilot, "session RPE: 8")
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, VerdictScreen))
    # One set, finished at once: 3 estimated minutes at RPE 8 = 24 AU = 5.7 points.
    load = body.recovery(ctx, DAY + dt.timedelta(days=1)).load
    assert load.yesterday == pytest.approx(24 / 4.2, abs=0.05)


async def test_the_highlighted_week_shows_its_hard_sets_as_bars_against_the_targets(
    app: FluxApp, ctx: services.Context
) -> None:
    # squat_history: Back Squat 2 × 5 and Deadlift 1 × 3 once a week, 6 to 2 weeks ago.
    squat_history(ctx)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_trends(pilot, app)
        await wait_text(pilot, "hard sets, week of 2026-11-14")
        panel = str(screen.query_one("#trends-volume").render())
        # The last 7 days: nothing done, every group short of its floor.
        assert "quadriceps  ░░░░······ 0/8" in panel
        assert "calves      ░░········ 0/2" in panel
        await pilot.press("down")  # the week of 2026-11-07: one session
        await wait_text(pilot, "hard sets, week of 2026-11-07")
        panel = str(screen.query_one("#trends-volume").render())
        # Back Squat 2 sets (quadriceps primary) + Deadlift 1 set (quadriceps secondary).
        assert "quadriceps  █░░░······ 2.5/8" in panel
        assert "hamstrings  █░░░······ 2/8" in panel
        assert "chest       ░░░░······ 0/8" in panel
