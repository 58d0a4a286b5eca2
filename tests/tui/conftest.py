"""Fixtures for the dashboard tests: a fixed day, a fake clock, seeded histories, screen text."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable

import pytest
from textual.app import App
from textual.pilot import Pilot

from flux_cli import services
from flux_cli.tui.app import FluxApp, make_app
from flux_cli.tui.clock import FakeClock
from flux_cli.tui.screens.workout import WorkoutScreen

DAY = dt.date(2026, 11, 21)
BIG = (100, 30)
SMALL = (80, 24)


@pytest.fixture
def ctx() -> services.Context:
    return services.Context()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(DAY)


@pytest.fixture
def app(ctx: services.Context, clock: FakeClock) -> FluxApp:
    return make_app(ctx, clock=clock)


def screen_text(app: App[object]) -> str:
    """What the terminal shows right now, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def wait_for(
    pilot: Pilot[object], condition: Callable[[], object], *, timeout: float = 10.0
) -> None:
    """Let the app run until `condition()` holds (worker threads need real time)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out; screen was:\n{screen_text(pilot.app)}")
        await pilot.pause(0.02)


async def wait_text(pilot: Pilot[object], text: str, *, timeout: float = 10.0) -> None:
    await wait_for(pilot, lambda: text in screen_text(pilot.app), timeout=timeout)


def check_in(ctx: services.Context, day: dt.date = DAY, knee_pain: int = 1, energy: int = 8):
    return services.checkin(ctx, {"knee_pain": str(knee_pain), "energy": str(energy)}, day)


def complete_day(ctx: services.Context, day: dt.date, sets: dict[str, list[str]] | None = None):
    """Check in on `day`, start its plan, log `sets` (exercise → specs) and complete it.

    Without `sets`, one set of the lead exercise: an empty session does not complete.
    """
    check_in(ctx, day)
    view = services.start_session(ctx, day)
    assert view.plan is not None
    for exercise, specs in (sets or {view.plan.exercises[0].name: ["40x5"]}).items():
        services.log_sets(ctx, exercise, specs, day=day)
    return services.complete_session(ctx)


def conditioning_day(ctx: services.Context) -> None:
    """History that makes DAY a Conditioning day (HIIT level 1 at 262 W with FTP 250)."""
    services.profile_set(ctx, {"ftp_watts": "250"})
    complete_day(ctx, DAY - dt.timedelta(days=2))
    complete_day(ctx, DAY - dt.timedelta(days=1))
    check_in(ctx)


def squat_history(ctx: services.Context) -> None:
    """A few weeks of Back Squat and Deadlift work before DAY, for plots and filters."""
    for weeks_ago, load in ((6, 100), (5, 105), (4, 107.5), (3, 110), (2, 112.5)):
        day = DAY - dt.timedelta(weeks=weeks_ago)
        services.log_sets(ctx, "Back Squat", [f"{load}x5x2"], day=day)
        services.log_sets(ctx, "Deadlift", [f"{load + 40}x3"], day=day)
        services.complete_session(ctx)


async def start_workout(pilot: Pilot[object], app: FluxApp) -> WorkoutScreen:
    """From Today (checked in, Strength A planned) into a started workout."""
    await wait_text(pilot, "Strength A")
    await pilot.press("w")
    await wait_text(pilot, "Press Enter to start")
    await pilot.press("enter")
    await wait_text(pilot, "0/5 Back Squat")
    screen = app.screen
    assert isinstance(screen, WorkoutScreen)
    return screen
