"""Logging a workout by keyboard: every set is in the database the moment Enter is pressed."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Input

from flux_cli import services
from flux_cli.tui.app import FluxApp
from flux_cli.tui.screens.modals import ConfirmScreen, VerdictScreen
from flux_cli.tui.screens.workout import WorkoutScreen
from tests.tui.conftest import (
    BIG,
    DAY,
    SMALL,
    check_in,
    screen_text,
    start_workout,
    wait_for,
    wait_text,
)

pytestmark = pytest.mark.asyncio


def logged(ctx: services.Context) -> list[tuple[str, float | None, int | None, float | None]]:
    return [
        (row.exercise, row.weight_kg, row.reps, row.seconds)
        for row in services.show_session(ctx).sets
    ]


async def test_a_whole_strength_workout_by_keyboard(app: FluxApp, ctx: services.Context) -> None:
    check_in(ctx)
    async with app.run_test(size=BIG) as pilot:
        screen = await start_workout(pilot, app)
        await pilot.press(*"100")  # the weight field has focus; typing replaces it
        await wait_text(pilot, "per side: 25 + 15")  # plate calculator, bar 20 kg
        await pilot.press("tab", "5")  # reps are what was done: the target is a placeholder
        for done in range(1, 6):
            await pilot.press("enter")

            def logged_all(n: int = done) -> bool:  # bind this round's count now
                return len(screen.sets) == n

            await wait_for(pilot, logged_all)
        assert logged(ctx) == [("Back Squat", 100.0, 5, None)] * 5
        await wait_text(pilot, "0/3 Hanging Leg Raise")  # moved on by itself
        assert "REST 3:00" in screen_text(app)  # the main lift's rest started
        await pilot.press("tab", "8", "enter", "enter", "enter")
        await wait_text(pilot, "0/3 Farmer's Carry")
        await pilot.press(*"32", "enter", "enter", "enter")
        await wait_for(pilot, lambda: len(screen.sets) == 11)
        assert (
            logged(ctx)[5:]
            == [("Hanging Leg Raise", None, 8, None)] * 3  # double progression: 8–12 reps
            + [("Farmer's Carry", 32.0, None, 40.0)] * 3
        )
        await pilot.press("escape", "f")  # Esc: the next key is a command
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, VerdictScreen))
        text = screen_text(app)
        assert "completed" in text and "✓ Back Squat" in text and "✗" not in text
        await pilot.press("enter")
        await wait_text(pilot, "GREEN")  # back on Today
    assert services.history(ctx)[0].session.status == "completed"


async def test_weight_keys_step_by_a_pair_of_the_smallest_plates(
    app: FluxApp, ctx: services.Context
) -> None:
    services.profile_set(ctx, {"plates_kg": "20,10,5,2.5"})
    check_in(ctx)
    async with app.run_test(size=SMALL) as pilot:
        screen = await start_workout(pilot, app)
        await pilot.press(*"60", "plus", "plus", "minus", "up")  # field ↑ steps too
        assert screen.query_one("#f-weight", Input).value == "70"
        await pilot.press("tab", "4", "enter")
        await wait_for(pilot, lambda: len(screen.sets) == 1)
    assert logged(ctx) == [("Back Squat", 70.0, 4, None)]


async def test_pounds_are_shown_and_stored_as_kilograms(
    app: FluxApp, ctx: services.Context
) -> None:
    services.profile_set(ctx, {"units": "lb"})
    check_in(ctx)
    async with app.run_test(size=BIG) as pilot:
        screen = await start_workout(pilot, app)
        assert "weight lb" in screen_text(app)
        await pilot.press(*"225", "tab", "5", "enter")
        await wait_for(pilot, lambda: len(screen.sets) == 1)
        await wait_text(pilot, "225 lb × 5")
    assert logged(ctx)[0][1] == pytest.approx(102.058, abs=0.001)


async def test_undo_takes_back_the_last_set(app: FluxApp, ctx: services.Context) -> None:
    check_in(ctx)
    async with app.run_test(size=BIG) as pilot:
        screen = await start_workout(pilot, app)
        await pilot.press(*"100", "tab", "5", "enter", "enter")
        await wait_for(pilot, lambda: len(screen.sets) == 2)
        await pilot.press("escape", "u")
        await wait_text(pilot, "undone: Back Squat")
        assert len(screen.sets) == 1
        assert "1/5 Back Squat" in screen_text(app)
        assert len(logged(ctx)) == 1
        await pilot.press("escape", "u", "escape", "u")  # the second undo finds nothing
        await wait_text(pilot, "nothing to undo")
    assert logged(ctx) == []


async def test_bad_input_is_refused_and_absurd_values_need_confirmation(
    app: FluxApp, ctx: services.Context
) -> None:
    check_in(ctx)
    async with app.run_test(size=SMALL) as pilot:
        screen = await start_workout(pilot, app)
        await pilot.press("k")
        await wait_text(pilot, "numbers only ('k' refused)")
        await pilot.press(*"1.2.3", "enter")
        await wait_text(pilot, "not a number")
        await pilot.press("home", "ctrl+k", *"100", "tab", *"150", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "150 reps is over 100" in screen_text(app)
        await pilot.press("n")
        await pilot.pause(0.1)
        assert screen.sets == [] and logged(ctx) == []
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: len(screen.sets) == 1)
    assert logged(ctx) == [("Back Squat", 100.0, 150, None)]


async def test_opening_the_dashboard_resumes_the_active_session(
    app: FluxApp, ctx: services.Context
) -> None:
    check_in(ctx)
    services.start_session(ctx, check_in(ctx).plan.date)
    services.log_sets(ctx, "Back Squat", ["90x5x5"], day=check_in(ctx).plan.date)
    async with app.run_test(size=BIG) as pilot:
        await wait_text(pilot, "0/3 Hanging Leg Raise")
        assert isinstance(app.screen, WorkoutScreen)
        assert "5/5 Back Squat" in screen_text(app)


async def test_sets_logged_before_the_check_in_take_the_days_plan(
    app: FluxApp, ctx: services.Context
) -> None:
    services.log_sets(ctx, "Back Squat", ["90x5x2"], day=DAY)  # ad hoc: no plan yet
    check_in(ctx)
    async with app.run_test(size=BIG) as pilot:
        await pilot.press("w")
        await wait_text(pilot, "2/5 Back Squat")  # the plan, with the two sets in it
        assert isinstance(app.screen, WorkoutScreen)
    view = services.show_session(ctx)
    assert view.plan is not None
    assert (view.session.session_name or "").startswith("Strength A")
    assert logged(ctx) == [("Back Squat", 90.0, 5, None)] * 2


def last_week(ctx: services.Context) -> None:
    """130x5 @ RPE 8 a week before DAY for a lift of every pattern: Back Squat leads at 130 kg."""
    for lift in ("Back Squat", "Deadlift", "Bench Press", "Barbell Row"):
        services.log_sets(ctx, lift, ["130x5"], rpe=8, day=DAY - dt.timedelta(days=7))
    services.complete_session(ctx)


async def test_the_next_sets_load_follows_the_plans_rule_after_each_rated_set(
    app: FluxApp, ctx: services.Context
) -> None:
    last_week(ctx)
    assert check_in(ctx).plan.exercises[0].load_kg == 130.0  # 130x5 @ 8 again
    async with app.run_test(size=SMALL) as pilot:
        screen = await start_workout(pilot, app)
        weight, reps, rpe = (
            screen.query_one(f"#f-{name}", Input) for name in ("weight", "reps", "rpe")
        )
        assert weight.value == "130"  # the plan's load
        # Reps and RPE are what the athlete does and feels: the targets are placeholders.
        assert (reps.value, reps.placeholder) == ("", "target 5")
        assert (rpe.value, rpe.placeholder) == ("", "target 8")
        await pilot.press("tab", "5", "tab", *"9.5", "enter")
        await wait_for(pilot, lambda: len(screen.sets) == 1)
        # 1.5 RPE points over the target: −4 % a point → 122.2 → 122.5 kg on the plates.
        await wait_text(pilot, "next 122.5 kg: last set RPE 9.5, target 8")
        assert weight.value == "122.5" and rpe.value == ""  # rated afresh each set
        await pilot.press("6", "enter")
        await wait_for(pilot, lambda: len(screen.sets) == 2)
        # 2 points under: +2 % a point → 127.4 → 127.5 kg.
        await wait_text(pilot, "next 127.5 kg: last set RPE 6, target 8")
        assert weight.value == "127.5"
        await pilot.press("enter")  # no RPE: nothing to go by, the load stays
        await wait_for(pilot, lambda: len(screen.sets) == 3)
        await pilot.pause(0.1)
        assert weight.value == "127.5" and "next 1" not in screen_text(app)
        await pilot.press("8", "enter")  # at the target: the same load again
        await wait_text(pilot, "next 127.5 kg (same): last set RPE 8, target 8")
    assert [(row.weight_kg, row.reps, row.rpe) for row in services.show_session(ctx).sets] == [
        (130.0, 5, 9.5),
        (122.5, 5, 6.0),
        (127.5, 5, None),
        (127.5, 5, 8.0),
    ]


async def test_a_resumed_workout_prefills_from_the_last_rated_set(
    app: FluxApp, ctx: services.Context
) -> None:
    last_week(ctx)
    check_in(ctx)
    services.start_session(ctx, DAY)
    services.log_sets(ctx, "Back Squat", ["130x4"], rpe=10, day=DAY)
    async with app.run_test(size=SMALL) as pilot:
        await wait_text(pilot, "1/5 Back Squat")
        # 2 points over: −8 % → 119.6 → 120 kg; the reps are the athlete's last, not the target.
        await wait_text(pilot, "next 120 kg: last set RPE 10, target 8")
        assert app.screen.query_one("#f-weight", Input).value == "120"
        assert app.screen.query_one("#f-reps", Input).value == "4"
