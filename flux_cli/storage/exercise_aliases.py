"""Changing what a name means: point an alias at an exercise, fold a custom one into another."""

from __future__ import annotations

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from flux_cli.storage.models import Exercise, ExerciseAlias, WorkoutSet
from flux_cli.storage.records import alias_key


def point_alias(s: Session, name: str, exercise_id: int) -> None:
    """Make `name` (any case) resolve to `exercise_id`, adding or moving its alias row."""
    key = alias_key(name)
    row = s.get(ExerciseAlias, key)
    if row is None:
        s.add(ExerciseAlias(alias=key, exercise_id=exercise_id))
    else:
        row.exercise_id = exercise_id
    s.flush()


def merge_exercise(s: Session, source_id: int, target_id: int) -> int:
    """Move every set and alias of exercise `source_id` to `target_id`, then delete it.

    Returns how many sets moved (across all profiles: exercises are shared).
    """
    moved = s.scalar(select(func.count()).where(WorkoutSet.exercise_id == source_id)) or 0
    s.execute(
        update(WorkoutSet).where(WorkoutSet.exercise_id == source_id).values(exercise_id=target_id)
    )
    s.execute(
        update(ExerciseAlias)
        .where(ExerciseAlias.exercise_id == source_id)
        .values(exercise_id=target_id)
    )
    s.execute(delete(Exercise).where(Exercise.id == source_id))
    s.expire_all()
    return int(moved)


def set_counts(s: Session, exercise_ids: list[int]) -> dict[int, int]:
    """How many sets (all profiles) each exercise has."""
    rows = s.execute(
        select(WorkoutSet.exercise_id, func.count())
        .where(WorkoutSet.exercise_id.in_(exercise_ids))
        .group_by(WorkoutSet.exercise_id)
    )
    return {exercise_id: count for exercise_id, count in rows}
