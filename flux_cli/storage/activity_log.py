"""Imported activities read back for `flux history`, newest first."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from flux_cli.storage.models import Activity
from flux_cli.storage.records import ActivityRecord


def list_activities(
    s: Session,
    profile_id: int,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = None,
) -> list[ActivityRecord]:
    """The profile's activities newest first; `since` and `until` are inclusive."""
    table = Activity.__table__
    query = select(table).where(table.c.profile_id == profile_id)
    if since is not None:
        query = query.where(table.c.date >= since)
    if until is not None:
        query = query.where(table.c.date <= until)
    query = query.order_by(table.c.date.desc(), table.c.started_at.desc(), table.c.id.desc())
    if limit is not None:
        query = query.limit(limit)
    return [
        ActivityRecord(
            source=row.source,
            external_id=row.external_id,
            kind=row.kind,
            date=row.date,
            started_at=row.started_at,
            name=row.name,
            elapsed_s=row.elapsed_s,
            moving_s=row.moving_s,
            distance_m=row.distance_m,
            avg_hr=row.avg_hr,
            max_hr=row.max_hr,
            avg_watts=row.avg_watts,
            notes=row.notes,
            metadata=dict(row._mapping["metadata"] or {}),
        )
        for row in s.execute(query)
    ]
