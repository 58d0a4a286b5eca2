"""A composed session, as the shipped rules plan it, done from start to verdict by keyboard.

The other workout tests pin the rules' fixed table (tests/tui/conftest.py `fixed_table`); this
one runs on the shipped rules with composition on, so every slot the solver fills — a warm-up
walk, the main lift, accessories, core, a carry, a cool-down stretch — is logged through the
fields its kind of exercise takes.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Input

from flux_cli import services
from flux_cli.tui.app import make_app
from flux_cli.tui.screens.modals import ConfirmScreen, VerdictScreen
from flux_cli.tui.screens.workout import WorkoutScreen
from flux_cli.tui.workout_model import FIELDS_BY_KIND, Item
from tests.tui.conftest import BIG, DAY, FakeClock, check_in, screen_text, wait_for, wait_text

pytestmark = pytest.mark.asyncio

# What to type for one set of each kind (the fields in their order; Tab moves between them).
TYPED = {"strength": ["20", "5", "7"], "timed": ["16", "40", "7"], "unloaded": ["300", "3"]}


def _shown_fields(screen: WorkoutScreen) -> list[str]:
    return [
        name
        for name in ("weight", "reps", "seconds", "rpe", "watts", "hr")
        if screen.query_one(f"#f-{name}", Input).display
    ]


async def _log_one(pilot: Any, screen: WorkoutScreen, item: Item) -> None:
    fields = FIELDS_BY_KIND[item.kind]
    for index, (name, text) in enumerate(zip(fields, TYPED[item.kind], strict=True)):
        field = screen.query_one(f"#f-{name}", Input)

        def focused(field: Input = field) -> bool:
            return field.has_focus

        await wait_for(pilot, focused)
        field.value = ""
        await pilot.press(*text)
        if index < len(fields) - 1:
            await pilot.press("tab")
    before = len(screen.sets)
    await pilot.press("enter")
    await wait_for(pilot, lambda: len(screen.sets) == before + 1 and not screen.busy)


async def test_every_slot_of_a_composed_session_is_logged_through_its_own_fields() -> None:
    ctx = services.Context()  # the shipped rules: composition on, 60 min, @gym
    check_in(ctx)
    plan = services.plan(ctx, {}, DAY)
    slots = [exercise.slot for exercise in plan.exercises]
    assert slots[0] == "warm_up" and slots[-1] == "cool_down" and "main" in slots
    app = make_app(ctx, clock=FakeClock(DAY))
    async with app.run_test(size=BIG) as pilot:
        await wait_text(pilot, plan.session_name)
        await pilot.press("w")
        await wait_text(pilot, "Press Enter to start")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, WorkoutScreen) and app.screen.items)
        screen = app.screen
        assert isinstance(screen, WorkoutScreen)
        assert [item.name for item in screen.items] == [e.name for e in plan.exercises]
        kinds = {item.name: item.kind for item in screen.items}
        # A walk and a stretch take no load; the lifts and the carry do.
        assert kinds[plan.exercises[0].name] == "unloaded"
        assert kinds[plan.exercises[-1].name] == "unloaded"
        assert kinds[next(e.name for e in plan.exercises if e.slot == "main")] == "strength"
        for item in screen.items:
            if screen.item != item:  # a fully logged item moves on by itself
                await pilot.press("escape", "n")

            def current(item: Item = item) -> bool:
                return screen.item == item

            await wait_for(pilot, current)
            assert _shown_fields(screen) == list(FIELDS_BY_KIND[item.kind]), item.name
            await _log_one(pilot, screen, item)
        stored = {row.exercise: row for row in services.show_session(ctx).sets}
        assert set(stored) == set(kinds)
        for name, row in stored.items():
            if kinds[name] == "unloaded":
                assert row.weight_kg is None and row.seconds == 300 and row.rpe == 3, name
            elif kinds[name] == "strength":
                assert (row.weight_kg, row.reps, row.rpe) == (20, 5, 7), name
            else:
                assert (row.weight_kg, row.seconds, row.rpe) == (16, 40, 7), name
        await pilot.press("escape", "f")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, VerdictScreen))
        verdict = screen_text(app)
        assert "completed" in verdict
        assert "nothing logged" not in verdict
    assert services.history(ctx)[0].session.status == "completed"


async def test_a_superset_is_marked_on_today_and_in_the_workout() -> None:
    # The shipped rules: at 40 minutes the secondary lift and an accessory are paired.
    ctx = services.Context()
    services.profile_set(ctx, {"session_minutes": "40"})
    plan = check_in(ctx).plan
    paired = [e.name for e in plan.exercises if e.superset == "A"]
    slots = [e.slot for e in plan.exercises if e.superset == "A"]
    assert len(paired) == 2
    assert slots == ["secondary", "accessory"]
    main = next(e.name for e in plan.exercises if e.slot == "main")
    app = make_app(ctx, clock=FakeClock(DAY))
    async with app.run_test(size=BIG) as pilot:
        await wait_text(pilot, paired[1])
        today = screen_text(app)
        assert "secondary A1" in today and "accessory A2" in today
        assert today.index("secondary A1") < today.index("accessory A2")
        await pilot.press("w")
        await wait_text(pilot, "Press Enter to start")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, WorkoutScreen) and app.screen.items)
        screen = app.screen
        assert isinstance(screen, WorkoutScreen)
        marks = {item.name: item.superset for item in screen.items}
        assert [marks[name] for name in paired] == ["A1", "A2"]
        order = [item.name for item in screen.items]  # alternated: nothing between them
        assert order.index(paired[1]) == order.index(paired[0]) + 1, order
        assert marks[main] is None
        text = screen_text(app)
        # The mark before the name: a name too long for the list is cut, the mark stays.
        assert f"A1 {paired[0][:12]}" in text and f"A2 {paired[1][:12]}" in text
