"""History queries: the engine's `History`, listings for `flux history`, e1RM rows."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from flux_cli.storage.convert import session_record, set_record
from flux_cli.storage.exercises import resolve_exercise
from flux_cli.storage.models import Exercise, WorkoutSession, WorkoutSet
from flux_cli.storage.records import SessionWithSets, SetRecord, chunks


def _sets_of(
    s: Session, session_ids: Sequence[int], exercise_id: int | None = None
) -> dict[int, list[SetRecord]]:
    """The sets of the given sessions, in order, grouped by session id."""
    grouped: dict[int, list[SetRecord]] = defaultdict(list)
    for chunk in chunks(session_ids):
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
    status: str | None = None,
) -> list[SessionWithSets]:
    """Sessions newest first with their sets; with `exercise`, only sessions and sets of it.

    `since` and `until` are inclusive; `status` keeps one status; `limit` counts sessions.
    An unknown exercise matches nothing (services check names first to suggest the right one).
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
    if status is not None:
        query = query.where(WorkoutSession.status == status)
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
