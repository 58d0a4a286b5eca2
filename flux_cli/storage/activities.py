"""Endurance activities from other apps (a Strava ride), as the engine and listings need them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Connection, Date, DateTime, bindparam, text

from flux_cli.storage.listing import dated_listing
from flux_cli.storage.records import ActivityRecord, activity_record

if TYPE_CHECKING:
    from flux_cli.storage.unit_of_work import SqlUnitOfWork

_LAST_BEFORE = (
    text("SELECT MAX(date) AS date FROM activities WHERE profile_id = :profile_id AND date < :day")
    .bindparams(bindparam("day", type_=Date))
    .columns(date=Date)
)


_COLUMNS = (
    "source, external_id, kind, date, started_at, name, elapsed_s, moving_s, distance_m,"
    " avg_hr, max_hr, avg_watts, notes, metadata AS meta"
)


class ActivityRepository:
    def __init__(self, uow: SqlUnitOfWork) -> None:
        self._uow = uow

    def history(
        self,
        profile_id: int,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = None,
    ) -> list[ActivityRecord]:
        """The profile's activities newest first; `since` and `until` are inclusive."""
        where = ["profile_id = :profile_id"]
        values: dict[str, object] = {"profile_id": profile_id}
        query = dated_listing(
            f"SELECT {_COLUMNS} FROM activities",
            where,
            values,
            date_column="date",
            order_by="date DESC, started_at DESC, id DESC",
            since=since,
            until=until,
            limit=limit,
            types={"date": Date, "started_at": DateTime, "meta": JSON},
        )
        return [activity_record(row) for row in self._uow.connection.execute(query, values)]

    def last_before(self, profile_id: int, day: dt.date) -> dt.date | None:
        """The latest day before `day` with an activity, or None."""
        return last_activity_before(self._uow.connection, profile_id, day)


def last_activity_before(connection: Connection, profile_id: int, day: dt.date) -> dt.date | None:
    """The latest day before `day` with an activity (one index probe), or None."""
    found = connection.execute(_LAST_BEFORE, {"profile_id": profile_id, "day": day}).scalar()
    return found if isinstance(found, dt.date) else None
