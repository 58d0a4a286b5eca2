"""The workout's swap key: the current exercise out, the next best for its slot in."""

from __future__ import annotations

import pytest

from flux_cli import services
from flux_cli.tui.app import FluxApp
from tests.tui.conftest import BIG, check_in, start_workout, wait_for, wait_text

pytestmark = pytest.mark.asyncio


async def test_the_swap_key_replaces_the_current_pick(app: FluxApp, ctx: services.Context) -> None:
    services.profile_set(ctx, {"session_minutes": "60"})
    check_in(ctx)
    async with app.run_test(size=BIG) as pilot:
        screen = await start_workout(pilot, app)
        first = screen.items[0].name  # the composed warm-up comes first
        assert screen.item is not None and screen.item.name == first
        await pilot.press("escape", "o")  # Esc: the next key is a command

        def swapped() -> bool:
            return screen.item is not None and screen.item.name != first and not screen.busy

        await wait_for(pilot, swapped)
        incoming = screen.item.name if screen.item else ""
        await wait_text(pilot, incoming)
        plan = services.show_session(ctx).plan
        assert plan is not None
        names = [e.name for e in plan.exercises]
        assert first not in names and incoming in names
        assert plan.swapped_out == [first]


async def test_the_planners_own_lift_is_not_swapped(app: FluxApp, ctx: services.Context) -> None:
    services.profile_set(ctx, {"session_minutes": "60"})
    check_in(ctx)
    async with app.run_test(size=BIG) as pilot:
        screen = await start_workout(pilot, app)
        await pilot.press("escape", "n")  # the main lift follows the warm-up
        await wait_for(pilot, lambda: screen.item is not None and screen.item.name == "Back Squat")
        await pilot.press("escape", "o")

        def told() -> bool:
            said = [n.message for n in app._notifications]
            return any("planner's own choice" in message for message in said)

        await wait_for(pilot, told)
        assert not screen.busy
        plan = services.show_session(ctx).plan
        assert plan is not None and "Back Squat" in [e.name for e in plan.exercises]
