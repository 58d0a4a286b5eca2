"""The reads behind every `flux plan` and the dashboard's Today screen, as plain SQL.

A plan runs in a short-lived process, and Today is the dashboard's first screen: there
SQLAlchemy's ORM would spend more time configuring mappers and compiling statements than
the queries take; these text queries need neither, nor the model classes. Result types
keep dates, times and JSON right on both back ends.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable
from typing import Any

from pydantic import ValidationError
from sqlalchemy import JSON, Date, DateTime, bindparam, text
from sqlalchemy.orm import Session

from flux_cli.engine.types import (
    ConditioningAttempt,
    ConditioningPlan,
    DatedSet,
    History,
    LoggedSet,
    PastSession,
)
from flux_cli.storage.records import (
    ProfileRecord,
    ReadinessRecord,
    RuleSetRecord,
    SessionRecord,
    SessionWithSets,
    SetRecord,
    alias_key,
    chunks,
    session_record,
    set_record,
    utc,
)

_FIND_PROFILE = text("SELECT id, name, settings FROM profiles WHERE name = :name").columns(
    settings=JSON
)
_READINESS = (
    text(
        "SELECT id, profile_id, date, inputs, state, recorded_at FROM readiness_logs"
        " WHERE profile_id = :profile_id AND date = :day"
    )
    .bindparams(bindparam("day", type_=Date))
    .columns(date=Date, inputs=JSON, recorded_at=DateTime)
)
_ACTIVE_RULE_SET = text(
    "SELECT id, text, sha256, active, created_at FROM rule_sets"
    " WHERE active = :yes ORDER BY id DESC LIMIT 1"
).columns(created_at=DateTime)
_COMPLETED = "s.profile_id = :profile_id AND s.status = 'completed' AND s.date <= :today"
_SESSIONS = (
    text(
        f"SELECT s.id, s.date, s.archetype FROM workout_sessions s WHERE {_COMPLETED}"
        " ORDER BY s.date, s.id"
    )
    .bindparams(bindparam("today", type_=Date))
    .columns(date=Date)
)
_SESSION_PATTERNS = text(
    "SELECT DISTINCT w.session_id, e.pattern FROM workout_sets w"
    " JOIN exercises e ON e.id = w.exercise_id"
    " JOIN workout_sessions s ON s.id = w.session_id"
    f" WHERE {_COMPLETED} AND e.pattern IS NOT NULL"
).bindparams(bindparam("today", type_=Date))
_EXERCISE = text(
    "SELECT e.id, e.name FROM exercise_aliases a JOIN exercises e ON e.id = a.exercise_id"
    " WHERE a.alias = :key"
)
_SESSION_COLUMNS = (
    "id, profile_id, date, status, state, archetype, session_name, anchor_pattern,"
    " conditioning_protocol, plan, result, source, external_id, started_at, ended_at"
)
_SESSION_TYPES = {
    "date": Date,
    "plan": JSON,
    "result": JSON,
    "started_at": DateTime,
    "ended_at": DateTime,
}
_ACTIVE_SESSION = text(
    f"SELECT {_SESSION_COLUMNS} FROM workout_sessions"
    " WHERE profile_id = :profile_id AND status = 'active' ORDER BY date DESC, id DESC LIMIT 1"
).columns(**_SESSION_TYPES)
_RECENT_SESSIONS = text(
    f"SELECT {_SESSION_COLUMNS} FROM workout_sessions"
    " WHERE profile_id = :profile_id ORDER BY date DESC, id DESC LIMIT :limit"
).columns(**_SESSION_TYPES)
_SET_RECORDS = (
    text(
        "SELECT w.id, w.session_id, w.exercise_id, e.name, w.position, w.weight_kg, w.reps,"
        " w.seconds, w.distance_m, w.rpe, w.metadata AS meta, w.logged_at FROM workout_sets w"
        " JOIN exercises e ON e.id = w.exercise_id"
        " WHERE w.session_id IN :session_ids ORDER BY w.session_id, w.position, w.id"
    )
    .bindparams(bindparam("session_ids", expanding=True))
    .columns(meta=JSON, logged_at=DateTime)
)
_LOGGED_EXERCISES = text(
    "SELECT e.name, COUNT(*) AS sets FROM workout_sessions s CROSS JOIN workout_sets w"
    " JOIN exercises e ON e.id = w.exercise_id"
    " WHERE w.session_id = s.id AND s.profile_id = :profile_id"
    " GROUP BY e.name ORDER BY sets DESC, e.name"
)
_EXERCISE_IDS = text(
    "SELECT alias, exercise_id FROM exercise_aliases WHERE alias IN :keys"
).bindparams(bindparam("keys", expanding=True))
_LOGGED = "w.weight_kg, w.reps, w.seconds, w.distance_m, w.rpe, w.metadata"
_LIFT_SETS = (
    text(
        f"SELECT s.date, w.exercise_id, {_LOGGED} FROM workout_sets w"
        " JOIN workout_sessions s ON s.id = w.session_id"
        " WHERE s.profile_id = :profile_id AND w.exercise_id IN :exercise_ids"
        " AND s.status <> 'abandoned' AND s.date >= :since AND s.date <= :today"
        " ORDER BY s.date, w.session_id, w.position"
    )
    .bindparams(
        bindparam("exercise_ids", expanding=True),
        bindparam("since", type_=Date),
        bindparam("today", type_=Date),
    )
    .columns(date=Date, metadata=JSON)
)
_CONDITIONING_SESSIONS = (
    text(
        f"SELECT s.id, s.date, s.plan FROM workout_sessions s WHERE {_COMPLETED}"
        " AND s.conditioning_protocol IS NOT NULL ORDER BY s.date, s.id"
    )
    .bindparams(bindparam("today", type_=Date))
    .columns(date=Date, plan=JSON)
)
_SESSION_SETS = (
    text(
        f"SELECT w.session_id, e.name, {_LOGGED} FROM workout_sets w"
        " JOIN exercises e ON e.id = w.exercise_id"
        " WHERE w.session_id IN :session_ids ORDER BY w.session_id, w.position, w.id"
    )
    .bindparams(bindparam("session_ids", expanding=True))
    .columns(metadata=JSON)
)
_ACTIVITY_DATES = (
    text(
        "SELECT DISTINCT date FROM activities WHERE profile_id = :profile_id AND date <= :today"
        " ORDER BY date"
    )
    .bindparams(bindparam("today", type_=Date))
    .columns(date=Date)
)
# Driven from the athlete's sessions (CROSS JOIN keeps that order on SQLite), so the cost
# follows one athlete's history, not how many sets every profile has of this exercise.
_E1RM_ROWS = text(
    "SELECT s.date, w.weight_kg, w.reps FROM workout_sessions s CROSS JOIN workout_sets w"
    " WHERE w.session_id = s.id AND s.profile_id = :profile_id"
    " AND w.exercise_id = :exercise_id AND w.weight_kg IS NOT NULL AND w.reps > 0"
    " ORDER BY s.date, w.id"
).columns(date=Date)


def find_profile(s: Session, name: str) -> ProfileRecord | None:
    """The profile called `name`, or None (nothing is created)."""
    row = s.execute(_FIND_PROFILE, {"name": name}).first()
    if row is None:
        return None
    return ProfileRecord(id=row.id, name=row.name, settings=dict(row.settings or {}))


def get_readiness(s: Session, profile_id: int, day: dt.date) -> ReadinessRecord | None:
    row = s.execute(_READINESS, {"profile_id": profile_id, "day": day}).first()
    if row is None:
        return None
    return ReadinessRecord(
        id=row.id,
        profile_id=row.profile_id,
        date=row.date,
        inputs=dict(row.inputs),
        state=row.state,
        recorded_at=utc(row.recorded_at),
    )


def get_active_rule_set(s: Session) -> RuleSetRecord | None:
    row = s.execute(_ACTIVE_RULE_SET, {"yes": True}).first()
    if row is None:
        return None
    return RuleSetRecord(
        id=row.id,
        text=row.text,
        sha256=row.sha256,
        active=bool(row.active),
        created_at=utc(row.created_at),
    )


def find_exercise(s: Session, name: str) -> tuple[int, str] | None:
    """(id, name) of the exercise whose name or alias is `name`, ignoring case."""
    row = s.execute(_EXERCISE, {"key": alias_key(name)}).first()
    return None if row is None else (int(row.id), str(row.name))


def logged_exercise_names(s: Session, profile_id: int) -> list[str]:
    """Names of the exercises the profile has sets of, the most-logged first."""
    return [name for name, _sets in s.execute(_LOGGED_EXERCISES, {"profile_id": profile_id})]


def active_session(s: Session, profile_id: int) -> SessionRecord | None:
    """The profile's active session (the latest, should there be several)."""
    row = s.execute(_ACTIVE_SESSION, {"profile_id": profile_id}).first()
    return None if row is None else session_record(row)


def recent_sessions(s: Session, profile_id: int, limit: int) -> list[SessionWithSets]:
    """The latest `limit` sessions, newest first, with their sets in order."""
    rows = s.execute(_RECENT_SESSIONS, {"profile_id": profile_id, "limit": limit})
    sessions = [session_record(row) for row in rows]
    sets: dict[int, list[SetRecord]] = defaultdict(list)
    if sessions:
        found = s.execute(_SET_RECORDS, {"session_ids": [item.id for item in sessions]})
        for row in found:
            sets[row.session_id].append(set_record(row, row.name))
    return [SessionWithSets(item, tuple(sets.get(item.id, ()))) for item in sessions]


def e1rm_rows(s: Session, profile_id: int, exercise_id: int) -> list[tuple[dt.date, float, int]]:
    """(date, weight_kg, reps) of every weighted set of one exercise, oldest first."""
    rows = s.execute(_E1RM_ROWS, {"profile_id": profile_id, "exercise_id": exercise_id})
    return [(day, weight, reps) for day, weight, reps in rows]


def load_history(
    s: Session,
    profile_id: int,
    *,
    today: dt.date,
    lift_names: Collection[str],
    window_days: int,
) -> History:
    """The engine's view of the past up to `today`, oldest first (see `History`).

    Sessions and conditioning attempts count when completed; lift sets count from any
    session but an abandoned one in [today - window_days, today]. A conditioning session
    whose plan has no valid conditioning block (an import, say) is not an attempt.
    """
    return History(
        sessions=_past_sessions(s, profile_id, today),
        lift_sets=_lift_sets(s, profile_id, today, lift_names, window_days),
        conditioning=_conditioning_attempts(s, profile_id, today),
        activity_dates=tuple(
            s.execute(_ACTIVITY_DATES, {"profile_id": profile_id, "today": today}).scalars()
        ),
    )


def _past_sessions(s: Session, profile_id: int, today: dt.date) -> tuple[PastSession, ...]:
    where = {"profile_id": profile_id, "today": today}
    patterns: dict[int, set[str]] = defaultdict(set)
    for session_id, pattern in s.execute(_SESSION_PATTERNS, where):
        patterns[session_id].add(pattern)
    return tuple(
        PastSession(date=day, archetype=archetype, patterns=frozenset(patterns.get(sid, ())))
        for sid, day, archetype in s.execute(_SESSIONS, where)
    )


def _logged(name: str, values: Iterable[Any]) -> LoggedSet:
    weight_kg, reps, seconds, distance_m, rpe, metadata = values
    return LoggedSet(
        exercise=name,
        weight_kg=weight_kg,
        reps=reps,
        seconds=seconds,
        distance_m=distance_m,
        rpe=rpe,
        metadata=metadata or {},
    )


def _lift_sets(
    s: Session, profile_id: int, today: dt.date, lift_names: Iterable[str], window_days: int
) -> dict[str, tuple[DatedSet, ...]]:
    keys = {name: alias_key(name) for name in lift_names}
    if not keys:
        return {}
    rows = s.execute(_EXERCISE_IDS, {"keys": sorted(set(keys.values()))})
    ids_by_key: dict[str, int] = {alias: exercise_id for alias, exercise_id in rows}
    names_by_id: dict[int, list[str]] = defaultdict(list)
    for name, key in keys.items():
        if key in ids_by_key:
            names_by_id[ids_by_key[key]].append(name)
    if not names_by_id:
        return {}
    lift_rows = s.execute(
        _LIFT_SETS,
        {
            "profile_id": profile_id,
            "exercise_ids": sorted(names_by_id),
            "since": today - dt.timedelta(days=window_days),
            "today": today,
        },
    )
    found: dict[str, list[DatedSet]] = defaultdict(list)
    for day, exercise_id, *values in lift_rows:
        for name in names_by_id[exercise_id]:
            found[name].append(DatedSet(date=day, set=_logged(name, values)))
    return {name: tuple(sets) for name, sets in found.items()}


def _conditioning_attempts(
    s: Session, profile_id: int, today: dt.date
) -> tuple[ConditioningAttempt, ...]:
    sessions = s.execute(_CONDITIONING_SESSIONS, {"profile_id": profile_id, "today": today}).all()
    prescriptions: dict[int, ConditioningPlan] = {}
    for session_id, _day, plan in sessions:
        try:
            prescriptions[session_id] = ConditioningPlan.model_validate(
                (plan or {})["conditioning"]
            )
        except (KeyError, TypeError, ValidationError):
            continue
    sets: dict[int, list[LoggedSet]] = defaultdict(list)
    for chunk in chunks(sorted(prescriptions)):
        rows = s.execute(_SESSION_SETS, {"session_ids": list(chunk)})
        for session_id, name, *values in rows:
            sets[session_id].append(_logged(name, values))
    return tuple(
        ConditioningAttempt(
            date=day, prescription=prescriptions[session_id], sets=tuple(sets.get(session_id, ()))
        )
        for session_id, day, _plan in sessions
        if session_id in prescriptions
    )
