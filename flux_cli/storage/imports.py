"""The write side of `flux import`: stored ids, exercise names, bulk inserts at driver speed.

An import writes hundreds of thousands of rows in a short-lived process, so this module
uses neither the ORM models (loading and configuring them costs more than a small import)
nor Core's per-row parameter processing (its JSON and datetime bind processors cost more
than the inserts): rows reach the driver's executemany already in the form the models'
types would store (`ImportStore.timestamp`, `day`, `json_text`). Session ids are allocated
up front (SQLite: after MAX(id), under the write lock every flux write transaction takes;
PostgreSQL: from the id sequence), so sets need no RETURNING round trip.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from sqlalchemy import text
from sqlalchemy.orm import Session

from flux_cli.storage.records import Tracking, alias_key

DbTime = Any
"""A timestamp in the driver's form (`ImportStore.timestamp`): SQLite text, PostgreSQL aware."""
DbDate = Any
"""A date in the driver's form (`ImportStore.day`)."""


class SessionRow(NamedTuple):
    """One `workout_sessions` row an import writes; JSON columns as text (or None)."""

    id: int
    profile_id: int
    date: DbDate
    status: str
    state: str | None
    archetype: str | None
    session_name: str | None
    anchor_pattern: str | None
    conditioning_protocol: str | None
    plan: str | None
    result: str | None
    source: str
    external_id: str
    started_at: DbTime
    ended_at: DbTime | None
    notes: str | None
    metadata: str | None


class SetRow(NamedTuple):
    """One `workout_sets` row an import writes; `metadata` as JSON text."""

    session_id: int
    exercise_id: int
    position: int
    weight_kg: float | None
    reps: int | None
    seconds: float | None
    distance_m: float | None
    rpe: float | None
    metadata: str
    logged_at: DbTime


class ActivityRow(NamedTuple):
    """One `activities` row an import writes; `metadata` as JSON text."""

    profile_id: int
    source: str
    external_id: str
    kind: str
    date: DbDate
    started_at: DbTime
    elapsed_s: float | None
    moving_s: float | None
    distance_m: float | None
    avg_hr: float | None
    max_hr: float | None
    avg_watts: float | None
    name: str
    notes: str | None
    metadata: str


# PostgreSQL session ids are fetched from the sequence in blocks that double from 1 up to
# this cap: a sequence never takes numbers back, so a fixed block of 1000 made the next
# session after a one-workout import #1001. Doubling wastes fewer numbers than it imports.
_ID_BLOCK = 1000


def portable_session_id(started_at: dt.datetime | None, day: dt.date, name: str | None) -> str:
    """The id `flux export` gives a session flux itself recorded (it has no external id)."""
    moment = started_at.astimezone(dt.UTC).isoformat() if started_at else day.isoformat()
    key = f"{moment}\x1f{' '.join((name or '').split())}"
    return "flux-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def json_text(value: Any) -> str:
    return json.dumps(value)


class ImportStore:
    """Everything an import reads and writes, inside the caller's unit of work."""

    def __init__(self, s: Session) -> None:
        self._session = s
        dialect = s.get_bind().dialect
        self.sqlite = dialect.name == "sqlite"
        self._marker = "?" if dialect.paramstyle == "qmark" else "%s"
        self._free_ids: list[int] = []
        self._id_block = 1
        self._next_id: int | None = None

    # ------------------------------------------------------------------ driver forms

    def timestamp(self, moment: dt.datetime) -> Any:
        """`moment` as `UTCDateTime` stores it: naive UTC text on SQLite, aware on PostgreSQL."""
        utc = moment.astimezone(dt.UTC)
        if self.sqlite:  # SQLAlchemy's SQLite DATETIME text: `2024-05-01 10:00:00.000000`
            return utc.replace(tzinfo=None).isoformat(" ", "microseconds")
        return utc

    def day(self, value: dt.date) -> Any:
        return value.isoformat() if self.sqlite else value

    # ------------------------------------------------------------------ reads

    def stored_workout_ids(self, profile_id: int, source: str) -> set[str]:
        """External ids of the profile's sessions from `source`; for flux, native ones too."""
        ids = set(
            self._session.execute(
                text(
                    "SELECT external_id FROM workout_sessions WHERE profile_id = :profile"
                    " AND source = :source AND external_id IS NOT NULL"
                ),
                {"profile": profile_id, "source": source},
            ).scalars()
        )
        if source == "flux":
            from sqlalchemy import Date, DateTime

            from flux_cli.storage.models import UTCDateTime

            native = self._session.execute(
                text(
                    "SELECT started_at, date, session_name FROM workout_sessions"
                    " WHERE profile_id = :profile AND source = 'flux' AND external_id IS NULL"
                ).columns(started_at=UTCDateTime if self.sqlite else DateTime, date=Date),
                {"profile": profile_id},
            )
            ids.update(portable_session_id(*row) for row in native)
        return ids

    def stored_activity_ids(self, profile_id: int, source: str) -> set[str]:
        return set(
            self._session.execute(
                text(
                    "SELECT external_id FROM activities"
                    " WHERE profile_id = :profile AND source = :source"
                ),
                {"profile": profile_id, "source": source},
            ).scalars()
        )

    def exercise_name(self, exercise_id: int) -> str:
        """The name of the exercise with this id."""
        query = text("SELECT name FROM exercises WHERE id = :id")
        return str(self._session.execute(query, {"id": exercise_id}).scalar_one())

    # ------------------------------------------------------------------ writes

    def add_custom_exercise(
        self, name: str, profile_id: int, *, pattern: str | None, tracking: Tracking
    ) -> tuple[int, bool]:
        """The id of the profile's custom exercise called `name`, findable by it; (id, created).

        ON CONFLICT: a concurrent import into the same profile may create it first.
        """
        created = self._session.execute(
            text(
                "INSERT INTO exercises (profile_id, name, aliases, pattern, category, mechanic,"
                " equipment, primary_muscles, secondary_muscles, tracking, load_type, source)"
                " VALUES (:profile, :name, '[]', :pattern, :category, NULL, NULL, '[]', '[]',"
                " :tracking, 'none', 'custom')"
                " ON CONFLICT (profile_id, name) DO NOTHING RETURNING id"
            ),
            {
                "profile": profile_id,
                "name": name,
                "pattern": pattern,
                "category": "strength" if tracking == "reps" else "cardio",
                "tracking": tracking,
            },
        ).scalar()
        exercise_id = (
            created
            or self._session.execute(
                text("SELECT id FROM exercises WHERE profile_id = :profile AND name = :name"),
                {"profile": profile_id, "name": name},
            ).scalar_one()
        )
        self._session.execute(
            text(
                "INSERT INTO profile_aliases (profile_id, alias, exercise_id)"
                " VALUES (:profile, :alias, :id) ON CONFLICT (profile_id, alias) DO NOTHING"
            ),
            {"profile": profile_id, "alias": alias_key(name), "id": exercise_id},
        )
        return exercise_id, created is not None

    def next_session_id(self) -> int:
        """A fresh `workout_sessions.id` for a row this import will insert."""
        if self.sqlite:
            if self._next_id is None:
                last = self._session.execute(
                    text("SELECT COALESCE(MAX(id), 0) FROM workout_sessions")
                ).scalar_one()
                self._next_id = int(last)
            self._next_id += 1
            return self._next_id
        if not self._free_ids:
            block = self._session.execute(
                text(
                    "SELECT nextval(pg_get_serial_sequence('workout_sessions', 'id'))"
                    " FROM generate_series(1, :n)"
                ),
                {"n": self._id_block},
            ).scalars()
            self._free_ids = sorted(block, reverse=True)
            self._id_block = min(2 * self._id_block, _ID_BLOCK)
        return self._free_ids.pop()

    def insert_sessions(self, rows: Sequence[SessionRow]) -> None:
        self._executemany("workout_sessions", SessionRow._fields, rows)

    def insert_sets(self, rows: Sequence[SetRow]) -> None:
        self._executemany("workout_sets", SetRow._fields, rows)

    def insert_activities(self, rows: Sequence[ActivityRow]) -> None:
        self._executemany("activities", ActivityRow._fields, rows)

    def _executemany(
        self, table: str, columns: Iterable[str], rows: Sequence[tuple[Any, ...]]
    ) -> None:
        if not rows:
            return
        names = list(columns)
        sql = (
            f"INSERT INTO {table} ({', '.join(names)})"
            f" VALUES ({', '.join([self._marker] * len(names))})"
        )
        self._session.connection().exec_driver_sql(sql, list(rows))
