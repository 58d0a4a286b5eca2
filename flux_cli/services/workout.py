"""Use cases of the dashboard beyond the CLI's: the Today overview, one set at a time, undo.

Same shape as the other `services` modules: each function is one unit of work over plain
records. The dashboard keeps its database open for its whole life by giving these a
`Context` with a store (`services.keep_open`): opening SQLite and checkpointing it on close
costs ~20 ms, most of the budget of a key press.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from flux_cli.errors import DomainRefusal, InputError
from flux_cli.services.base import (
    Context,
    history_as_of,
    known_profile,
    load_rules,
    profile_for_write,
    settings_of,
    unit_of_work,
)

if TYPE_CHECKING:
    from flux_cli.engine.athlete import StrengthIndex
    from flux_cli.engine.rules import E1RMRules, ReadinessInput
    from flux_cli.engine.types import Plan
    from flux_cli.profile_settings import ProfileSettings
    from flux_cli.services.ports import UnitOfWork
    from flux_cli.storage.records import ProfileRecord, SessionRecord, SessionWithSets, SetRecord


RECENT_SESSIONS = 6
# Today proposes a new FTP from 20-minute efforts this recent (a usual re-test interval).
FTP_PROPOSAL_DAYS = 42


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
    strength_index: list[StrengthIndex] = field(default_factory=list)
    # What recent logged power says FTP is, when above the profile's (never applied).
    ftp_proposal: str | None = None


@dataclass(frozen=True, slots=True)
class WorkoutView:
    """The active session with what the Workout screen needs to walk through it."""

    session: SessionRecord
    plan: Plan | None
    sets: list[SetRecord]
    settings: ProfileSettings
    load_types: dict[str, str] = field(default_factory=dict)
    # Exercises done for time with nothing to load: cardio, stretches, load type "none".
    unloaded: frozenset[str] = frozenset()


def dashboard(ctx: Context, day: dt.date) -> Dashboard:
    """The day at a glance: check-in and plan (when checked in), debt, levels, recent work.

    Bounded reads only (the history as of `day`, the latest sessions, the e1RM window):
    this is the dashboard's first load, and it creates nothing (a profile with no rows yet
    shows as empty). Standings are replayed once: the plan carries them when there is one.
    """
    from flux_cli.engine.planner import build_plan, pattern_debt
    from flux_cli.engine.progression import protocol_standings
    from flux_cli.services.strength import pattern_strength_index

    with unit_of_work(ctx, read_only=True) as uow:
        loaded = load_rules(ctx, uow)
        rules = loaded.rules
        profile = known_profile(uow, ctx)
        settings = settings_of(profile)
        history = history_as_of(uow, profile, loaded, day)
        recorded = uow.readiness.get(profile.id, day)
        plan = None
        if recorded is not None:
            from flux_cli.services.composing import day_context, with_checkin

            facts = settings.facts(profile.name)
            # The plan as the check-in composed it (its budget and equipment).
            composing = day_context(uow, profile, loaded, day, with_checkin(None, recorded))
            plan = build_plan(rules, facts, history, recorded.inputs, day, composing)
        current = (
            plan.conditioning_levels
            if plan is not None
            else {
                name: standing.level
                for name, standing in protocol_standings(rules, history.conditioning).items()
            }
        )
        recent = uow.sessions.recent(profile.id, RECENT_SESSIONS)
        lead, trend = _lead_lift(uow, profile, settings, plan, recent, rules.e1rm, day)
        levels = {
            name: (level, len(rules.protocols[name].levels)) for name, level in current.items()
        }
        _apply_todays_changes(levels, recent, day)
        done_today = any(
            item.session.date == day and item.session.status == "completed" for item in recent
        )
        # The plan's history stops before today; a session done today counts, as in `flux prs`.
        with_today = (
            history_as_of(uow, profile, loaded, day + dt.timedelta(days=1))
            if done_today
            else history
        )
        return Dashboard(
            day=day,
            profile=profile.name,
            settings=settings,
            declared=dict(rules.readiness),
            readiness=dict(recorded.inputs) if recorded is not None else None,
            plan=plan,
            pattern_debt=plan.pattern_debt if plan else pattern_debt(rules, history),
            levels=levels,
            recent=recent,
            lead_lift=lead,
            e1rm_trend=trend,
            active=uow.sessions.active(profile.id),
            strength_index=pattern_strength_index(rules, settings, with_today, day),
            ftp_proposal=_ftp_proposal(recent, settings, day),
        )


def _ftp_proposal(
    recent: list[SessionWithSets], settings: ProfileSettings, day: dt.date
) -> str | None:
    """`engine.ftp`'s proposal from the recent sessions' logged power, as `session complete`
    makes it; it stays on Today until accepted (`flux profile set ftp_watts=…`)."""
    from flux_cli.engine.ftp import propose_ftp
    from flux_cli.engine.types import LoggedSet

    since = day - dt.timedelta(days=FTP_PROPOSAL_DAYS)
    logged = [
        LoggedSet(
            row.exercise,
            weight_kg=row.weight_kg,
            reps=row.reps,
            seconds=row.seconds,
            distance_m=row.distance_m,
            rpe=row.rpe,
            metadata=row.metadata,
        )
        for item in recent
        if item.session.status == "completed" and since <= item.session.date <= day
        for row in item.sets
    ]
    proposal = propose_ftp(logged, settings.ftp_watts)
    return None if proposal is None else proposal.reason


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
    uow: UnitOfWork,
    profile: ProfileRecord,
    settings: ProfileSettings,
    plan: Plan | None,
    recent: list[SessionWithSets],
    e1rm: E1RMRules,
    day: dt.date,
) -> tuple[str | None, list[tuple[dt.date, float]]]:
    """The plan's lead lift (else the latest loaded lift) and its best e1RM per day.

    The trend covers the rules' e1RM window, so it costs the same after years of training.
    """
    from flux_cli.engine.athlete import e1rm_trend

    candidates = [ex.name for ex in plan.exercises if ex.reps is not None] if plan else []
    candidates += [row.exercise for item in recent for row in item.sets if row.weight_kg]
    since = day - dt.timedelta(days=e1rm.window_days)
    names = list(dict.fromkeys(candidates))
    found = uow.exercises.resolve_many(names, profile_id=profile.id)
    for name in names:
        exercise = found.get(name)
        if exercise is None:
            continue
        rows = uow.sessions.e1rm_rows(profile.id, exercise.id, since)
        trend = e1rm_trend(rows, settings.e1rm_formula, e1rm)
        if trend:
            return exercise.name, trend
    return (candidates[0] if candidates else None), []


def workout(ctx: Context, day: dt.date, *, start: bool, again: bool = False) -> WorkoutView | None:
    """The active session; with `start`, the day's plan turned into one when none is active.

    Sets logged before the plan was started (an ad-hoc session of `day`) take the day's plan
    as soon as there is one to take, as `flux session start` does. `again` starts a second
    session on a day that already has a completed one (asked first).
    """
    from flux_cli import services
    from flux_cli.services.training import adoptable

    with unit_of_work(ctx) as uow:
        profile = profile_for_write(uow, ctx)
        active = uow.sessions.active(profile.id)
        adopt = (
            active is not None
            and adoptable(active, day)
            and uow.readiness.get(profile.id, day) is not None
            and uow.sessions.completed_on(profile.id, day) is None
        )
        if active is not None and not adopt:
            return _view(uow, profile, active)
    if not (start or adopt):
        return None
    services.start_session(ctx, day, again=again)
    with unit_of_work(ctx) as uow:
        profile = profile_for_write(uow, ctx)
        active = uow.sessions.active(profile.id)
        assert active is not None, "start_session just made it"
        return _view(uow, profile, active)


def todays_plan(ctx: Context, day: dt.date) -> Plan | None:
    """The day's plan from its check-in, or None when there is no check-in yet."""
    from flux_cli import services

    try:
        return services.plan(ctx, {}, day)
    except DomainRefusal:
        return None


def _view(uow: UnitOfWork, profile: ProfileRecord, active: SessionRecord) -> WorkoutView:
    from flux_cli.engine.types import Plan

    plan = Plan.model_validate(active.plan) if active.plan else None
    sets = uow.sessions.sets(active.id)
    names = {row.exercise for row in sets}
    if plan is not None:
        names |= {exercise.name for exercise in plan.exercises}
        if plan.conditioning is not None:
            names.add(plan.conditioning.exercise)
    found = uow.exercises.resolve_many(names, profile_id=profile.id)
    return WorkoutView(
        session=active,
        plan=plan,
        sets=sets,
        settings=settings_of(profile),
        load_types={name: record.load_type for name, record in found.items()},
        unloaded=frozenset(name for name, record in found.items() if not record.takes_load),
    )


def _require_active(uow: UnitOfWork, ctx: Context, session_id: int) -> SessionRecord:
    active = uow.sessions.active(profile_for_write(uow, ctx).id)
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
    from flux_cli.storage.records import NewSet

    if all(value is None for value in (weight_kg, reps, seconds)):
        raise InputError("a set needs a weight, reps or a time")
    with unit_of_work(ctx) as uow:
        active = _require_active(uow, ctx, session_id)
        found = uow.exercises.resolve(exercise, profile_id=active.profile_id)
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
        return uow.sessions.add_sets(active.id, [new])[0]


def undo_last_set(ctx: Context, session_id: int) -> SetRecord | None:
    """Take back the last set logged in the given (active) session."""
    with unit_of_work(ctx) as uow:
        active = _require_active(uow, ctx, session_id)
        return uow.sessions.delete_last_set(active.id)
