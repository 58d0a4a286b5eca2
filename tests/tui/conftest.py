"""Fixtures for the dashboard tests: a fixed day, a fake clock, seeded histories, screen text."""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot

from flux_cli import services
from flux_cli.tui.app import FluxApp, make_app
from flux_cli.tui.screens.workout import WorkoutScreen
from tests.samples import REPO_ROOT

DAY = dt.date(2026, 11, 21)
BIG = (100, 30)
SMALL = (80, 24)


class FakeClock:
    """A clock that moves only when told to: the dashboard's timers on the test's terms."""

    def __init__(self, day: dt.date, start: float = 1000.0) -> None:
        self.day = day
        self.now = start

    def monotonic(self) -> float:
        return self.now

    def today(self) -> dt.date:
        return self.day

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The dashboard's look does not depend on the caller's shell (NO_COLOR, Textual's env)."""
    for name in ("NO_COLOR", "FORCE_COLOR", "TEXTUAL", "TEXTUAL_ANIMATIONS", "COLUMNS", "LINES"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def fixed_table(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped rules with composition off: the workout screen's mechanics (plates, timers,
    undo, verdicts) are pinned to the rules' fixed table of lead lift, core and carry, which
    no catalogue or solver change moves. Composed sessions in the dashboard are tested with
    a budget (test_swap.py)."""
    shipped = (REPO_ROOT / "config" / "program_config.yaml").read_text()
    assert "\n  enabled: true\n" in shipped
    path = tmp_path_factory.mktemp("rules") / "fixed-table.yaml"
    path.write_text(shipped.replace("\n  enabled: true\n", "\n  enabled: false\n"))
    return path


@pytest.fixture(autouse=True)
def _fixed_table_for_processes(fixed_table: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A `flux dashboard` process started by a test reads the same rules (FLUX_CONFIG)."""
    monkeypatch.setenv("FLUX_CONFIG", str(fixed_table))


@pytest.fixture
def ctx(fixed_table: Path) -> services.Context:
    return services.Context(config_path=fixed_table)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(DAY)


@pytest.fixture
def app(ctx: services.Context, clock: FakeClock) -> FluxApp:
    return make_app(ctx, clock=clock)


# Rich's SVG export (what App.export_screenshot returns) writes each run of text as one
# <text> element at x = column × 12.2 (20 px font × 0.61 aspect), clipped to its line.
SVG_TEXT = re.compile(
    r'<text [^>]*?x="([0-9.]+)"[^>]*?clip-path="url\(#[^)]*?-line-([0-9]+)\)">(.*?)</text>'
)
SVG_CHAR_WIDTH = 12.2


def screen_text(app: App[Any]) -> str:
    """What the terminal shows right now, as plain text (read from the app's screenshot)."""
    return svg_text(app.export_screenshot(), app.size)


def svg_text(svg: str, size: tuple[int, int]) -> str:
    """A screenshot (Rich's SVG export, as snapshots store it) as plain text."""
    width, height = size
    lines = [[" "] * width for _ in range(height)]
    for x, line, text in SVG_TEXT.findall(svg):
        column = round(float(x) / SVG_CHAR_WIDTH)
        row = lines[int(line)] if int(line) < height else []
        for offset, character in enumerate(html.unescape(text).replace("\xa0", " ")):
            if column + offset < len(row):
                row[column + offset] = character
    return "\n".join("".join(row) for row in lines)


async def wait_for(
    pilot: Pilot[Any], condition: Callable[[], object], *, timeout: float = 10.0
) -> None:
    """Let the app run until `condition()` holds (worker threads need real time)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out; screen was:\n{screen_text(pilot.app)}")
        await pilot.pause(0.02)


async def wait_text(pilot: Pilot[Any], text: str, *, timeout: float = 10.0) -> None:
    await wait_for(pilot, lambda: text in screen_text(pilot.app), timeout=timeout)


def check_in(
    ctx: services.Context, day: dt.date = DAY, knee_pain: int = 1, energy: int = 8
) -> services.CheckinResult:
    return services.checkin(ctx, {"knee_pain": str(knee_pain), "energy": str(energy)}, day)


def complete_day(
    ctx: services.Context, day: dt.date, sets: dict[str, list[str]] | None = None
) -> services.CompletionResult:
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


async def start_workout(pilot: Pilot[Any], app: FluxApp) -> WorkoutScreen:
    """From Today (checked in, Strength A planned) into a started workout."""
    await wait_text(pilot, "Strength A")
    await pilot.press("w")
    await wait_text(pilot, "Press Enter to start")
    await pilot.press("enter")
    await wait_text(pilot, "0/5 Back Squat")
    screen = app.screen
    assert isinstance(screen, WorkoutScreen)
    return screen
