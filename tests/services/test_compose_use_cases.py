"""Composition through the unit of work, on the in-memory fake and a SQLite file alike."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from flux_cli import services
from flux_cli.errors import InputError
from flux_cli.services import Context
from flux_cli.services.composing import DayOptions
from flux_cli.services.explaining import why_exercise
from flux_cli.services.moves import list_moves, set_move
from tests.services.fake_uow import FakeStore

DAY = dt.date(2025, 6, 2)
GREEN = {"knee_pain": "1", "energy": "8"}


def _week(ctx: Context) -> None:
    """Two completed sessions before DAY: their sets count toward the week."""
    for days_ago in (2, 1):
        day = DAY - dt.timedelta(days=days_ago)
        services.checkin(ctx, GREEN, day, DayOptions("60"))
        view = services.start_session(ctx, day, options=DayOptions("60"))
        assert view.plan is not None
        for exercise in view.plan.exercises:
            spec = f"{exercise.seconds}s" if exercise.seconds else f"20x{exercise.reps}"
            services.log_sets(ctx, exercise.name, [spec] * exercise.sets, day=day)
        services.complete_session(ctx)


def test_a_preferred_exercise_joins_the_composed_plan(ctx: Context) -> None:
    _week(ctx)
    before = services.plan(ctx, GREEN, DAY, DayOptions("45", "@gym"))
    assert before.archetype == "Conditioning"  # Strength A and B were done this week
    assert "Plank" not in [e.name for e in before.exercises]
    assert set_move(ctx, "plank", "prefer").replaced is None
    plan = services.plan(ctx, GREEN, DAY, DayOptions("45", "@gym"))
    assert plan.estimated_minutes is not None and plan.quality is not None
    assert "Plank" in [e.name for e in plan.exercises]
    assert [(row.exercise, row.rule) for row in list_moves(ctx)] == [("Plank", "prefer")]


def test_bad_day_options_write_nothing(ctx: Context) -> None:
    with pytest.raises(InputError, match="--minutes must be between 1 and 300, not 0"):
        services.checkin(ctx, GREEN, DAY, DayOptions("0"))
    with pytest.raises(InputError, match="unknown equipment 'rope'"):
        services.checkin(ctx, GREEN, DAY, DayOptions(None, "rope"))
    with pytest.raises(Exception, match="no check-in for 2025-06-02"):
        services.plan(ctx, {}, DAY)


def _store(store: str, tmp_path: Path) -> Context:
    """The profile "ana" on the in-memory fake, or on a SQLite file kept open."""
    if store == "fake":
        return Context(profile="ana", store=FakeStore())
    return services.keep_open(Context(profile="ana", db_url=f"sqlite:///{tmp_path / 'flux.db'}"))


def test_fake_and_sqlite_agree(tmp_path: Path) -> None:
    plans = []
    for store in ("fake", "sqlite"):
        ctx = _store(store, tmp_path)
        _week(ctx)
        plans.append(services.plan(ctx, GREEN, DAY, DayOptions("45")))
        if store == "sqlite":
            services.close(ctx)
    assert plans[0] == plans[1]


def _days(ctx: Context, count: int) -> dict[dt.date, tuple[str, set[str]]]:
    """`count` completed days before DAY, each as planned: its archetype and accessories."""
    done: dict[dt.date, tuple[str, set[str]]] = {}
    for days_ago in range(count, 0, -1):
        day = DAY - dt.timedelta(days=days_ago)
        services.checkin(ctx, GREEN, day, DayOptions("60"))
        view = services.start_session(ctx, day, options=DayOptions("60"))
        assert view.plan is not None and view.plan.archetype is not None
        for exercise in view.plan.exercises:
            spec = f"{exercise.seconds}s" if exercise.seconds else f"20x{exercise.reps}"
            services.log_sets(ctx, exercise.name, [spec] * exercise.sets, day=day)
        services.complete_session(ctx)
        accessories = {e.name for e in view.plan.exercises if e.slot == "accessory"}
        done[day] = (view.plan.archetype, accessories)
    return done


def test_variety_remembers_the_last_two_sessions_of_a_kind(tmp_path: Path) -> None:
    # The shipped `recency_sessions: 2`: an accessory of the session of the kind before the
    # last one is still "recent", on the fake and on SQLite alike, and `flux why` says so.
    plans = []
    for store in ("fake", "sqlite"):
        ctx = _store(store, tmp_path)
        done = _days(ctx, 9)
        services.checkin(ctx, GREEN, DAY, DayOptions("60"))
        plan = services.plan(ctx, GREEN, DAY)
        plans.append(plan)
        assert plan.archetype is not None
        kind = [
            accessories for archetype, accessories in done.values() if archetype == plan.archetype
        ]
        today = {e.name for e in plan.exercises}
        older = kind[-2] - kind[-1] - today
        assert older, (kind, today)
        label = plan.archetype.replace("_", " ")
        for name in sorted(older):
            lines = why_exercise(ctx, name, DAY).why
            assert f"done in one of the last 2 {label} sessions" in lines, (name, lines)
        if store == "sqlite":
            services.close(ctx)
    # The same sessions composed on both (their loads and reps may differ: the fake keeps
    # no per-day lift targets, so a double progression reads the past differently).
    composed = [[(e.slot, e.name, e.sets) for e in plan.exercises] for plan in plans]
    assert composed[0] == composed[1]
