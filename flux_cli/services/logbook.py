"""The logbook read back: sessions with their sets, logged exercise names, e1RM trends."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from flux_cli.errors import InputError
from flux_cli.services.base import Context, known_profile, load_rules, settings_of, unit_of_work

if TYPE_CHECKING:
    from typing_extensions import TypeIs

    from flux_cli.engine.types import Units
    from flux_cli.services.ports import UnitOfWork
    from flux_cli.storage.records import ActivityRecord, SessionWithSets

    HistoryEntry: TypeAlias = SessionWithSets | ActivityRecord

HISTORY_KINDS = ("all", "sessions", "activities")
HISTORY_STATUSES = ("all", "planned", "active", "completed", "abandoned")


def history(
    ctx: Context,
    *,
    exercise: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = None,
    status: str | None = None,
) -> list[SessionWithSets]:
    """Sessions with their sets, newest first; `status` keeps one status."""
    with unit_of_work(ctx, read_only=True) as uow:
        profile = known_profile(uow, ctx)
        return uow.sessions.history(
            profile.id,
            exercise_id=_exercise_id(uow, profile.id, exercise),
            since=since,
            until=until,
            limit=limit,
            status=status,
        )


def _exercise_id(uow: UnitOfWork, profile_id: int, exercise: str | None) -> int | None:
    """The id of the exercise a filter names (None for no filter); unknown names are refused."""
    if exercise is None:
        return None
    found = uow.exercises.resolve(exercise, profile_id=profile_id)
    if found is None:
        raise InputError(f"unknown exercise '{exercise}'")
    return found.id


def history_entries(
    ctx: Context,
    *,
    kind: str = "all",
    status: str = "all",
    exercise: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = None,
) -> list[HistoryEntry]:
    """Sessions and imported activities, newest first; `limit` counts entries of either kind."""
    return history_page(
        ctx, kind=kind, status=status, exercise=exercise, since=since, until=until, limit=limit
    ).entries


@dataclass(frozen=True, slots=True)
class HistoryPage:
    """History entries, newest first, and the unit the profile reads weights in."""

    entries: list[HistoryEntry]
    units: Units


def history_page(
    ctx: Context,
    *,
    kind: str = "all",
    status: str = "all",
    exercise: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = None,
) -> HistoryPage:
    """Sessions and imported activities, newest first, with the profile's unit of weight.

    `limit` counts entries of either kind; on one day sessions come before activities.
    Activities have neither sets nor a status, so `exercise` and a `status` other than all
    keep to sessions.
    """
    _check_choice("--kind", kind, HISTORY_KINDS)
    _check_choice("--status", status, HISTORY_STATUSES)
    narrowed = exercise is not None or status != "all"
    if kind == "activities" and narrowed:
        raise InputError(
            "activities have no exercises or status to filter by",
            hint="drop --exercise and --status, or use --kind sessions",
        )
    with unit_of_work(ctx, read_only=True) as uow:
        profile = known_profile(uow, ctx)
        units = settings_of(profile).units
        exercise_id = _exercise_id(uow, profile.id, exercise)
        entries: list[HistoryEntry] = []
        if kind != "activities":
            entries += uow.sessions.history(
                profile.id,
                exercise_id=exercise_id,
                since=since,
                until=until,
                limit=limit,
                status=None if status == "all" else status,
            )
        if kind == "activities" or (kind == "all" and not narrowed):
            entries += uow.activities.history(profile.id, since=since, until=until, limit=limit)
    # Each list is newest first and at most `limit` long, so the newest `limit` of both are here.
    entries.sort(key=_newest_first)
    return HistoryPage(entries if limit is None else entries[:limit], units)


def is_session(entry: HistoryEntry) -> TypeIs[SessionWithSets]:
    """Whether a history entry is a session (else it is an activity)."""
    from flux_cli.storage.records import SessionWithSets

    return isinstance(entry, SessionWithSets)


def _newest_first(entry: HistoryEntry) -> tuple[int, int, float]:
    if is_session(entry):
        return (-entry.session.date.toordinal(), 0, -entry.session.id)
    return (-entry.date.toordinal(), 1, -entry.started_at.timestamp())


def _check_choice(option: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise InputError(f"bad {option} '{value}'", hint=f"use one of: {', '.join(choices)}")


def logged_exercises(ctx: Context) -> list[str]:
    """The exercises the profile has logged, most sets first (what a filter completes to)."""
    with unit_of_work(ctx, read_only=True) as uow:
        return uow.sessions.logged_exercise_names(known_profile(uow, ctx).id)


def e1rm_history(ctx: Context, exercise: str) -> list[tuple[dt.date, float]]:
    """Best estimated 1RM per day for one exercise, oldest first."""
    from flux_cli.engine.athlete import e1rm_trend

    with unit_of_work(ctx, read_only=True) as uow:
        loaded = load_rules(ctx, uow)
        profile = known_profile(uow, ctx)
        found = uow.exercises.resolve(exercise, profile_id=profile.id)
        if found is None:
            raise InputError(f"unknown exercise '{exercise}'")
        rows = uow.sessions.e1rm_rows(profile.id, found.id)
        return e1rm_trend(rows, settings_of(profile).e1rm_formula, loaded.rules.e1rm)
