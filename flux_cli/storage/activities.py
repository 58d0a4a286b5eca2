"""Endurance activities from other apps (a Strava ride), as the engine and listings need them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Date, bindparam, text

if TYPE_CHECKING:
    from flux_cli.storage.unit_of_work import SqlUnitOfWork

_LAST_BEFORE = (
    text("SELECT MAX(date) AS date FROM activities WHERE profile_id = :profile_id AND date < :day")
    .bindparams(bindparam("day", type_=Date))
    .columns(date=Date)
)


class ActivityRepository:
    def __init__(self, uow: SqlUnitOfWork) -> None:
        self._uow = uow

    def last_before(self, profile_id: int, day: dt.date) -> dt.date | None:
        """The latest day before `day` with an activity, or None."""
        return last_activity_before(self._uow.connection, profile_id, day)


def last_activity_before(connection: Connection, profile_id: int, day: dt.date) -> dt.date | None:
    """The latest day before `day` with an activity (one index probe), or None."""
    found = connection.execute(_LAST_BEFORE, {"profile_id": profile_id, "day": day}).scalar()
    return found if isinstance(found, dt.date) else None
