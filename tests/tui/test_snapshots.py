"""Snapshots of every screen at 80×24 and 100×30, clock fixed (update: --snapshot-update)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from flux_cli import services
from flux_cli.tui.app import make_app
from flux_cli.tui.screens.checkin import CheckinScreen
from flux_cli.tui.screens.workout import WorkoutScreen
from tests.tui.conftest import (
    BIG,
    DAY,
    SMALL,
    FakeClock,
    check_in,
    screen_text,
    squat_history,
    svg_text,
    wait_for,
    wait_text,
)

# pytest-textual-snapshot's fixture: compare(app, press=…, terminal_size=…, run_before=…) -> bool
# (its own annotation names only the first parameter).
SnapCompare = Callable[..., bool]
SIZES = pytest.mark.parametrize("size", [SMALL, BIG], ids=["80x24", "100x30"])
STORED = Path(__file__).parent / "__snapshots__" / "test_snapshots"


@pytest.fixture
def snap(snap_compare: SnapCompare, request: pytest.FixtureRequest) -> SnapCompare:
    """`snap_compare`, and on a mismatch both screens as text in the test's output (a CI log
    then says what differed)."""

    def compare(app: Any, *, terminal_size: tuple[int, int], run_before: Any) -> bool:
        shown: list[str] = []

        async def before(pilot: Pilot[Any]) -> None:
            await run_before(pilot)
            shown.append(screen_text(pilot.app))

        same = snap_compare(app, terminal_size=terminal_size, run_before=before)
        if not same:
            stored = STORED / f"{request.node.name}.raw"
            print("the screen when compared:", *shown, sep="\n")
            if stored.is_file():
                kept = svg_text(stored.read_text(), terminal_size)
                print("the stored snapshot:", kept, sep="\n")
                if shown and shown[0] == kept:
                    print("the same text: the difference is in styles (colours, the cursor)")
        return same

    return compare


def _steady(pilot: Pilot[Any]) -> None:
    """No blinking cursor in a snapshot."""
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


@SIZES
def test_today(snap: SnapCompare, ctx: services.Context, size: tuple[int, int]) -> None:
    squat_history(ctx)
    check_in(ctx)

    async def ready(pilot: Pilot[Any]) -> None:
        await wait_text(pilot, "Strength A")
        await wait_for(pilot, lambda: pilot.app.screen.query_one("#trend").display)
        # A table sizes its columns when it next idles: wait for the widest cells.
        await wait_text(pilot, "Hanging Leg Raise")
        await wait_text(pilot, "3 × 40s @ RPE 8")
        await pilot.pause(0.3)

    assert snap(make_app(ctx, clock=FakeClock(DAY)), terminal_size=size, run_before=ready)


@SIZES
def test_workout_with_two_sets_and_the_rest_timer(
    snap: SnapCompare, ctx: services.Context, size: tuple[int, int]
) -> None:
    squat_history(ctx)
    check_in(ctx)
    clock = FakeClock(DAY)

    async def two_sets(pilot: Pilot[Any]) -> None:
        await wait_text(pilot, "Strength A")
        await pilot.press("w")
        await wait_text(pilot, "Press Enter to start")
        await pilot.press("enter")
        await wait_text(pilot, "0/5 Bench Press")
        screen = pilot.app.screen
        assert isinstance(screen, WorkoutScreen)
        await pilot.press(*"60", "tab", "5", "tab", "8", "enter", "8", "enter")
        await wait_for(pilot, lambda: len(screen.sets) == 2)
        clock.advance(40)
        screen.tick()
        _steady(pilot)

    assert snap(make_app(ctx, clock=clock), terminal_size=size, run_before=two_sets)


@SIZES
def test_history(snap: SnapCompare, ctx: services.Context, size: tuple[int, int]) -> None:
    squat_history(ctx)

    async def filtered(pilot: Pilot[Any]) -> None:
        await wait_text(pilot, "No check-in today")
        await pilot.press("h")
        await wait_text(pilot, "5 sessions, 15 sets")
        await pilot.press("slash", *"Back Squat", "enter")
        await wait_text(pilot, "sets of Back Squat")
        await wait_for(pilot, lambda: pilot.app.screen.query_one("#history-plot").display)
        await pilot.press("escape")
        _steady(pilot)
        await pilot.pause(0.3)

    assert snap(make_app(ctx, clock=FakeClock(DAY)), terminal_size=size, run_before=filtered)


@SIZES
def test_checkin(snap: SnapCompare, ctx: services.Context, size: tuple[int, int]) -> None:
    async def form(pilot: Pilot[Any]) -> None:
        await wait_text(pilot, "No check-in today")
        # Today behind the form finishes loading first (on a busy machine it once had not).
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.3)  # and is drawn: the form dims what it covers
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, CheckinScreen))
        await wait_text(pilot, "Enter moves on")
        _steady(pilot)  # before typing: no blink timer runs while the keys land
        await pilot.press("1", "1")  # out of range: the message shows in place
        await wait_text(pilot, "0-10 only")
        await pilot.app.workers.wait_for_complete()
        _steady(pilot)
        await pilot.pause(0.3)

    assert snap(make_app(ctx, clock=FakeClock(DAY)), terminal_size=size, run_before=form)


@SIZES
def test_trends(snap: SnapCompare, ctx: services.Context, size: tuple[int, int]) -> None:
    squat_history(ctx)

    async def opened(pilot: Pilot[Any]) -> None:
        await wait_text(pilot, "No check-in today")
        await pilot.press("l")
        await wait_text(pilot, "last 8 weeks")
        await wait_text(pilot, "quadriceps 2.5, hamstrings 2")  # the table's widest cell
        await pilot.pause(0.3)

    assert snap(make_app(ctx, clock=FakeClock(DAY)), terminal_size=size, run_before=opened)
