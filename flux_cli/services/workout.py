"""Use cases of the dashboard beyond the CLI's: the Today overview, one set at a time, undo.

Same shape as the other `services` modules: each function is one unit of work over plain
records. The dashboard lives for a whole workout, so these keep their database open between
calls (`close_databases` ends that): opening SQLite and checkpointing it on close costs
~20 ms, most of the budget of a key press.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from flux_cli.errors import DomainRefusal, InputError
from flux_cli.services.base import (
    Context,
    history_before,
    known_profile,
    load_rules,
    open_database,
    profile_for_write,
    settings_of,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from flux_cli.engine.rules import ReadinessInput
    from flux_cli.engine.types import Plan
    from flux_cli.profile_settings import ProfileSettings
    from flux_cli.storage.database import Database
    from flux_cli.storage.records import ProfileRecord, SessionRecord, SessionWithSets, SetRecord

_databases: dict[str, Database] = {}
_databases_lock = threading.Lock()


@contextmanager
def _unit_of_work(ctx: Context, *, read_only: bool = False) -> Iterator[Session]:
    """One transaction on the database `ctx` names, opened once and kept open."""
    from flux_cli.storage.database import resolve_url

    key = resolve_url(ctx.db_url)
    with _databases_lock:
        database = _databases.get(key)
        if database is None:
            database = _databases[key] = open_database(ctx)
    with database.unit_of_work(read_only=read_only) as session:
        yield session


def close_databases() -> None:
    """Close the databases these use cases kept open."""
    with _databases_lock:
        for database in _databases.values():
            database.close()
        _databases.clear()


RECENT_SESSIONS = 6


@dataclass(frozen=True, slots=True)
class Dashboard:
    """Everything the Today screen shows, read in one go."""

    day: dt.date
    profile: str
    settings: ProfileSettings
    declared: dict[str, ReadinessInput]
    readiness: dict[str, float] | None
    plan: Plan | None
    pattern_debt: dict[str, int]
    levels: dict[str, tuple[int, int]]  # protocol → (current level, top level)
    recent: list[SessionWithSets]
    lead_lift: str | None
    e1rm_trend: list[tuple[dt.date, float]]
    active: SessionRecord | None


@dataclass(frozen=True, slots=True)
class WorkoutView:
    """The active session with what the Workout screen needs to walk through it."""

    session: SessionRecord
    plan: Plan | None
    sets: list[SetRecord]
    settings: ProfileSettings
    load_types: dict[str, str] = field(default_factory=dict)


def dashboard(ctx: Context, day: dt.date) -> Dashboard:
    """The day at a glance: check-in and plan (when checked in), debt, levels, recent work.

    Plain-SQL reads only (`storage.reads`): this is the dashboard's first load, and it
    creates nothing (a profile with no rows yet shows as empty).
    """
    from flux_cli.engine.planner import build_plan, pattern_debt
    from flux_cli.engine.progression import protocol_standings
    from flux_cli.storage import reads

    with _unit_of_work(ctx, read_only=True) as s:
        loaded = load_rules(ctx, s)
        rules = loaded.rules
        profile = known_profile(s, ctx)
        settings = settings_of(profile)
        history = history_before(s, profile, loaded, day)
        recorded = reads.get_readiness(s, profile.id, day)
        plan = None
        if recorded is not None:
            facts = settings.facts(profile.name)
            plan = build_plan(rules, facts, history, recorded.inputs, day)
        standings = protocol_standings(rules, history.conditioning)
        recent = reads.recent_sessions(s, profile.id, RECENT_SESSIONS)
        lead, trend = _lead_lift(s, profile, settings, plan, recent, rules.e1rm.max_reps)
        levels = {
            name: (standing.level, len(rules.protocols[name].levels))
            for name, standing in standings.items()
        }
        _apply_todays_changes(levels, recent, day)
        return Dashboard(
            day=day,
            profile=profile.name,
            settings=settings,
            declared=dict(rules.readiness),
            readiness=dict(recorded.inputs) if recorded is not None else None,
            plan=plan,
            pattern_debt=plan.pattern_debt if plan else pattern_debt(rules, history.sessions),
            levels=levels,
            recent=recent,
            lead_lift=lead,
            e1rm_trend=trend,
            active=reads.active_session(s, profile.id),
        )


def _apply_todays_changes(
    levels: dict[str, tuple[int, int]], recent: list[SessionWithSets], day: dt.date
) -> None:
    """Levels earned by sessions completed today (the plan's history stops before today)."""
    for item in reversed(recent):  # oldest first, so the latest change wins
        session = item.session
        if session.date != day or session.status != "completed" or not session.result:
            continue
        for change in session.result.get("progression", []):
            name = change.get("protocol")
            if name in levels:
                levels[name] = (int(change["to_level"]), levels[name][1])


def _lead_lift(
    s: Session,
    profile: ProfileRecord,
    settings: ProfileSettings,
    plan: Plan | None,
    recent: list[SessionWithSets],
    max_reps: int,
) -> tuple[str | None, list[tuple[dt.date, float]]]:
    """The plan's lead lift (else the latest loaded lift) and its best e1RM per day."""
    from flux_cli.engine.e1rm import e1rm_series
    from flux_cli.storage import reads

    candidates = [ex.name for ex in plan.exercises if ex.reps is not None] if plan else []
    candidates += [row.exercise for item in recent for row in item.sets if row.weight_kg]
    for name in dict.fromkeys(candidates):
        found = reads.find_exercise(s, name)
        if found is None:
            continue
        exercise_id, canonical = found
        trend = e1rm_series(
            reads.e1rm_rows(s, profile.id, exercise_id), settings.e1rm_formula, max_reps
        )
        if trend:
            return canonical, trend
    return (candidates[0] if candidates else None), []


def workout(ctx: Context, day: dt.date, *, start: bool, again: bool = False) -> WorkoutView | None:
    """The active session; with `start`, the day's plan turned into one when none is active.

    `again` starts a second session on a day that already has a completed one (asked first).
    """
    from flux_cli import services
    from flux_cli.storage import repository as repo

    with _unit_of_work(ctx) as s:
        profile = profile_for_write(s, ctx)
        active = repo.get_active_session(s, profile.id)
        if active is not None:
            return _view(s, profile, active)
    if not start:
        return None
    services.start_session(ctx, day, again=again)
    with _unit_of_work(ctx) as s:
        profile = profile_for_write(s, ctx)
        active = repo.get_active_session(s, profile.id)
        assert active is not None, "start_session just made it"
        return _view(s, profile, active)


def todays_plan(ctx: Context, day: dt.date) -> Plan | None:
    """The day's plan from its check-in, or None when there is no check-in yet."""
    from flux_cli import services

    try:
        return services.plan(ctx, {}, day)
    except DomainRefusal:
        return None


def _view(s: Session, profile: ProfileRecord, active: SessionRecord) -> WorkoutView:
    from flux_cli.engine.types import Plan
    from flux_cli.storage import repository as repo

    plan = Plan.model_validate(active.plan) if active.plan else None
    sets = repo.list_sets(s, active.id)
    names = {row.exercise for row in sets}
    if plan is not None:
        names |= {exercise.name for exercise in plan.exercises}
        if plan.conditioning is not None:
            names.add(plan.conditioning.exercise)
    found = repo.resolve_exercises(s, names)
    return WorkoutView(
        session=active,
        plan=plan,
        sets=sets,
        settings=settings_of(profile),
        load_types={name: record.load_type for name, record in found.items()},
    )


def _require_active(s: Session, ctx: Context, session_id: int) -> SessionRecord:
    from flux_cli.storage import repository as repo

    active = repo.get_active_session(s, profile_for_write(s, ctx).id)
    if active is None or active.id != session_id:
        raise DomainRefusal(
            f"session #{session_id} is no longer active",
            hint="it was completed or abandoned elsewhere; open the workout again",
        )
    return active


def log_set(
    ctx: Context,
    session_id: int,
    exercise: str,
    *,
    weight_kg: float | None = None,
    reps: int | None = None,
    seconds: float | None = None,
    rpe: float | None = None,
    metadata: Mapping[str, Any] | None = None,
) -> SetRecord:
    """Log one set into the given session, which must still be the active one."""
    from flux_cli.storage import repository as repo
    from flux_cli.storage.records import NewSet

    if all(value is None for value in (weight_kg, reps, seconds)):
        raise InputError("a set needs a weight, reps or a time")
    with _unit_of_work(ctx) as s:
        active = _require_active(s, ctx, session_id)
        found = repo.resolve_exercise(s, exercise)
        if found is None:
            raise InputError(f"unknown exercise '{exercise}'")
        new = NewSet(
            exercise_id=found.id,
            weight_kg=weight_kg,
            reps=reps,
            seconds=seconds,
            rpe=rpe,
            metadata=dict(metadata or {}),
        )
        return repo.add_sets(s, active.id, [new])[0]


def undo_last_set(ctx: Context, session_id: int) -> SetRecord | None:
    """Take back the last set logged in the given (active) session."""
    from flux_cli.storage.workout import delete_last_set

    with _unit_of_work(ctx) as s:
        active = _require_active(s, ctx, session_id)
        return delete_last_set(s, active.id)
