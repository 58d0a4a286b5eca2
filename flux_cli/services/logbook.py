"""The logbook read back: sessions with their sets, logged exercise names, e1RM trends."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from flux_cli.errors import InputError
from flux_cli.services.base import Context, known_profile, load_rules, settings_of, unit_of_work

if TYPE_CHECKING:
    from flux_cli.storage.records import SessionWithSets


def history(
    ctx: Context,
    *,
    exercise: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = None,
) -> list[SessionWithSets]:
    """Sessions with their sets, newest first."""
    with unit_of_work(ctx, read_only=True) as uow:
        profile = known_profile(uow, ctx)
        exercise_id = None
        if exercise is not None:
            found = uow.exercises.resolve(exercise)
            if found is None:
                raise InputError(f"unknown exercise '{exercise}'")
            exercise_id = found.id
        return uow.sessions.history(
            profile.id, exercise_id=exercise_id, since=since, until=until, limit=limit
        )


def logged_exercises(ctx: Context) -> list[str]:
    """The exercises the profile has logged, most sets first (what a filter completes to)."""
    with unit_of_work(ctx, read_only=True) as uow:
        return uow.sessions.logged_exercise_names(known_profile(uow, ctx).id)


def e1rm_history(ctx: Context, exercise: str) -> list[tuple[dt.date, float]]:
    """Best estimated 1RM per day for one exercise, oldest first."""
    from flux_cli.engine.e1rm import e1rm_series

    with unit_of_work(ctx, read_only=True) as uow:
        loaded = load_rules(ctx, uow)
        profile = known_profile(uow, ctx)
        found = uow.exercises.resolve(exercise)
        if found is None:
            raise InputError(f"unknown exercise '{exercise}'")
        rows = uow.sessions.e1rm_rows(profile.id, found.id)
        return e1rm_series(rows, settings_of(profile).e1rm_formula, loaded.rules.e1rm.max_reps)
