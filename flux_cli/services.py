"""One function per use case: load → engine → persist → result.

The CLI and the dashboard call these and nothing below them. Each function that writes
runs in one unit of work: it stores all of its rows or none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flux_cli import paths
from flux_cli.errors import DomainRefusal, InputError
from flux_cli.rules_file import LoadedRules, parse_rules, read_rules_file

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from flux_cli.engine.rules import ReadinessInput
    from flux_cli.engine.types import History, Plan, Verdict
    from flux_cli.profile_settings import ProfileSettings
    from flux_cli.storage.database import Database
    from flux_cli.storage.records import (
        ProfileRecord,
        SessionRecord,
        SessionWithSets,
        SetRecord,
    )


@dataclass(frozen=True, slots=True)
class Context:
    """Who and where: the global options every command shares."""

    profile: str = "default"
    db_url: str | None = None
    config_path: Path | None = None


@dataclass(frozen=True, slots=True)
class CheckinResult:
    plan: Plan
    stored: bool


@dataclass(frozen=True, slots=True)
class SessionView:
    session: SessionRecord
    plan: Plan | None
    sets: list[SetRecord] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class LogResult:
    session: SessionRecord
    sets: list[SetRecord]
    created_session: bool


@dataclass(frozen=True, slots=True)
class CompletionResult:
    session_id: int
    status: str
    verdict: Verdict


@dataclass(frozen=True, slots=True)
class SeedResult:
    rules_origin: str
    rule_set_id: int
    rules_added: bool
    exercises_added: int
    exercises_updated: int


# ---------------------------------------------------------------------------- plumbing


def open_database(ctx: Context, *, check_schema: bool = True) -> Database:
    from flux_cli.storage.database import Database

    return Database.open(ctx.db_url, check_schema=check_schema)


@contextmanager
def _unit_of_work(ctx: Context, *, read_only: bool = False) -> Iterator[Session]:
    database = open_database(ctx)
    try:
        with database.unit_of_work(read_only=read_only) as session:
            yield session
    finally:
        database.close()


def _rules(ctx: Context, session: Session) -> LoadedRules:
    """The rules in force: --config/FLUX_CONFIG, else the seeded rule set, else the default."""
    if ctx.config_path is not None:
        return read_rules_file(ctx.config_path)
    from flux_cli.storage.reads import get_active_rule_set

    seeded = get_active_rule_set(session)
    if seeded is not None:
        return parse_rules(seeded.text, origin=f"database rule set #{seeded.id}")
    return read_rules_file(paths.default_rules_path())


def _profile(session: Session, ctx: Context) -> ProfileRecord:
    """The profile, created on first write."""
    from flux_cli.storage import repository as repo

    return repo.get_or_create_profile(session, ctx.profile)


def _known_profile(session: Session, ctx: Context) -> ProfileRecord:
    """The profile for a read: one that does not exist yet has default settings, no history."""
    from flux_cli.storage.reads import find_profile
    from flux_cli.storage.records import ProfileRecord

    return find_profile(session, ctx.profile) or ProfileRecord(id=0, name=ctx.profile, settings={})


def _settings(profile: ProfileRecord) -> ProfileSettings:
    from flux_cli.profile_settings import load_settings

    return load_settings(profile.settings)


def _history(
    session: Session, profile: ProfileRecord, loaded: LoadedRules, day: dt.date
) -> History:
    """History strictly before `day`, so a day's plan does not move once the day starts."""
    from flux_cli.storage.reads import load_history

    history = load_history(
        session,
        profile.id,
        today=day,
        lift_names=loaded.rules.exercise_names(),
        window_days=loaded.rules.e1rm.window_days,
    )
    return replace(
        history,
        sessions=tuple(past for past in history.sessions if past.date < day),
        conditioning=tuple(attempt for attempt in history.conditioning if attempt.date < day),
        activity_dates=tuple(date for date in history.activity_dates if date < day),
    )


def _plan(
    session: Session,
    profile: ProfileRecord,
    loaded: LoadedRules,
    inputs: Mapping[str, float],
    day: dt.date,
) -> Plan:
    from flux_cli.engine.planner import build_plan

    facts = _settings(profile).facts(profile.name)
    history = _history(session, profile, loaded, day)
    return build_plan(loaded.rules, facts, history, inputs, day)


# ---------------------------------------------------------------------------- check-in and plan


def readiness_inputs(ctx: Context) -> dict[str, ReadinessInput]:
    """The readiness inputs the rules in force declare, in order (for prompts and forms)."""
    with _unit_of_work(ctx, read_only=True) as session:
        return dict(_rules(ctx, session).rules.readiness)


def checkin(ctx: Context, raw: Mapping[str, str], day: dt.date) -> CheckinResult:
    """Record the day's readiness (replacing an earlier one that day) and plan the day."""
    from flux_cli.engine.readiness import evaluate_state, parse_readiness
    from flux_cli.storage import repository as repo

    with _unit_of_work(ctx) as session:
        loaded = _rules(ctx, session)
        inputs = parse_readiness(loaded.rules, raw)
        state = evaluate_state(loaded.rules, inputs)
        profile = _profile(session, ctx)
        repo.save_readiness(session, profile.id, day, inputs, state.name)
        return CheckinResult(plan=_plan(session, profile, loaded, inputs, day), stored=True)


def plan(ctx: Context, raw: Mapping[str, str], day: dt.date) -> Plan:
    """The day's plan from its check-in, or a what-if from `raw` inputs (nothing stored)."""
    from flux_cli.engine.readiness import parse_readiness
    from flux_cli.storage.reads import get_readiness

    with _unit_of_work(ctx, read_only=True) as session:
        loaded = _rules(ctx, session)
        profile = _known_profile(session, ctx)
        if raw:
            return _plan(session, profile, loaded, parse_readiness(loaded.rules, raw), day)
        recorded = get_readiness(session, profile.id, day)
        if recorded is None:
            raise DomainRefusal(
                f"no check-in for {day.isoformat()}",
                hint="check in first: flux checkin knee_pain=2 energy=7 "
                "(or ask a what-if: flux plan knee_pain=2 energy=7)",
            )
        return _plan(session, profile, loaded, recorded.inputs, day)


# ---------------------------------------------------------------------------- sessions


def _active(session: Session, profile: ProfileRecord) -> SessionRecord:
    from flux_cli.storage import repository as repo

    active = repo.get_active_session(session, profile.id)
    if active is None:
        raise DomainRefusal(
            "no active session", hint="start one with: flux session start (after flux checkin)"
        )
    return active


def _stored_plan(record: SessionRecord) -> Plan | None:
    from flux_cli.engine.types import Plan

    return Plan.model_validate(record.plan) if record.plan else None


def start_session(ctx: Context, day: dt.date) -> SessionView:
    """Turn the day's plan into the active session."""
    from flux_cli.storage import repository as repo

    with _unit_of_work(ctx) as session:
        loaded = _rules(ctx, session)
        profile = _profile(session, ctx)
        active = repo.get_active_session(session, profile.id)
        if active is not None:
            raise DomainRefusal(
                f"session #{active.id} ({active.session_name}) is already active",
                hint="finish it with: flux session complete (or flux session abandon)",
            )
        recorded = repo.get_readiness(session, profile.id, day)
        if recorded is None:
            raise DomainRefusal(
                f"no check-in for {day.isoformat()}",
                hint="check in first: flux checkin knee_pain=2 energy=7",
            )
        day_plan = _plan(session, profile, loaded, recorded.inputs, day)
        record = repo.create_session(
            session,
            profile.id,
            day=day,
            status="active",
            state=day_plan.state,
            archetype=day_plan.archetype,
            session_name=day_plan.session_name,
            anchor_pattern=day_plan.anchor_pattern,
            conditioning_protocol=day_plan.conditioning.protocol if day_plan.conditioning else None,
            plan=day_plan.model_dump(mode="json"),
        )
        return SessionView(session=record, plan=day_plan, sets=[])


def show_session(ctx: Context) -> SessionView:
    """The active session with its plan and the sets logged so far."""
    from flux_cli.storage import repository as repo

    with _unit_of_work(ctx, read_only=True) as session:
        active = _active(session, _known_profile(session, ctx))
        return SessionView(
            session=active, plan=_stored_plan(active), sets=repo.list_sets(session, active.id)
        )


def complete_session(ctx: Context) -> CompletionResult:
    """Verify the logged sets against the prescription and earn (or not) each level change."""
    from flux_cli.engine.progression import verify_session
    from flux_cli.engine.types import LoggedSet
    from flux_cli.storage import repository as repo

    with _unit_of_work(ctx) as session:
        loaded = _rules(ctx, session)
        profile = _profile(session, ctx)
        active = _active(session, profile)
        logged = [
            LoggedSet(
                exercise=row.exercise,
                weight_kg=row.weight_kg,
                reps=row.reps,
                seconds=row.seconds,
                distance_m=row.distance_m,
                rpe=row.rpe,
                metadata=row.metadata,
            )
            for row in repo.list_sets(session, active.id)
        ]
        history = _history(session, profile, loaded, active.date + dt.timedelta(days=1))
        verdict = verify_session(loaded.rules, _stored_plan(active), logged, history)
        repo.finish_session(session, active.id, "completed", verdict.model_dump(mode="json"))
        return CompletionResult(session_id=active.id, status="completed", verdict=verdict)


def abandon_session(ctx: Context) -> SessionRecord:
    """Close the active session without counting it toward history."""
    from flux_cli.storage import repository as repo

    with _unit_of_work(ctx) as session:
        active = _active(session, _profile(session, ctx))
        repo.finish_session(session, active.id, "abandoned", None)
        return replace(active, status="abandoned")


# ---------------------------------------------------------------------------- logging


def parse_meta(pairs: Sequence[str]) -> dict[str, Any]:
    """`K=V` strings into metadata; numbers become numbers."""
    meta: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key or not key.replace("_", "").isalnum():
            raise InputError(
                f"bad --meta '{pair}'", hint="use KEY=VALUE, e.g. --meta avg_watts=310"
            )
        meta[key] = _number_or_text(value.strip())
    return meta


def _number_or_text(value: str) -> Any:
    try:
        number = float(value)
    except ValueError:
        return value
    return int(number) if number.is_integer() and "." not in value else number


def log_sets(
    ctx: Context,
    exercise: str,
    specs: Sequence[str],
    *,
    day: dt.date,
    rpe: float | None = None,
    meta: Mapping[str, Any] | None = None,
) -> LogResult:
    """Log sets into the active session, or into a new ad-hoc one."""
    from flux_cli.engine.spec import parse_spec
    from flux_cli.storage import repository as repo
    from flux_cli.storage.records import NewSet

    if rpe is not None and not 1 <= rpe <= 10:
        raise InputError(f"RPE must be from 1 to 10, got {rpe:g}", hint="e.g. --rpe 8")
    with _unit_of_work(ctx) as session:
        profile = _profile(session, ctx)
        set_specs = parse_spec(specs, default_unit=_settings(profile).units)
        found = repo.resolve_exercise(session, exercise)
        if found is None:
            suggestions = repo.suggest_exercises(session, exercise)
            hint = (
                f"did you mean: {', '.join(suggestions)}?"
                if suggestions
                else "seed a catalogue with: flux seed --catalog FILE"
            )
            raise InputError(f"unknown exercise '{exercise}'", hint=hint)
        active = repo.get_active_session(session, profile.id)
        created = active is None
        if active is None:
            active = repo.create_session(
                session, profile.id, day=day, status="active", session_name="Ad-hoc session"
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
        return LogResult(
            session=active, sets=repo.add_sets(session, active.id, rows), created_session=created
        )


# ---------------------------------------------------------------------------- history


def history(
    ctx: Context,
    *,
    exercise: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = None,
) -> list[SessionWithSets]:
    """Sessions with their sets, newest first."""
    from flux_cli.storage import repository as repo

    with _unit_of_work(ctx, read_only=True) as session:
        profile = _known_profile(session, ctx)
        if exercise is not None and repo.resolve_exercise(session, exercise) is None:
            raise InputError(f"unknown exercise '{exercise}'")
        return repo.list_history(
            session, profile.id, exercise=exercise, since=since, until=until, limit=limit
        )


def logged_exercises(ctx: Context) -> list[str]:
    """The exercises the profile has logged, most sets first (what a filter completes to)."""
    from flux_cli.storage.reads import logged_exercise_names

    with _unit_of_work(ctx, read_only=True) as session:
        return logged_exercise_names(session, _known_profile(session, ctx).id)


def e1rm_history(ctx: Context, exercise: str) -> list[tuple[dt.date, float]]:
    """Best estimated 1RM per day for one exercise, oldest first."""
    from flux_cli.engine.e1rm import e1rm_series
    from flux_cli.storage import reads

    with _unit_of_work(ctx, read_only=True) as session:
        loaded = _rules(ctx, session)
        profile = _known_profile(session, ctx)
        found = reads.exercise_id(session, exercise)
        if found is None:
            raise InputError(f"unknown exercise '{exercise}'")
        rows = reads.e1rm_rows(session, profile.id, found)
        return e1rm_series(rows, _settings(profile).e1rm_formula, loaded.rules.e1rm.max_reps)


# ---------------------------------------------------------------------------- profile, config, seed


def profile_show(ctx: Context) -> tuple[str, ProfileSettings]:
    with _unit_of_work(ctx, read_only=True) as session:
        profile = _known_profile(session, ctx)
        return profile.name, _settings(profile)


def profile_set(ctx: Context, assignments: Mapping[str, str]) -> ProfileSettings:
    from flux_cli.profile_settings import apply_assignments
    from flux_cli.storage import repository as repo

    with _unit_of_work(ctx) as session:
        profile = _profile(session, ctx)
        updated = apply_assignments(_settings(profile), assignments)
        repo.update_profile_settings(session, profile.id, updated.model_dump(mode="json"))
        return updated


def active_rules(ctx: Context) -> LoadedRules:
    with _unit_of_work(ctx, read_only=True) as session:
        return _rules(ctx, session)


def seed(ctx: Context, config_path: Path | None, catalog_path: Path | None) -> SeedResult:
    """Push a rules file and the exercise catalogue(s) into the database; idempotent."""
    from flux_cli import catalog
    from flux_cli.storage import repository as repo

    loaded = read_rules_file(config_path or ctx.config_path or paths.default_rules_path())
    exercises = list(catalog.load_builtin())
    if catalog_path is not None:
        exercises += list(catalog.load_free_exercise_db(catalog_path))
    with _unit_of_work(ctx) as session:
        rule_set, added = repo.save_rule_set(session, loaded.text)
        exercises_added, exercises_updated = repo.upsert_exercises(session, exercises)
        return SeedResult(
            rules_origin=loaded.origin,
            rule_set_id=rule_set.id,
            rules_added=added,
            exercises_added=exercises_added,
            exercises_updated=exercises_updated,
        )


def database_url(ctx: Context) -> str:
    """The database URL in use, password masked."""
    from flux_cli.storage.database import mask_url, resolve_url

    return mask_url(resolve_url(ctx.db_url))


def where(ctx: Context) -> dict[str, str]:
    """Where data, rules and the database live (nothing is created)."""
    import os

    config = ctx.config_path or os.environ.get("FLUX_CONFIG")
    return {
        "data_dir": str(paths.data_dir()),
        "database": database_url(ctx),
        "rules": str(config)
        if config
        else f"{paths.default_rules_path()} (default, unless seeded)",
        "migrations": str(paths.migrations_dir()),
    }


def db_upgrade(ctx: Context) -> tuple[str | None, str]:
    """Upgrade the schema to head; returns (before, after) revisions."""
    database = open_database(ctx, check_schema=False)
    try:
        return database.upgrade()
    finally:
        database.close()


def db_current(ctx: Context) -> tuple[str | None, str]:
    """(the database's revision or None, the revision flux needs)."""
    from flux_cli.storage.schema import HEAD_REVISION

    database = open_database(ctx, check_schema=False)
    try:
        return database.current(), HEAD_REVISION
    finally:
        database.close()
