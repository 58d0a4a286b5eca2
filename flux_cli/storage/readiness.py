"""Readiness check-ins: one per profile and day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Date, DateTime, bindparam, text

from flux_cli.storage.records import ReadinessRecord, utc

if TYPE_CHECKING:
    from flux_cli.storage.unit_of_work import SqlUnitOfWork

_GET = (
    text(
        "SELECT id, profile_id, date, inputs, state, recorded_at, minutes, equipment"
        " FROM readiness_logs"
        " WHERE profile_id = :profile_id AND date = :day"
    )
    .bindparams(bindparam("day", type_=Date))
    .columns(date=Date, inputs=JSON, recorded_at=DateTime)
)


class ReadinessRepository:
    def __init__(self, uow: SqlUnitOfWork) -> None:
        self._uow = uow

    def get(self, profile_id: int, day: dt.date) -> ReadinessRecord | None:
        """The profile's check-in on `day`, or None."""
        row = self._uow.connection.execute(_GET, {"profile_id": profile_id, "day": day}).first()
        if row is None:
            return None
        return ReadinessRecord(
            id=row.id,
            profile_id=row.profile_id,
            date=row.date,
            inputs=dict(row.inputs),
            state=row.state,
            recorded_at=utc(row.recorded_at),
            minutes=row.minutes,
            equipment=row.equipment,
        )

    def save(
        self,
        profile_id: int,
        day: dt.date,
        inputs: Mapping[str, float],
        state: str,
        *,
        minutes: int | None = None,
        equipment: str | None = None,
    ) -> ReadinessRecord:
        """Record the day's check-in (with its budget and equipment, if given); a second
        check-in the same day replaces the first, all of it."""
        from flux_cli.storage.models import ReadinessLog, insert_for, utcnow

        insert = insert_for(self._uow.dialect, ReadinessLog).values(
            profile_id=profile_id,
            date=day,
            inputs=dict(inputs),
            state=state,
            recorded_at=utcnow(),
            minutes=minutes,
            equipment=equipment,
        )
        self._uow.connection.execute(
            insert.on_conflict_do_update(
                index_elements=["profile_id", "date"],
                set_={
                    "inputs": insert.excluded.inputs,
                    "state": insert.excluded.state,
                    "recorded_at": insert.excluded.recorded_at,
                    "minutes": insert.excluded.minutes,
                    "equipment": insert.excluded.equipment,
                },
            )
        )
        record = self.get(profile_id, day)
        assert record is not None
        return record
