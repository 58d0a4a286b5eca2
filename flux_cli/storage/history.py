"""History queries: the engine's `History`, listings for `flux history`, e1RM rows."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import Any

from pydantic import ValidationError
from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.orm import Session

from flux_cli.engine.types import (
    ConditioningAttempt,
    ConditioningPlan,
    DatedSet,
    History,
    LoggedSet,
    PastSession,
)
from flux_cli.storage.convert import session_record, set_record
from flux_cli.storage.exercises import resolve_exercise, resolve_exercises
from flux_cli.storage.models import Exercise, WorkoutSession, WorkoutSet
from flux_cli.storage.records import SessionWithSets, SetRecord

_CHUNK = 500  # ids per IN (...) list, well under SQLite's bound-parameter limit


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _sets_of(
    s: Session, session_ids: Sequence[int], exercise_id: int | None = None
) -> dict[int, list[SetRecord]]:
    """The sets of the given sessions, in order, grouped by session id."""
    grouped: dict[int, list[SetRecord]] = defaultdict(list)
    for chunk in _chunks(session_ids):
        query = (
            select(WorkoutSet, Exercise.name)
            .join(Exercise, WorkoutSet.exercise_id == Exercise.id)
            .where(WorkoutSet.session_id.in_(chunk))
            .order_by(WorkoutSet.session_id, WorkoutSet.position, WorkoutSet.id)
        )
        if exercise_id is not None:
            query = query.where(WorkoutSet.exercise_id == exercise_id)
        for row, name in s.execute(query):
            grouped[row.session_id].append(set_record(row, name))
    return grouped


def list_history(
    s: Session,
    profile_id: int,
    *,
    exercise: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = None,
) -> list[SessionWithSets]:
    """Sessions newest first with their sets; with `exercise`, only sessions and sets of it.

    `since` and `until` are inclusive; `limit` counts sessions. An unknown exercise
    matches nothing (services check names first to suggest the right one).
    """
    query = select(WorkoutSession).where(WorkoutSession.profile_id == profile_id)
    exercise_id = None
    if exercise is not None:
        found = resolve_exercise(s, exercise)
        if found is None:
            return []
        exercise_id = found.id
        query = query.where(
            exists().where(
                WorkoutSet.session_id == WorkoutSession.id, WorkoutSet.exercise_id == exercise_id
            )
        )
    if since is not None:
        query = query.where(WorkoutSession.date >= since)
    if until is not None:
        query = query.where(WorkoutSession.date <= until)
    query = query.order_by(WorkoutSession.date.desc(), WorkoutSession.id.desc())
    if limit is not None:
        query = query.limit(limit)
    sessions = [session_record(row) for row in s.scalars(query)]
    sets = _sets_of(s, [session.id for session in sessions], exercise_id)
    return [SessionWithSets(session, tuple(sets.get(session.id, ()))) for session in sessions]


def e1rm_rows(s: Session, profile_id: int, exercise_id: int) -> list[tuple[dt.date, float, int]]:
    """(date, weight_kg, reps) of every weighted set of one exercise, oldest first.

    Reads only these three columns through the (exercise_id, session_id) index.
    """
    rows = s.execute(
        select(WorkoutSession.date, WorkoutSet.weight_kg, WorkoutSet.reps)
        .join(WorkoutSession, WorkoutSet.session_id == WorkoutSession.id)
        .where(
            WorkoutSet.exercise_id == exercise_id,
            WorkoutSession.profile_id == profile_id,
            WorkoutSet.weight_kg.is_not(None),
            WorkoutSet.reps > 0,
        )
        .order_by(WorkoutSession.date, WorkoutSet.id)
    )
    return [
        (day, weight, reps) for day, weight, reps in rows if weight is not None and reps is not None
    ]


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
    session in [today - window_days, today]. A conditioning session whose plan has no
    valid conditioning block (an import, say) is not an attempt.
    """
    return History(
        sessions=_past_sessions(s, profile_id, today),
        lift_sets=_lift_sets(s, profile_id, today, lift_names, window_days),
        conditioning=_conditioning_attempts(s, profile_id, today),
    )


def _completed_until(profile_id: int, today: dt.date) -> tuple[ColumnElement[bool], ...]:
    return (
        WorkoutSession.profile_id == profile_id,
        WorkoutSession.status == "completed",
        WorkoutSession.date <= today,
    )


def _past_sessions(s: Session, profile_id: int, today: dt.date) -> tuple[PastSession, ...]:
    completed = _completed_until(profile_id, today)
    patterns: dict[int, set[str]] = defaultdict(set)
    pattern_rows = s.execute(
        select(WorkoutSet.session_id, Exercise.pattern)
        .join(Exercise, WorkoutSet.exercise_id == Exercise.id)
        .join(WorkoutSession, WorkoutSet.session_id == WorkoutSession.id)
        .where(*completed, Exercise.pattern.is_not(None))
        .distinct()
    )
    for session_id, pattern in pattern_rows:
        if pattern:
            patterns[session_id].add(pattern)
    sessions = s.execute(
        select(WorkoutSession.id, WorkoutSession.date, WorkoutSession.archetype)
        .where(*completed)
        .order_by(WorkoutSession.date, WorkoutSession.id)
    )
    return tuple(
        PastSession(date=day, archetype=archetype, patterns=frozenset(patterns.get(sid, ())))
        for sid, day, archetype in sessions
    )


_LOGGED_COLUMNS = (
    WorkoutSet.weight_kg,
    WorkoutSet.reps,
    WorkoutSet.seconds,
    WorkoutSet.distance_m,
    WorkoutSet.rpe,
    WorkoutSet.meta,
)


def _logged_from(
    name: str,
    weight_kg: float | None,
    reps: int | None,
    seconds: float | None,
    distance_m: float | None,
    rpe: float | None,
    meta: dict[str, Any] | None,
) -> LoggedSet:
    return LoggedSet(
        exercise=name,
        weight_kg=weight_kg,
        reps=reps,
        seconds=seconds,
        distance_m=distance_m,
        rpe=rpe,
        metadata=meta or {},
    )


def _lift_sets(
    s: Session, profile_id: int, today: dt.date, lift_names: Iterable[str], window_days: int
) -> dict[str, tuple[DatedSet, ...]]:
    # plain column rows, not ORM instances: this runs on every `flux plan`
    names_by_id: dict[int, list[str]] = defaultdict(list)
    for name, exercise in resolve_exercises(s, lift_names).items():
        names_by_id[exercise.id].append(name)
    if not names_by_id:
        return {}
    rows = s.execute(
        select(WorkoutSession.date, WorkoutSet.exercise_id, *_LOGGED_COLUMNS)
        .join(WorkoutSession, WorkoutSet.session_id == WorkoutSession.id)
        .where(
            WorkoutSession.profile_id == profile_id,
            WorkoutSet.exercise_id.in_(names_by_id),
            WorkoutSession.date >= today - dt.timedelta(days=window_days),
            WorkoutSession.date <= today,
        )
        .order_by(WorkoutSession.date, WorkoutSet.session_id, WorkoutSet.position)
    )
    found: dict[str, list[DatedSet]] = defaultdict(list)
    for day, exercise_id, *values in rows:
        for name in names_by_id[exercise_id]:
            found[name].append(DatedSet(date=day, set=_logged_from(name, *values)))
    return {name: tuple(sets) for name, sets in found.items()}


def _conditioning_attempts(
    s: Session, profile_id: int, today: dt.date
) -> tuple[ConditioningAttempt, ...]:
    sessions = s.execute(
        select(WorkoutSession.id, WorkoutSession.date, WorkoutSession.plan)
        .where(
            *_completed_until(profile_id, today),
            WorkoutSession.conditioning_protocol.is_not(None),
        )
        .order_by(WorkoutSession.date, WorkoutSession.id)
    ).all()
    prescriptions: dict[int, ConditioningPlan] = {}
    for session_id, _day, plan in sessions:
        try:
            prescriptions[session_id] = ConditioningPlan.model_validate(
                (plan or {})["conditioning"]
            )
        except (KeyError, TypeError, ValidationError):
            continue
    sets: dict[int, list[LoggedSet]] = defaultdict(list)
    for chunk in _chunks(list(prescriptions)):
        rows = s.execute(
            select(WorkoutSet.session_id, Exercise.name, *_LOGGED_COLUMNS)
            .join(Exercise, WorkoutSet.exercise_id == Exercise.id)
            .where(WorkoutSet.session_id.in_(chunk))
            .order_by(WorkoutSet.session_id, WorkoutSet.position, WorkoutSet.id)
        )
        for session_id, name, *values in rows:
            sets[session_id].append(_logged_from(name, *values))
    return tuple(
        ConditioningAttempt(
            date=day,
            prescription=prescriptions[session_id],
            sets=tuple(sets.get(session_id, ())),
        )
        for session_id, day, _plan in sessions
        if session_id in prescriptions
    )
