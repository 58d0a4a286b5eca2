"""Mouse, resize and layering: the dashboard answers clicks, redraws at any size, has no SQL."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widget import Widget
from textual.widgets import OptionList

from flux_cli import services
from flux_cli.tui.app import FluxApp
from flux_cli.tui.screens.history import HistoryScreen
from flux_cli.tui.screens.modals import KeysScreen
from flux_cli.tui.screens.workout import WorkoutScreen
from tests.tui.conftest import BIG, SMALL, check_in, screen_text, wait_for, wait_text

TUI_PACKAGE = Path(__file__).resolve().parents[2] / "flux_cli" / "tui"


@pytest.mark.asyncio
async def test_clicks_pick_an_exercise_and_press_footer_keys(
    app: FluxApp, ctx: services.Context
) -> None:
    check_in(ctx)
    async with app.run_test(size=BIG) as pilot:
        await wait_text(pilot, "Strength A")
        await pilot.click(_footer_key(app, "app.mode('history')"))
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        await pilot.click(_footer_key(app, "app.mode('workout')"))
        await wait_text(pilot, "Press Enter to start")
        await pilot.press("enter")
        await wait_text(pilot, "0/5 Back Squat")
        screen = app.screen
        assert isinstance(screen, WorkoutScreen)

        options = screen.query_one("#items", OptionList)
        # One line per exercise inside the list's border: y=3 is the third.
        await pilot.click(options, offset=(4, 3))
        await wait_for(pilot, lambda: screen.index == 2)
        assert screen.item is not None and screen.item.name == "Farmer's Carry"
        assert "Farmer's Carry" in screen_text(app).splitlines()[1]
        await pilot.click(options, offset=(4, 1))
        await wait_for(pilot, lambda: screen.index == 0)


def _footer_key(app: FluxApp, action: str) -> Widget:
    """The footer's clickable key for `action` (FooterKey is not public API: match by type)."""
    return next(
        key for key in app.screen.query("FooterKey") if getattr(key, "action", None) == action
    )


@pytest.mark.asyncio
async def test_resizing_redraws_today_and_the_workout(app: FluxApp, ctx: services.Context) -> None:
    check_in(ctx)
    async with app.run_test(size=BIG) as pilot:
        await wait_text(pilot, "Strength A")
        await pilot.resize_terminal(*SMALL)
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert len(lines) == SMALL[1] and all(len(line) == SMALL[0] for line in lines)
        assert "Pattern debt" in screen_text(app) and "Back Squat" in screen_text(app)

        await pilot.press("w")
        await wait_text(pilot, "Press Enter to start")
        await pilot.press("enter")
        await wait_text(pilot, "0/5 Back Squat")
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert len(lines) == 40 and all(len(line) == 120 for line in lines)
        assert "Log set" in lines[-1]  # the footer follows the bottom edge
        assert "0/5 Back Squat" in screen_text(app)


@pytest.mark.asyncio
async def test_question_mark_lists_the_keys_and_the_palette_switches_screens(
    app: FluxApp, ctx: services.Context
) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await wait_text(pilot, "No check-in today")
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, KeysScreen))
        text = screen_text(app)
        for line in ("Keys: Today", "c  Check-in", "w  Workout", "h  History", "q  Quit"):
            assert line in text, line
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: not isinstance(app.screen, KeysScreen))

        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"history")
        await wait_text(pilot, "Sessions, sets and e1RM plots")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))

        await pilot.press("q")
        await wait_for(pilot, lambda: not app.is_running)


def _runtime_imports(path: Path) -> list[str]:
    """Modules `path` imports outside `if TYPE_CHECKING:` blocks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If)
        and isinstance(block.test, ast.Name)
        and block.test.id == "TYPE_CHECKING"
        for node in ast.walk(block)
    }
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return found


def test_the_tui_package_reaches_data_only_through_services() -> None:
    modules = sorted(TUI_PACKAGE.rglob("*.py"))
    assert len(modules) > 10
    forbidden = ("sqlalchemy", "psycopg", "sqlite3", "flux_cli.storage")
    offenders = {
        f"{path.relative_to(TUI_PACKAGE)}: {name}"
        for path in modules
        for name in _runtime_imports(path)
        if name.startswith(forbidden)
    }
    assert offenders == set()
    # The check itself sees imports inside functions (where the services are imported).
    assert any(
        name.startswith("flux_cli") and "services" in name
        for name in _runtime_imports(TUI_PACKAGE / "screens" / "today.py")
    )
