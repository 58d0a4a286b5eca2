"""The read side of `flux export`: finished sessions with their sets, and activities.

Rows come out oldest first and in batches, so an export of a large history streams.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from flux_cli.storage.imports import portable_session_id
from flux_cli.storage.models import Activity, Exercise, WorkoutSession, WorkoutSet
from flux_cli.storage.records import (
    ActivityRecord,
    StoredSet,
    StoredWorkout,
    activity_record,
    chunks,
)

EXPORTED_STATUSES = ("completed", "abandoned")

_WORKOUT_COLUMNS = (
    WorkoutSession.id,
    WorkoutSession.external_id,
    WorkoutSession.source,
    WorkoutSession.date,
    WorkoutSession.status,
    WorkoutSession.started_at,
    WorkoutSession.ended_at,
    WorkoutSession.session_name,
    WorkoutSession.archetype,
    WorkoutSession.state,
    WorkoutSession.anchor_pattern,
    WorkoutSession.conditioning_protocol,
    WorkoutSession.notes,
    WorkoutSession.meta,
    WorkoutSession.plan,
    WorkoutSession.result,
)


def exported_workouts(
    s: Session,
    profile: int,
    *,
    since: dt.date | None = None,
    exercise_id: int | None = None,
    batch: int = 200,
) -> Iterator[StoredWorkout]:
    """Finished sessions with sets, oldest first, with their sets (only `exercise_id`'s)."""
    query = select(*_WORKOUT_COLUMNS).where(
        WorkoutSession.profile_id == profile,
        WorkoutSession.status.in_(EXPORTED_STATUSES),
        exists().where(WorkoutSet.session_id == WorkoutSession.id),
    )
    if since is not None:
        query = query.where(WorkoutSession.date >= since)
    if exercise_id is not None:
        query = query.where(
            exists().where(
                WorkoutSet.session_id == WorkoutSession.id, WorkoutSet.exercise_id == exercise_id
            )
        )
    query = query.order_by(
        WorkoutSession.date, WorkoutSession.started_at.asc().nulls_first(), WorkoutSession.id
    )
    result = s.execute(query.execution_options(yield_per=batch))
    for partition in result.partitions():
        sets = _stored_sets(s, [row.id for row in partition], exercise_id)
        for row in partition:
            yield StoredWorkout(
                portable_id=row.external_id
                or portable_session_id(row.started_at, row.date, row.session_name),
                source=row.source,
                date=row.date,
                status=row.status,
                started_at=row.started_at,
                ended_at=row.ended_at,
                session_name=row.session_name,
                archetype=row.archetype,
                state=row.state,
                anchor_pattern=row.anchor_pattern,
                conditioning_protocol=row.conditioning_protocol,
                notes=row.notes,
                metadata=row.meta,
                plan=row.plan,
                result=row.result,
                sets=tuple(sets.get(row.id, ())),
            )


def _stored_sets(
    s: Session, session_ids: Sequence[int], exercise_id: int | None
) -> dict[int, list[StoredSet]]:
    grouped: dict[int, list[StoredSet]] = defaultdict(list)
    for chunk in chunks(session_ids):
        query = (
            select(
                WorkoutSet.session_id,
                WorkoutSet.position,
                Exercise.name,
                WorkoutSet.weight_kg,
                WorkoutSet.reps,
                WorkoutSet.seconds,
                WorkoutSet.distance_m,
                WorkoutSet.rpe,
                WorkoutSet.meta,
                WorkoutSet.logged_at,
            )
            .join(Exercise, WorkoutSet.exercise_id == Exercise.id)
            .where(WorkoutSet.session_id.in_(chunk))
            .order_by(WorkoutSet.session_id, WorkoutSet.position, WorkoutSet.id)
        )
        if exercise_id is not None:
            query = query.where(WorkoutSet.exercise_id == exercise_id)
        for row in s.execute(query):
            grouped[row.session_id].append(
                StoredSet(
                    position=row.position,
                    exercise=row.name,
                    weight_kg=row.weight_kg,
                    reps=row.reps,
                    seconds=row.seconds,
                    distance_m=row.distance_m,
                    rpe=row.rpe,
                    metadata=dict(row.meta or {}),
                    logged_at=row.logged_at,
                )
            )
    return grouped


def exported_activities(
    s: Session, profile: int, *, since: dt.date | None = None
) -> Iterator[ActivityRecord]:
    """The profile's activities, oldest first."""
    query = select(Activity).where(Activity.profile_id == profile)
    if since is not None:
        query = query.where(Activity.date >= since)
    query = query.order_by(Activity.started_at, Activity.id)
    for row in s.scalars(query.execution_options(yield_per=500)):
        yield activity_record(row)
