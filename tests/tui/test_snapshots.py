"""Snapshots of Today and Workout at 100×30 with the clock fixed (update: --snapshot-update)."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input

from flux_cli import services
from flux_cli.tui.app import make_app
from flux_cli.tui.screens.workout import WorkoutScreen
from tests.tui.conftest import BIG, DAY, FakeClock, check_in, squat_history, wait_for, wait_text


def _steady(pilot: Pilot[object]) -> None:
    """No blinking cursor in a snapshot."""
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


def test_today(snap_compare, ctx: services.Context) -> None:  # type: ignore[no-untyped-def]
    squat_history(ctx)
    check_in(ctx)

    async def ready(pilot: Pilot[object]) -> None:
        await wait_text(pilot, "e1RM Back Squat")
        await wait_text(pilot, "Strength A")

    assert snap_compare(make_app(ctx, clock=FakeClock(DAY)), terminal_size=BIG, run_before=ready)


def test_workout_with_two_sets_and_the_rest_timer(  # type: ignore[no-untyped-def]
    snap_compare, ctx: services.Context
) -> None:
    squat_history(ctx)
    check_in(ctx)
    clock = FakeClock(DAY)

    async def two_sets(pilot: Pilot[object]) -> None:
        await wait_text(pilot, "Strength A")
        await pilot.press("w")
        await wait_text(pilot, "Press Enter to start")
        await pilot.press("enter")
        await wait_text(pilot, "0/5 Bench Press")
        screen = pilot.app.screen
        assert isinstance(screen, WorkoutScreen)
        await pilot.press(*"60", "enter", "enter")
        await wait_for(pilot, lambda: len(screen.sets) == 2)
        clock.advance(40)
        screen.tick()
        _steady(pilot)

    assert snap_compare(make_app(ctx, clock=clock), terminal_size=BIG, run_before=two_sets)
