"""Regressions from a month of real use of the dashboard (issue 8: defects 1, 14-17)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from flux_cli import services
from flux_cli.tui.app import FluxApp
from flux_cli.tui.screens.add_exercise import AddExerciseScreen
from flux_cli.tui.screens.checkin import CheckinScreen
from flux_cli.tui.screens.modals import ConfirmScreen, KeysScreen, VerdictScreen
from flux_cli.tui.screens.today import TodayScreen
from flux_cli.tui.screens.workout import WorkoutScreen
from flux_cli.tui.writes import Write
from tests.tui.conftest import (
    BIG,
    DAY,
    SMALL,
    FakeClock,
    check_in,
    conditioning_day,
    screen_text,
    start_workout,
    wait_for,
    wait_text,
)

pytestmark = pytest.mark.asyncio


async def _conditioning_workout(pilot: Pilot[Any], app: FluxApp) -> WorkoutScreen:
    await wait_text(pilot, "Conditioning: HIIT level 1")
    await pilot.press("w")
    await wait_text(pilot, "Press Enter to start")
    await pilot.press("enter")
    await wait_text(pilot, "0/6 Air Bike")
    screen = app.screen
    assert isinstance(screen, WorkoutScreen)
    return screen


# ---------------------------------------------------------------- 1: progression on trust


async def test_six_quick_enters_log_no_interval_and_never_the_target_watts(
    app: FluxApp, ctx: services.Context
) -> None:
    conditioning_day(ctx)
    async with app.run_test(size=BIG) as pilot:
        screen = await _conditioning_workout(pilot, app)
        watts = screen.query_one("#f-watts", Input)
        assert watts.value == "" and watts.placeholder == "target 262"
        for _ in range(6):
            await pilot.press("enter")
            await pilot.pause()
            if isinstance(app.screen, ConfirmScreen):
                assert "the interval timer has not run" in screen_text(app)
                await pilot.press("n")
                await wait_for(pilot, lambda: app.screen is screen)
        await pilot.pause(0.2)
        assert screen.sets == [] and services.show_session(ctx).sets == []


async def test_an_interval_logged_before_its_work_phase_ended_asks_first(
    app: FluxApp, ctx: services.Context, clock: FakeClock
) -> None:
    conditioning_day(ctx)
    async with app.run_test(size=BIG) as pilot:
        screen = await _conditioning_workout(pilot, app)
        await pilot.press("escape", "space")  # start the timer
        clock.advance(10)  # 20 s of work left
        screen.tick()
        await pilot.press(*"262", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "interval 1: its work phase has not ended on the timer" in screen_text(app)
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is screen)
        assert services.show_session(ctx).sets == []

        clock.advance(20)  # the work phase is over: no question
        screen.tick()
        await pilot.pause()
        await pilot.press("enter")  # the typed 262 W is still there
        await wait_for(pilot, lambda: len(screen.sets) == 1)
        assert not isinstance(app.screen, ConfirmScreen)
    assert services.show_session(ctx).sets[0].metadata["avg_watts"] == 262


# ---------------------------------------------------------------- 14: after the workout


async def test_after_finishing_today_shows_the_day_done_and_a_second_session_is_asked_for(
    app: FluxApp, ctx: services.Context
) -> None:
    check_in(ctx)
    async with app.run_test(size=BIG) as pilot:
        await wait_text(pilot, "Today's plan")
        debt_before = app.screen.query_one("#debt").render()
        screen = await start_workout(pilot, app)
        await pilot.press(*"100", "tab", "5", "enter", "enter")
        await wait_for(pilot, lambda: len(screen.sets) == 2)
        await pilot.press("escape", "f")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, VerdictScreen))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
        await wait_text(pilot, "Done today: Strength A")
        text = screen_text(app)
        assert "completed, 2 sets" in text
        assert "prescribed items met" in text
        assert "Next, tomorrow if you feel as today" in text
        assert (
            services.plan(
                ctx, {"knee_pain": "1", "energy": "8"}, DAY + dt.timedelta(days=1)
            ).session_name
            in text
        )
        assert "Today's plan" not in text
        assert "No active session and no check-in today" not in text
        assert str(app.screen.query_one("#debt").render()) != str(debt_before)  # squat paid

        await pilot.press("w")
        await wait_text(pilot, "Done today: Strength A")
        assert "second session today (asks first)" in screen_text(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "already done today" in screen_text(app)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, WorkoutScreen))
        await pilot.pause(0.2)
        assert [item.session.status for item in services.history(ctx)] == ["completed"]

        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_text(pilot, "0/5 Back Squat")
    assert [item.session.status for item in services.history(ctx)] == ["active", "completed"]


# ---------------------------------------------------------------- 15: 80×24 and keys


async def test_a_letter_typed_in_a_field_stays_there(app: FluxApp, ctx: services.Context) -> None:
    check_in(ctx)
    async with app.run_test(size=SMALL) as pilot:
        screen = await start_workout(pilot, app)
        await pilot.press("c", "h", "q", "f")
        await pilot.pause(0.2)
        assert app.screen is screen and app.is_running
        assert "numbers only ('f' refused)" in screen_text(app)
        assert "Check-in" not in screen_text(app).splitlines()[-1]  # the footer: field keys
        await pilot.press("escape", "c")  # Esc: the next key is a command
        await wait_for(pilot, lambda: isinstance(app.screen, CheckinScreen))


async def test_today_at_80x24_shows_the_whole_plan_and_no_empty_plot(
    app: FluxApp, ctx: services.Context
) -> None:
    check_in(ctx)
    async with app.run_test(size=SMALL) as pilot:
        await wait_text(pilot, "Farmer's Carry")
        await pilot.pause(0.3)
        text = screen_text(app)
        for row in ("Back Squat", "3 × 8 @ RPE 8    1:00", "3 × 40s @ RPE 8  1:30"):
            assert row in text, row
        assert "SQUAT" in text and "HIIT L1/7" in text  # debt and levels on the first page
        assert "e1RM Back Squat" not in text  # no lift logged yet: no empty plot
        assert not app.screen.query_one("#trend").display


async def test_history_at_80_columns_keeps_dates_and_sets_whole(
    app: FluxApp, ctx: services.Context
) -> None:
    day = DAY - dt.timedelta(days=3)
    check_in(ctx, day)
    services.start_session(ctx, day)
    services.log_sets(ctx, "Hanging Leg Raise", ["12", "12", "12"], day=day)
    services.log_sets(ctx, "Back Squat", ["132.5x5"], day=day, rpe=8.5)
    services.complete_session(ctx)
    async with app.run_test(size=SMALL) as pilot:
        await wait_text(pilot, "No check-in today")
        await pilot.press("h")
        await wait_text(pilot, "1 session, 4 sets")
        await pilot.pause(0.3)
        text = screen_text(app)
        assert "2026-11-18" in text
        assert "132.5 kg × 5 @ RPE 8.5" in text
        assert "Strength A: SQUAT…" in text or "Strength A: SQUAT f…" in text
        assert "Hanging Leg Raise" in text
        assert "e1RM" not in text  # the plot waits for an exercise filter


# ---------------------------------------------------------------- 16: an unplanned exercise


async def test_an_unplanned_exercise_is_added_from_the_catalogue_and_logged(
    app: FluxApp, ctx: services.Context
) -> None:
    check_in(ctx)
    async with app.run_test(size=SMALL) as pilot:
        screen = await start_workout(pilot, app)
        await pilot.press("escape")
        footer = screen_text(app).splitlines()[-1]
        assert "a Add exercise" in footer and "f Finish" in footer  # both fit 80 columns
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, KeysScreen))
        assert "a  Add exercise" in screen_text(app)
        await pilot.press("escape")  # closes the keys; the entry field has the focus again
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.press("escape", "a")
        await wait_for(pilot, lambda: isinstance(app.screen, AddExerciseScreen))
        await wait_text(pilot, "exercises: → takes the suggestion")
        await pilot.press(*"no such lift", "enter")
        await wait_text(pilot, "'no such lift' is not in the catalogue")
        field = app.screen.query_one("#add-name", Input)
        field.value = ""
        await pilot.press(*"deadl", "enter")
        await wait_text(pilot, "0 Deadlift")
        assert screen.item is not None and screen.item.name == "Deadlift"
        assert "not in the plan" in screen_text(app)
        await pilot.press(*"140", "tab", *"3", "enter")
        await wait_for(pilot, lambda: len(screen.sets) == 1)
    rows = services.show_session(ctx).sets
    assert [(row.exercise, row.weight_kg, row.reps) for row in rows] == [("Deadlift", 140.0, 3)]


# ---------------------------------------------------------------- 17: writes


async def test_a_bug_in_a_write_is_shown_once_and_not_retried(
    app: FluxApp, ctx: services.Context
) -> None:
    check_in(ctx)
    calls: list[int] = []

    def broken() -> None:
        calls.append(1)
        raise ZeroDivisionError("division by zero")

    async with app.run_test(size=BIG) as pilot:
        screen = await start_workout(pilot, app)
        app.writes.add(Write("log", "Back Squat 100 kg × 5", broken, payload=("Back Squat", "")))
        screen.action_retry()
        await wait_text(pilot, "NOT SAVED: Back Squat 100 kg × 5: a bug in flux")
        assert "ZeroDivisionError" in screen_text(app)
        await pilot.pause(1.5)  # longer than the first retry delay
        assert calls == [1] and len(app.writes) == 0
        assert "retry" not in screen_text(app)


async def test_finish_closes_only_the_session_it_was_pressed_for(
    app: FluxApp, ctx: services.Context
) -> None:
    check_in(ctx)
    async with app.run_test(size=BIG) as pilot:
        screen = await start_workout(pilot, app)
        await pilot.press(*"100", "tab", "5", "enter")  # reps are typed, never the target's
        await wait_for(pilot, lambda: len(screen.sets) == 1)
        first = services.show_session(ctx).session.id
        # Meanwhile, in another terminal: that session is abandoned and a new one started.
        services.abandon_session(ctx)
        second = services.start_session(ctx, DAY).session.id
        await pilot.press("escape", "f")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_text(pilot, f"NOT SAVED: finish session: session #{first} is no longer")
    active = services.show_session(ctx).session
    assert active.id == second and active.status == "active"
