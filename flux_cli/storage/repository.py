"""Repository functions over one unit of work's `Session`; they return plain records.

Everything that belongs to an athlete is looked up through its profile, so one profile
never sees another's data. Exercise and history queries live in `exercises` and
`history` and are re-exported here: services import this one module.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from flux_cli.storage.convert import (
    profile_record,
    rule_set_record,
    session_record,
    set_record,
)
from flux_cli.storage.exercises import (
    get_exercise,
    list_exercises,
    resolve_exercise,
    resolve_exercises,
    suggest_exercises,
    upsert_exercises,
)
from flux_cli.storage.history import list_history
from flux_cli.storage.models import (
    SESSION_STATUSES,
    Base,
    Exercise,
    Profile,
    ReadinessLog,
    RuleSet,
    WorkoutSession,
    WorkoutSet,
    utcnow,
)
from flux_cli.storage.reads import (
    e1rm_rows,
    find_profile,
    get_active_rule_set,
    get_readiness,
    load_history,
)
from flux_cli.storage.records import (
    NewSet,
    ProfileRecord,
    ReadinessRecord,
    RuleSetRecord,
    SessionRecord,
    SessionStatus,
    SetRecord,
    alias_key,
)

__all__ = [
    "add_sets",
    "alias_key",
    "create_session",
    "e1rm_rows",
    "find_profile",
    "finish_session",
    "get_active_rule_set",
    "get_active_session",
    "get_exercise",
    "get_or_create_profile",
    "get_readiness",
    "get_session",
    "list_exercises",
    "list_history",
    "list_sets",
    "load_history",
    "lock_profile",
    "resolve_exercise",
    "resolve_exercises",
    "save_readiness",
    "save_rule_set",
    "start_session",
    "suggest_exercises",
    "update_profile_settings",
    "upsert_exercises",
]


def _insert(s: Session, model: type[Base]) -> Any:
    """The dialect's INSERT for `model` (both back ends support ON CONFLICT)."""
    if s.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        return postgresql_insert(model)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(model)


# ---------------------------------------------------------------------------- profiles


def get_or_create_profile(s: Session, name: str) -> ProfileRecord:
    """The profile called `name`, created with empty settings on first use."""
    query = select(Profile).where(Profile.name == name)
    row = s.scalars(query).first()
    if row is None:
        # ON CONFLICT: a concurrent PostgreSQL transaction may create it first.
        insert = _insert(s, Profile).values(name=name, settings={}, created_at=utcnow())
        s.execute(insert.on_conflict_do_nothing(index_elements=["name"]))
        row = s.scalars(query).one()
    return profile_record(row)


def lock_profile(s: Session, profile_id: int) -> None:
    """Serialise this unit of work with others on the same profile (PostgreSQL row lock).

    SQLite needs nothing: its write transactions already begin IMMEDIATE.
    """
    s.execute(select(Profile.id).where(Profile.id == profile_id).with_for_update())


def update_profile_settings(
    s: Session, profile_id: int, settings: Mapping[str, Any]
) -> ProfileRecord:
    """Replace the profile's settings."""
    row = s.get_one(Profile, profile_id)
    row.settings = dict(settings)
    s.flush()
    return profile_record(row)


# ---------------------------------------------------------------------------- readiness


def save_readiness(
    s: Session, profile_id: int, day: dt.date, inputs: Mapping[str, float], state: str
) -> ReadinessRecord:
    """Record the day's check-in; a second check-in the same day replaces the first."""
    insert = _insert(s, ReadinessLog).values(
        profile_id=profile_id, date=day, inputs=dict(inputs), state=state, recorded_at=utcnow()
    )
    s.execute(
        insert.on_conflict_do_update(
            index_elements=["profile_id", "date"],
            set_={
                "inputs": insert.excluded.inputs,
                "state": insert.excluded.state,
                "recorded_at": insert.excluded.recorded_at,
            },
        )
    )
    record = get_readiness(s, profile_id, day)
    assert record is not None
    return record


# ---------------------------------------------------------------------------- sessions


def get_active_session(s: Session, profile_id: int) -> SessionRecord | None:
    """The profile's active session (the latest, should there be several)."""
    row = s.scalars(
        select(WorkoutSession)
        .where(WorkoutSession.profile_id == profile_id, WorkoutSession.status == "active")
        .order_by(WorkoutSession.date.desc(), WorkoutSession.id.desc())
    ).first()
    return session_record(row) if row else None


def get_session(s: Session, profile_id: int, session_id: int) -> SessionRecord | None:
    row = s.scalars(
        select(WorkoutSession).where(
            WorkoutSession.id == session_id, WorkoutSession.profile_id == profile_id
        )
    ).first()
    return session_record(row) if row else None


def create_session(
    s: Session,
    profile_id: int,
    *,
    day: dt.date,
    status: SessionStatus,
    state: str | None = None,
    archetype: str | None = None,
    session_name: str | None = None,
    anchor_pattern: str | None = None,
    conditioning_protocol: str | None = None,
    plan: Mapping[str, Any] | None = None,
    source: str = "flux",
    external_id: str | None = None,
    started_at: dt.datetime | None = None,
    ended_at: dt.datetime | None = None,
) -> SessionRecord:
    """A new session; an `active` one is stamped as started now unless told otherwise."""
    _check_status(status)
    if started_at is None and status == "active":
        started_at = utcnow()
    row = WorkoutSession(
        profile_id=profile_id,
        date=day,
        status=status,
        state=state,
        archetype=archetype,
        session_name=session_name,
        anchor_pattern=anchor_pattern,
        conditioning_protocol=conditioning_protocol,
        plan=dict(plan) if plan is not None else None,
        source=source,
        external_id=external_id,
        started_at=started_at,
        ended_at=ended_at,
    )
    s.add(row)
    s.flush()
    return session_record(row)


def start_session(s: Session, session_id: int) -> SessionRecord:
    """Turn a planned session into the active one, started now."""
    row = s.get_one(WorkoutSession, session_id)
    row.status = "active"
    row.started_at = row.started_at or utcnow()
    s.flush()
    return session_record(row)


def finish_session(
    s: Session, session_id: int, status: SessionStatus, result: Mapping[str, Any] | None
) -> SessionRecord:
    """Close a session as `completed` or `abandoned`, keeping the completion verdict."""
    if status not in ("completed", "abandoned"):
        raise ValueError(f"a session finishes as completed or abandoned, not {status!r}")
    row = s.get_one(WorkoutSession, session_id)
    row.status = status
    row.result = dict(result) if result is not None else None
    row.ended_at = utcnow()
    s.flush()
    return session_record(row)


def _check_status(status: str) -> None:
    if status not in SESSION_STATUSES:
        raise ValueError(f"unknown session status {status!r}")


# ---------------------------------------------------------------------------- sets


def add_sets(s: Session, session_id: int, sets: Sequence[NewSet]) -> list[SetRecord]:
    """Append sets to a session; positions continue after its last set."""
    # Lock the session row (PostgreSQL) so concurrent loggers cannot take the same positions.
    s.execute(select(WorkoutSession.id).where(WorkoutSession.id == session_id).with_for_update())
    last = s.scalar(
        select(func.max(WorkoutSet.position)).where(WorkoutSet.session_id == session_id)
    )
    now = utcnow()
    rows = [
        WorkoutSet(
            session_id=session_id,
            exercise_id=new.exercise_id,
            position=(last or 0) + offset,
            weight_kg=_float(new.weight_kg),
            reps=None if new.reps is None else int(new.reps),
            seconds=_float(new.seconds),
            distance_m=_float(new.distance_m),
            rpe=_float(new.rpe),
            meta=dict(new.metadata),
            logged_at=new.logged_at or now,
        )
        for offset, new in enumerate(sets, start=1)
    ]
    s.add_all(rows)
    s.flush()
    names = dict(
        s.execute(
            select(Exercise.id, Exercise.name).where(Exercise.id.in_({r.exercise_id for r in rows}))
        ).all()
    )
    return [set_record(row, names[row.exercise_id]) for row in rows]


def _float(value: float | None) -> float | None:
    return None if value is None else float(value)


def list_sets(s: Session, session_id: int) -> list[SetRecord]:
    """A session's sets in order, each with its exercise's name."""
    rows = s.execute(
        select(WorkoutSet, Exercise.name)
        .join(Exercise, WorkoutSet.exercise_id == Exercise.id)
        .where(WorkoutSet.session_id == session_id)
        .order_by(WorkoutSet.position, WorkoutSet.id)
    ).all()
    return [set_record(row, name) for row, name in rows]


# ---------------------------------------------------------------------------- rule sets


def save_rule_set(s: Session, text: str) -> tuple[RuleSetRecord, bool]:
    """Store a rules file (once per content) and make it the active one; (record, created)."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    row = s.scalars(select(RuleSet).where(RuleSet.sha256 == digest)).first()
    created = row is None
    if row is None:
        row = RuleSet(text=text, sha256=digest, active=False)
        s.add(row)
        s.flush()
    s.execute(update(RuleSet).where(RuleSet.id != row.id, RuleSet.active).values(active=False))
    row.active = True
    s.flush()
    return rule_set_record(row), created
