"""The training day: check-in, plan, the active session and the sets logged into it.

Each function that writes runs in one unit of work: it stores all of its rows or none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from flux_cli.errors import DomainRefusal, InputError
from flux_cli.services.base import (
    Context,
    history_as_of,
    known_profile,
    load_rules,
    plan_for,
    profile_for_write,
    settings_of,
    unit_of_work,
)

if TYPE_CHECKING:
    from flux_cli.engine.rules import ReadinessInput
    from flux_cli.engine.types import NextSetRulePlan, Plan, Units, Verdict
    from flux_cli.profile_settings import ProfileSettings
    from flux_cli.services.composing import DayOptions
    from flux_cli.services.ports import UnitOfWork
    from flux_cli.services.strength import NewRecord
    from flux_cli.storage.records import (
        ProfileRecord,
        ReadinessRecord,
        SessionRecord,
        SetRecord,
    )


@dataclass(frozen=True, slots=True)
class CheckinResult:
    plan: Plan
    stored: bool
    replaced: ReadinessRecord | None = None


@dataclass(frozen=True, slots=True)
class SessionView:
    session: SessionRecord
    plan: Plan | None
    sets: list[SetRecord] = field(default_factory=list)
    units: Units = "kg"


@dataclass(frozen=True, slots=True)
class LogResult:
    session: SessionRecord
    sets: list[SetRecord]
    created_session: bool
    units: Units = "kg"
    # The plan's in-session rule applied to the last set logged: the next set's load.
    next_set: NextSetSuggestion | None = None


@dataclass(frozen=True, slots=True)
class NextSetSuggestion:
    """The next set's load after a set at `load_kg` logged at `rpe` against `target_rpe`."""

    exercise: str
    load_kg: float
    next_load_kg: float
    rpe: float
    target_rpe: float


@dataclass(frozen=True, slots=True)
class CompletionResult:
    session_id: int
    status: str
    verdict: Verdict
    records: list[NewRecord] = field(default_factory=list)
    deload: bool = False
    units: Units = "kg"
    # What the session's logged power says FTP is, when above the profile's (see engine.ftp).
    ftp_proposal: str | None = None


# ---------------------------------------------------------------------------- check-in and plan


def readiness_inputs(ctx: Context) -> dict[str, ReadinessInput]:
    """The readiness inputs the rules in force declare, in order (for prompts and forms)."""
    with unit_of_work(ctx, read_only=True) as uow:
        return dict(load_rules(ctx, uow).rules.readiness)


def checkin(
    ctx: Context,
    raw: Mapping[str, str],
    day: dt.date,
    options: DayOptions | None = None,
    soreness: Mapping[str, str] | None = None,
) -> CheckinResult:
    """Record the day's readiness and plan the day; an earlier check-in that day is replaced.

    `soreness` (muscle group → 0-10, as `flux soreness` takes it) is recorded with it, before
    the plan, so the day's plan reads it; a bad value refuses the whole check-in.
    """
    from flux_cli.engine.readiness import evaluate_state, parse_readiness
    from flux_cli.services.body import parse_soreness
    from flux_cli.services.composing import stored_options

    with unit_of_work(ctx) as uow:
        loaded = load_rules(ctx, uow)
        inputs = parse_readiness(loaded.rules, raw)
        sore = parse_soreness(loaded.rules, soreness) if soreness else {}
        state = evaluate_state(loaded.rules, inputs)
        minutes, equipment = stored_options(options)
        profile = profile_for_write(uow, ctx)
        if sore:
            uow.body.log_soreness(profile.id, day, sore)
        earlier = uow.readiness.get(profile.id, day)
        uow.readiness.save(
            profile.id, day, inputs, state.name, minutes=minutes, equipment=equipment
        )
        return CheckinResult(
            plan=plan_for(uow, profile, loaded, inputs, day, options),
            stored=True,
            replaced=earlier,
        )


def plan(
    ctx: Context, raw: Mapping[str, str], day: dt.date, options: DayOptions | None = None
) -> Plan:
    """The day's plan from its check-in, or a what-if from `raw` inputs (nothing stored)."""
    from flux_cli.engine.readiness import parse_readiness
    from flux_cli.services.composing import with_checkin

    with unit_of_work(ctx, read_only=True) as uow:
        loaded = load_rules(ctx, uow)
        profile = known_profile(uow, ctx)
        recorded = uow.readiness.get(profile.id, day) if profile.id else None
        options = with_checkin(options, recorded)
        if raw:
            inputs = parse_readiness(loaded.rules, raw)
            return plan_for(uow, profile, loaded, inputs, day, options)
        if recorded is None:
            raise DomainRefusal(
                f"no check-in for {day.isoformat()}",
                hint=f"check in first: flux checkin knee_pain=2 energy=7{_on(day)} "
                f"(or ask a what-if: flux plan knee_pain=2 energy=7{_on(day)})",
            )
        return plan_for(uow, profile, loaded, recorded.inputs, day, options)


# ---------------------------------------------------------------------------- sessions


def _active(
    uow: UnitOfWork, profile: ProfileRecord, session_id: int | None = None
) -> SessionRecord:
    """The active session; with `session_id`, only if it is still that one."""

    active = uow.sessions.active(profile.id)
    if active is None:
        raise DomainRefusal(
            "no active session", hint="start one with: flux session start (after flux checkin)"
        )
    if session_id is not None and active.id != session_id:
        raise DomainRefusal(
            f"session #{session_id} is no longer active",
            hint="it was completed or abandoned elsewhere; open the workout again",
        )
    return active


def _stored_plan(record: SessionRecord) -> Plan | None:
    from flux_cli.engine.types import Plan

    return Plan.model_validate(record.plan) if record.plan else None


def start_session(
    ctx: Context, day: dt.date, *, again: bool = False, options: DayOptions | None = None
) -> SessionView:
    """Turn the day's plan into the active session, adopting the sets already logged that day.

    A second session on a day that already has a completed one is asked for with `again`.
    """

    with unit_of_work(ctx) as uow:
        loaded = load_rules(ctx, uow)
        profile = profile_for_write(uow, ctx)
        active = uow.sessions.active(profile.id)
        if active is not None and not adoptable(active, day):
            raise DomainRefusal(
                f"session #{active.id} ({active.session_name}) of {active.date.isoformat()}"
                " is already active",
                hint="finish it with: flux session complete (or flux session abandon)",
            )
        done = uow.sessions.completed_on(profile.id, day)
        if done is not None and not again:
            raise DomainRefusal(
                f"session #{done.id} ({done.session_name or 'ad-hoc'}) of {day.isoformat()}"
                " is already completed",
                hint=f"start a second session that day with: flux session start --again{_on(day)}",
            )
        recorded = uow.readiness.get(profile.id, day)
        if recorded is None:
            raise DomainRefusal(
                f"no check-in for {day.isoformat()}",
                hint=f"check in first: flux checkin knee_pain=2 energy=7{_on(day)}",
            )
        from flux_cli.services.composing import with_checkin

        options = with_checkin(options, recorded)
        day_plan = plan_for(uow, profile, loaded, recorded.inputs, day, options)
        fields: dict[str, Any] = {
            "state": day_plan.state,
            "archetype": day_plan.archetype,
            "session_name": day_plan.session_name,
            "anchor_pattern": day_plan.anchor_pattern,
            "conditioning_protocol": (
                day_plan.conditioning.protocol if day_plan.conditioning else None
            ),
            "plan": day_plan.model_dump(mode="json"),
        }
        if active is not None:
            record = uow.sessions.adopt_plan(active.id, **fields)
            return SessionView(
                session=record,
                plan=day_plan,
                sets=uow.sessions.sets(record.id),
                units=day_plan.units,
            )
        record = uow.sessions.create(profile.id, day=day, status="active", **fields)
        return SessionView(session=record, plan=day_plan, sets=[], units=day_plan.units)


def adoptable(active: SessionRecord, day: dt.date) -> bool:
    """An ad-hoc session of `day` (sets logged before the plan was started) takes the plan."""
    return active.plan is None and active.source == "flux" and active.date == day


def _on(day: dt.date) -> str:
    """` --date D` for a hint about a day other than today."""
    return "" if day == dt.date.today() else f" --date {day.isoformat()}"


def show_session(ctx: Context) -> SessionView:
    """The active session with its plan and the sets logged so far."""

    with unit_of_work(ctx, read_only=True) as uow:
        profile = known_profile(uow, ctx)
        active = _active(uow, profile)
        return SessionView(
            session=active,
            plan=_stored_plan(active),
            sets=uow.sessions.sets(active.id),
            units=settings_of(profile).units,
        )


def complete_session(
    ctx: Context,
    *,
    session_id: int | None = None,
    session_rpe: float | None = None,
    minutes: float | None = None,
) -> CompletionResult:
    """Verify the logged sets against the prescription and earn (or not) each level change.

    With `session_id` (the dashboard), only that session is completed, never another one.
    `session_rpe` and `minutes` are kept for the load ledger (Foster's session RPE).
    """
    from flux_cli.engine.ftp import propose_ftp
    from flux_cli.engine.progression import verify_session
    from flux_cli.engine.types import LoggedSet
    from flux_cli.services.body import check_effort
    from flux_cli.services.strength import session_records

    check_effort(session_rpe, minutes)

    with unit_of_work(ctx) as uow:
        loaded = load_rules(ctx, uow)
        profile = profile_for_write(uow, ctx)
        active = _active(uow, profile, session_id)
        rows = uow.sessions.sets(active.id)
        if not rows:
            raise DomainRefusal(
                f"session #{active.id} has no sets logged, so it cannot complete",
                hint="log a set first (e.g. flux log 'Back Squat' 100x5),"
                " or close it without counting it: flux session abandon",
            )
        # Each set's pattern lets the verdict recognise a substitute (Incline for Bench).
        exercises = uow.exercises.resolve_many(
            {row.exercise for row in rows}, profile_id=profile.id
        )
        logged = [
            LoggedSet(
                exercise=row.exercise,
                weight_kg=row.weight_kg,
                reps=row.reps,
                seconds=row.seconds,
                distance_m=row.distance_m,
                rpe=row.rpe,
                metadata=row.metadata,
                pattern=exercises[row.exercise].pattern if row.exercise in exercises else None,
            )
            for row in rows
        ]
        history = history_as_of(uow, profile, loaded, active.date + dt.timedelta(days=1))
        verdict = verify_session(loaded.rules, _stored_plan(active), logged, history)
        uow.sessions.finish(active.id, "completed", verdict.model_dump(mode="json"))
        uow.body.set_session_effort(active.id, rpe=session_rpe, minutes=minutes)
        records = session_records(uow, profile, active, rows, loaded.rules.e1rm)
        proposal = propose_ftp(logged, settings_of(profile).ftp_watts)
        return CompletionResult(
            session_id=active.id,
            status="completed",
            verdict=verdict,
            records=records,
            deload=bool(active.plan and active.plan.get("deload")),
            units=settings_of(profile).units,
            ftp_proposal=None if proposal is None else proposal.reason,
        )


def abandon_session(ctx: Context, *, session_id: int | None = None) -> SessionRecord:
    """Close the active session: it stays in history, marked abandoned, and never counts."""

    with unit_of_work(ctx) as uow:
        active = _active(uow, profile_for_write(uow, ctx), session_id)
        uow.sessions.finish(active.id, "abandoned", None)
        return replace(active, status="abandoned")


# ---------------------------------------------------------------------------- logging


def parse_meta(pairs: Sequence[str]) -> dict[str, Any]:
    """`K=V` strings into metadata; numbers become numbers."""
    meta: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        word = key.replace("_", "")
        if not sep or not key or len(key) > 64 or not (word.isascii() and word.isalnum()):
            raise InputError(
                f"bad --meta '{pair[:80]}'", hint="use KEY=VALUE, e.g. --meta avg_watts=310"
            )
        meta[key] = _number_or_text(key, value.strip())
        _check_known_meta(key, meta[key])
    return meta


def _check_known_meta(key: str, value: Any) -> None:
    """`avg_watts` and `peak_hr` feed the engine: they are numbers in their own ranges."""
    from flux_cli.engine.limits import HEART_RATE, WATTS

    known = {"avg_watts": WATTS, "peak_hr": HEART_RATE}.get(key)
    if known is not None and (isinstance(value, str) or not known.holds(value)):
        raise InputError(
            f"--meta {key}={value} is not a {known.what} {known.describe()}",
            hint=f"e.g. --meta {key}={'310' if key == 'avg_watts' else '172'}",
        )


def _number_or_text(key: str, value: str) -> Any:
    """A finite number in `META_NUMBER`'s range, or short text; anything else is refused."""
    from flux_cli.engine.limits import MAX_NUMBER_CHARS, META_NUMBER, META_TEXT_CHARS

    try:
        number = float(value)
    except ValueError:
        if len(value) > META_TEXT_CHARS:
            raise InputError(
                f"--meta {key} is {len(value)} characters long",
                hint=f"a --meta value is a number or at most {META_TEXT_CHARS} characters of text",
            ) from None
        return value
    if len(value) > MAX_NUMBER_CHARS or not META_NUMBER.holds(number):
        raise InputError(
            f"--meta {key}={value[:MAX_NUMBER_CHARS]} is out of range",
            hint=f"--meta numbers are finite, {META_NUMBER.describe()}",
        )
    return int(number) if number.is_integer() and "." not in value else number


def log_sets(
    ctx: Context,
    exercise: str,
    specs: Sequence[str],
    *,
    day: dt.date | None = None,
    rpe: float | None = None,
    meta: Mapping[str, Any] | None = None,
) -> LogResult:
    """Log sets into the active session, or into a new ad-hoc one on `day` (default today).

    With `day`, the active session must be that day's: a set goes to its day's session.
    """
    from flux_cli.engine.spec import check_plausible, parse_spec
    from flux_cli.storage.records import NewSet

    if rpe is not None and not 1 <= rpe <= 10:
        raise InputError(f"RPE must be from 1 to 10, got {rpe:g}", hint="e.g. --rpe 8")
    with unit_of_work(ctx) as uow:
        profile = profile_for_write(uow, ctx)
        units = settings_of(profile).units
        set_specs = parse_spec(specs, default_unit=units)
        found = uow.exercises.resolve(exercise, profile_id=profile.id)
        if found is None:
            suggestions = uow.exercises.suggest(exercise, profile_id=profile.id)
            hint = (
                f"did you mean: {', '.join(suggestions)}?"
                if suggestions
                else "flux exercises list shows the names flux knows; "
                "flux exercises alias NAME EXERCISE maps another app's name"
            )
            raise InputError(f"unknown exercise '{exercise}'", hint=hint)
        check_plausible(found.name, set_specs, load_type=found.load_type, tracking=found.tracking)
        active = uow.sessions.active(profile.id)
        if active is not None and day is not None and active.date != day:
            # A set belongs to its day's session: filed under another day it would skew both.
            raise DomainRefusal(
                f"session #{active.id} of {active.date.isoformat()} is active,"
                f" so sets for {day.isoformat()} cannot go into it",
                hint="log without --date to add to it, or finish it first:"
                " flux session complete (or flux session abandon)",
            )
        created = active is None
        if active is None:
            active = uow.sessions.create(
                profile.id,
                day=day or dt.date.today(),
                status="active",
                session_name="Ad-hoc session",
            )
        rows = [
            NewSet(
                exercise_id=found.id,
                weight_kg=spec.weight_kg,
                reps=spec.reps,
                seconds=spec.seconds,
                distance_m=spec.distance_m,
                rpe=rpe,
                metadata=dict(meta or {}),
            )
            for spec in set_specs
        ]
        added = uow.sessions.add_sets(active.id, rows)
        return LogResult(
            session=active,
            sets=added,
            created_session=created,
            units=units,
            next_set=_next_set(active, found.name, added, settings_of(profile)),
        )


def _next_set(
    session: SessionRecord, exercise: str, added: Sequence[SetRecord], settings: ProfileSettings
) -> NextSetSuggestion | None:
    """The plan's next-set rule for `exercise` applied to the last set just logged."""
    if not added or not session.plan:
        return None
    item = next((e for e in session.plan.get("exercises") or () if e.get("name") == exercise), None)
    return next_set_suggestion(item.get("next_set_rule") if item else None, added[-1], settings)


def next_set_suggestion(
    rule: NextSetRulePlan | Mapping[str, Any] | None, last: SetRecord, settings: ProfileSettings
) -> NextSetSuggestion | None:
    """The next set's load after `last` by the plan's in-session rule (`flux log` and the
    dashboard both ask here); None without a rule, a load or an RPE to apply it to."""
    from flux_cli.engine.strength import next_set_load
    from flux_cli.engine.types import NextSetRulePlan

    if not rule or last.rpe is None or not last.weight_kg:
        return None
    plan_rule = rule if isinstance(rule, NextSetRulePlan) else NextSetRulePlan.model_validate(rule)
    load = next_set_load(plan_rule, last.weight_kg, last.rpe, settings.bar_and_plates())
    return NextSetSuggestion(last.exercise, last.weight_kg, load, last.rpe, plan_rule.target_rpe)
