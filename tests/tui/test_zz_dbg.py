from __future__ import annotations

import pytest

from flux_cli import services
from flux_cli.tui.app import FluxApp
from tests.tui.conftest import SMALL, check_in, screen_text, squat_history, wait_text

pytestmark = pytest.mark.asyncio


@pytest.mark.parametrize("size", [SMALL, (100, 30)])
async def test_dbg(app: FluxApp, ctx: services.Context, size) -> None:
    squat_history(ctx)
    check_in(ctx)
    async with app.run_test(size=size) as pilot:
        await wait_text(pilot, "Strength A")
        await wait_text(pilot, "e1RM Back Squat")
        await pilot.pause(0.5)
        for w in app.screen.query("*"):
            print(size, w, w.region, w.virtual_region.size)
        print(screen_text(app))
