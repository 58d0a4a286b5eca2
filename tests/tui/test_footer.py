"""At 80 columns every screen's footer fits, through `q Quit ? Keys`; `?` lists the rest."""

from __future__ import annotations

import pytest

from flux_cli import services
from flux_cli.tui.app import FluxApp
from flux_cli.tui.screens.modals import KeysScreen
from tests.tui.conftest import BIG, SMALL, check_in, screen_text, wait_for, wait_text

pytestmark = pytest.mark.asyncio


@pytest.mark.parametrize(
    ("key", "shown", "own"),
    [("t", "Today's plan", "r Reload"), ("h", "sessions", "/ Filter"), ("l", "weeks", "] More")],
)
async def test_each_screens_footer_fits_80_columns(
    app: FluxApp, ctx: services.Context, key: str, shown: str, own: str
) -> None:
    check_in(ctx)
    async with app.run_test(size=SMALL) as pilot:
        await wait_text(pilot, "Today's plan")
        await pilot.press(key)
        await wait_text(pilot, shown)
        footer = screen_text(app).splitlines()[-1]
        assert "l Trends" in footer and own in footer
        assert footer.rstrip().endswith("q Quit ? Keys")
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, KeysScreen))
        keys = screen_text(app)
        assert "ctrl+p opens the command palette" in keys  # its hint left the footer


async def test_the_wide_footer_keeps_its_spacing_and_the_palette_hint(
    app: FluxApp, ctx: services.Context
) -> None:
    check_in(ctx)
    async with app.run_test(size=BIG) as pilot:
        await wait_text(pilot, "Today's plan")
        footer = screen_text(app).splitlines()[-1]
        assert "l Trends  r Reload  q Quit  ? Keys" in footer and "^p palette" in footer
