"""Today shows the least recovered muscle groups as coloured bars (issue 11: seeing fatigue)."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.content import Content
from textual.widgets import Static

from flux_cli import services
from flux_cli.present.body import percent_bar, recovery_style
from flux_cli.tui.app import FluxApp
from tests.tui.conftest import BIG, DAY, check_in, wait_text

pytestmark = pytest.mark.asyncio


async def test_a_hard_leg_day_yesterday_shows_as_recovery_bars(
    app: FluxApp, ctx: services.Context
) -> None:
    yesterday = DAY - dt.timedelta(days=1)
    services.log_sets(ctx, "Back Squat", ["140x5x5"], day=yesterday, rpe=9)
    services.log_sets(ctx, "Romanian Deadlift", ["100x8x4"], day=yesterday, rpe=9)
    services.complete_session(ctx)
    plan = check_in(ctx).plan
    assert plan.recovery is not None
    tired = sorted((p, m) for m, p in plan.recovery.items() if p < 100)[:3]
    assert tired and tired[0][0] < 100  # the plan itself says the legs are not recovered
    async with app.run_test(size=BIG) as pilot:
        await wait_text(pilot, "recovery:")
        line = pilot.app.screen.query_one("#readiness", Static).visual
        assert isinstance(line, Content)
        shown = str(line)
        for percent, muscle in tired:
            assert f"{muscle} " in shown and f" {percent}%" in shown
        # Each figure has its bar, filled in proportion and coloured by how tired.
        bars = [
            (shown[span.start : span.end], str(span.style).removeprefix("ansi_"))
            for span in line.spans
            if set(shown[span.start : span.end]) <= {"█", "·"}
        ]
        assert bars == [(percent_bar(p, width=5), recovery_style(p)) for p, _ in tired]
