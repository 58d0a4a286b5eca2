"""The logbook read back: sessions with their sets, logged exercise names, e1RM trends."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flux_cli.errors import InputError
from flux_cli.services.base import Context, known_profile, load_rules, settings_of, unit_of_work

if TYPE_CHECKING:
    from flux_cli.engine.types import Units
    from flux_cli.storage.records import SessionWithSets


@dataclass(frozen=True, slots=True)
class HistoryPage:
    """Sessions with their sets, newest first, and the unit the profile reads weights in."""

    sessions: list[SessionWithSets]
    units: Units


def history(
    ctx: Context,
    *,
    exercise: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = None,
) -> list[SessionWithSets]:
    """Sessions with their sets, newest first."""
    return history_page(ctx, exercise=exercise, since=since, until=until, limit=limit).sessions


def history_page(
    ctx: Context,
    *,
    exercise: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = None,
) -> HistoryPage:
    """Sessions with their sets, newest first, with the profile's unit."""
    from flux_cli.storage import repository as repo

    with unit_of_work(ctx, read_only=True) as session:
        profile = known_profile(session, ctx)
        if exercise is not None and repo.resolve_exercise(session, exercise) is None:
            raise InputError(f"unknown exercise '{exercise}'")
        sessions = repo.list_history(
            session, profile.id, exercise=exercise, since=since, until=until, limit=limit
        )
        return HistoryPage(sessions, settings_of(profile).units)


def logged_exercises(ctx: Context) -> list[str]:
    """The exercises the profile has logged, most sets first (what a filter completes to)."""
    from flux_cli.storage.reads import logged_exercise_names

    with unit_of_work(ctx, read_only=True) as session:
        return logged_exercise_names(session, known_profile(session, ctx).id)


def e1rm_history(ctx: Context, exercise: str) -> list[tuple[dt.date, float]]:
    """Best estimated 1RM per day for one exercise, oldest first."""
    from flux_cli.engine.e1rm import e1rm_series
    from flux_cli.storage import reads

    with unit_of_work(ctx, read_only=True) as session:
        loaded = load_rules(ctx, session)
        profile = known_profile(session, ctx)
        found = reads.find_exercise(session, exercise)
        if found is None:
            raise InputError(f"unknown exercise '{exercise}'")
        rows = reads.e1rm_rows(session, profile.id, found[0])
        return e1rm_series(rows, settings_of(profile).e1rm_formula, loaded.rules.e1rm.max_reps)
