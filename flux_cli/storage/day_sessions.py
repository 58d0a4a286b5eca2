"""A day's sessions: what `session start` checks (one done already?) and adopting a plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from flux_cli.storage.models import WorkoutSession, WorkoutSet
from flux_cli.storage.records import SessionRecord, session_record


def completed_on(s: Session, profile_id: int, day: dt.date) -> SessionRecord | None:
    """The profile's latest completed session on `day`, or None."""
    row = s.scalars(
        select(WorkoutSession)
        .where(
            WorkoutSession.profile_id == profile_id,
            WorkoutSession.date == day,
            WorkoutSession.status == "completed",
        )
        .order_by(WorkoutSession.id.desc())
        .limit(1)
    ).first()
    return session_record(row) if row else None


def count_sets(s: Session, session_id: int) -> int:
    """How many sets a session holds."""
    return int(
        s.scalar(select(func.count(WorkoutSet.id)).where(WorkoutSet.session_id == session_id)) or 0
    )


def adopt_plan(
    s: Session,
    session_id: int,
    *,
    state: str,
    archetype: str,
    session_name: str,
    anchor_pattern: str | None,
    conditioning_protocol: str | None,
    plan: Mapping[str, Any],
) -> SessionRecord:
    """Give a session without a plan (an ad-hoc one) the day's plan; its sets stay."""
    row = s.get_one(WorkoutSession, session_id)
    row.state = state
    row.archetype = archetype
    row.session_name = session_name
    row.anchor_pattern = anchor_pattern
    row.conditioning_protocol = conditioning_protocol
    row.plan = dict(plan)
    s.flush()
    return session_record(row)
