"""Storage the dashboard needs beyond the CLI's: taking back the last set of a session."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from flux_cli.storage.convert import set_record
from flux_cli.storage.models import Exercise, WorkoutSession, WorkoutSet
from flux_cli.storage.records import SetRecord


def delete_last_set(s: Session, session_id: int) -> SetRecord | None:
    """Remove the session's last set (highest position) and return it, or None when empty."""
    # Lock the session row (PostgreSQL) so a concurrent logger cannot interleave.
    s.execute(select(WorkoutSession.id).where(WorkoutSession.id == session_id).with_for_update())
    found = s.execute(
        select(WorkoutSet, Exercise.name)
        .join(Exercise, WorkoutSet.exercise_id == Exercise.id)
        .where(WorkoutSet.session_id == session_id)
        .order_by(WorkoutSet.position.desc(), WorkoutSet.id.desc())
        .limit(1)
    ).first()
    if found is None:
        return None
    row, name = found
    record = set_record(row, name)
    s.delete(row)
    s.flush()
    return record
