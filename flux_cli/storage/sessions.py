"""Sessions and their sets: one aggregate, always looked up through its profile."""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Date, DateTime, TextualSelect, bindparam, text

from flux_cli.storage.listing import dated_listing
from flux_cli.storage.records import (
    NewSet,
    SessionRecord,
    SessionStatus,
    SessionWithSets,
    SetRecord,
    chunks,
    session_record,
    set_record,
)

if TYPE_CHECKING:
    from flux_cli.storage.unit_of_work import SqlUnitOfWork

SESSION_COLUMNS = (
    "s.id, s.profile_id, s.date, s.status, s.state, s.archetype, s.session_name,"
    " s.anchor_pattern, s.conditioning_protocol, s.plan, s.result, s.source, s.external_id,"
    " s.started_at, s.ended_at, s.deload"
)
SESSION_TYPES: dict[str, Any] = {
    "date": Date,
    "plan": JSON,
    "result": JSON,
    "started_at": DateTime,
    "ended_at": DateTime,
}
# No ORDER BY: with one, SQLite walks the (profile, date) index through every session;
# without, the (profile, status) index finds the active ones (one, or very few) directly.
_ACTIVE = text(
    f"SELECT {SESSION_COLUMNS} FROM workout_sessions s WHERE s.profile_id = :profile_id"
    " AND s.status = 'active'"
).columns(**SESSION_TYPES)
_GET = text(
    f"SELECT {SESSION_COLUMNS} FROM workout_sessions s"
    " WHERE s.id = :session_id AND s.profile_id = :profile_id"
).columns(**SESSION_TYPES)
_COMPLETED_ON = (
    text(
        f"SELECT {SESSION_COLUMNS} FROM workout_sessions s WHERE s.profile_id = :profile_id"
        " AND s.date = :day AND s.status = 'completed'"
    )
    .bindparams(bindparam("day", type_=Date))
    .columns(**SESSION_TYPES)
)
_SETS_OF = (
    text(
        "SELECT w.id, w.session_id, w.exercise_id, e.name, w.position, w.weight_kg, w.reps,"
        " w.seconds, w.distance_m, w.rpe, w.metadata AS meta, w.logged_at FROM workout_sets w"
        " JOIN exercises e ON e.id = w.exercise_id"
        " WHERE w.session_id IN :session_ids ORDER BY w.session_id, w.position, w.id"
    )
    .bindparams(bindparam("session_ids", expanding=True))
    .columns(meta=JSON, logged_at=DateTime)
)
_LAST_POSITION = text("SELECT MAX(position) FROM workout_sets WHERE session_id = :session_id")
_NAMES = text("SELECT id, name FROM exercises WHERE id IN :ids").bindparams(
    bindparam("ids", expanding=True)
)
_LOGGED_EXERCISES = text(
    "SELECT e.name, COUNT(*) AS sets FROM workout_sessions s CROSS JOIN workout_sets w"
    " JOIN exercises e ON e.id = w.exercise_id"
    " WHERE w.session_id = s.id AND s.profile_id = :profile_id"
    " GROUP BY e.name ORDER BY sets DESC, e.name"
)
# Driven from the athlete's sessions (CROSS JOIN keeps that order on SQLite), so the cost
# follows one athlete's history, not how many sets every profile has of this exercise.
_SET_TYPE = {
    "sqlite": "json_extract(w.metadata, '$.set_type')",
    "postgresql": "(w.metadata ->> 'set_type')",
}


def not_warmup(dialect: str) -> str:
    """SQL true for a set `w` that is not marked as a warm-up (in its metadata)."""
    set_type = _SET_TYPE.get(dialect, _SET_TYPE["sqlite"])
    return f"({set_type} IS NULL OR {set_type} != 'warmup')"


@functools.cache
def _e1rm_rows(dialect: str) -> TextualSelect:
    return (
        text(
            "SELECT s.date, w.weight_kg, w.reps, w.rpe"
            " FROM workout_sessions s CROSS JOIN workout_sets w"
            " WHERE w.session_id = s.id AND s.profile_id = :profile_id AND s.date >= :since"
            " AND w.exercise_id = :exercise_id AND w.weight_kg IS NOT NULL AND w.reps > 0"
            f" AND {not_warmup(dialect)} ORDER BY s.date, w.id"
        )
        .bindparams(bindparam("since", type_=Date))
        .columns(date=Date)
    )


class SessionRepository:
    """Sessions with their sets (see the module docstring)."""

    def __init__(self, uow: SqlUnitOfWork) -> None:
        self._uow = uow

    # ------------------------------------------------------------------------ reads

    def active(self, profile_id: int) -> SessionRecord | None:
        """The profile's active session (the latest, should there be several)."""
        rows = self._uow.connection.execute(_ACTIVE, {"profile_id": profile_id}).all()
        latest = max(rows, key=lambda row: (row.date, row.id), default=None)
        return None if latest is None else session_record(latest)

    def get(self, profile_id: int, session_id: int) -> SessionRecord | None:
        """The profile's session `session_id`, or None (another profile's is None too)."""
        where = {"profile_id": profile_id, "session_id": session_id}
        row = self._uow.connection.execute(_GET, where).first()
        return None if row is None else session_record(row)

    def sets(self, session_id: int) -> list[SetRecord]:
        """A session's sets in order, each with its exercise's name."""
        return self.sets_of([session_id]).get(session_id, [])

    def sets_of(
        self, session_ids: Sequence[int], exercise_id: int | None = None
    ) -> dict[int, list[SetRecord]]:
        """The sets of the given sessions (of one exercise, if given), in order, by session."""
        grouped: dict[int, list[SetRecord]] = defaultdict(list)
        for chunk in chunks(list(session_ids)):
            for row in self._uow.connection.execute(_SETS_OF, {"session_ids": list(chunk)}):
                if exercise_id is None or row.exercise_id == exercise_id:
                    grouped[row.session_id].append(set_record(row, row.name))
        return grouped

    def history(
        self,
        profile_id: int,
        *,
        exercise_id: int | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = None,
        status: str | None = None,
    ) -> list[SessionWithSets]:
        """Sessions newest first with their sets; with `exercise_id`, only those of it.

        `since` and `until` are inclusive; `status` keeps one status; `limit` counts sessions.
        """
        where = ["s.profile_id = :profile_id"]
        values: dict[str, Any] = {"profile_id": profile_id}
        if status is not None:
            where.append("s.status = :status")
            values["status"] = status
        if exercise_id is not None:
            where.append(
                "EXISTS (SELECT 1 FROM workout_sets w"
                " WHERE w.session_id = s.id AND w.exercise_id = :exercise_id)"
            )
            values["exercise_id"] = exercise_id
        query = dated_listing(
            f"SELECT {SESSION_COLUMNS} FROM workout_sessions s",
            where,
            values,
            date_column="s.date",
            order_by="s.date DESC, s.id DESC",
            since=since,
            until=until,
            limit=limit,
            types=SESSION_TYPES,
        )
        sessions = [session_record(row) for row in self._uow.connection.execute(query, values)]
        sets = self.sets_of([item.id for item in sessions], exercise_id)
        return [SessionWithSets(item, tuple(sets.get(item.id, ()))) for item in sessions]

    def recent(self, profile_id: int, limit: int) -> list[SessionWithSets]:
        """The latest `limit` sessions, newest first, with their sets in order."""
        return self.history(profile_id, limit=limit)

    def completed_on(self, profile_id: int, day: dt.date) -> SessionRecord | None:
        """The profile's latest completed session on `day`, or None."""
        rows = self._uow.connection.execute(_COMPLETED_ON, {"profile_id": profile_id, "day": day})
        latest = max(rows, key=lambda row: row.id, default=None)
        return None if latest is None else session_record(latest)

    def e1rm_rows(
        self, profile_id: int, exercise_id: int, since: dt.date = dt.date.min
    ) -> list[tuple[dt.date, float, int, float | None]]:
        """(date, weight_kg, reps, rpe) of every weighted working set (warm-ups left out) of
        one exercise since `since`, oldest first."""
        where = {"profile_id": profile_id, "exercise_id": exercise_id, "since": since}
        connection = self._uow.connection
        rows = connection.execute(_e1rm_rows(connection.dialect.name), where)
        return [(day, weight, reps, rpe) for day, weight, reps, rpe in rows]

    def logged_exercise_names(self, profile_id: int) -> list[str]:
        """Names of the exercises the profile has sets of, the most-logged first."""
        rows = self._uow.connection.execute(_LOGGED_EXERCISES, {"profile_id": profile_id})
        return [name for name, _sets in rows]

    # ------------------------------------------------------------------------ writes

    def create(
        self,
        profile_id: int,
        *,
        day: dt.date,
        status: SessionStatus,
        state: str | None = None,
        archetype: str | None = None,
        session_name: str | None = None,
        anchor_pattern: str | None = None,
        conditioning_protocol: str | None = None,
        plan: Mapping[str, Any] | None = None,
        source: str = "flux",
        external_id: str | None = None,
        started_at: dt.datetime | None = None,
        ended_at: dt.datetime | None = None,
    ) -> SessionRecord:
        """A new session; an `active` one is stamped as started now unless told otherwise."""
        from flux_cli.storage.models import SESSION_STATUSES, WorkoutSession, utcnow

        if status not in SESSION_STATUSES:
            raise ValueError(f"unknown session status {status!r}")
        if started_at is None and status == "active":
            started_at = utcnow()
        row = WorkoutSession(
            profile_id=profile_id,
            date=day,
            status=status,
            state=state,
            archetype=archetype,
            session_name=session_name,
            anchor_pattern=anchor_pattern,
            conditioning_protocol=conditioning_protocol,
            plan=dict(plan) if plan is not None else None,
            deload=_in_deload(plan),
            source=source,
            external_id=external_id,
            started_at=started_at,
            ended_at=ended_at,
        )
        self._uow.orm.add(row)
        self._uow.orm.flush()
        return session_record(row)

    def start(self, session_id: int) -> SessionRecord:
        """Turn a planned session into the active one, started now."""
        from flux_cli.storage.models import WorkoutSession, utcnow

        row = self._uow.orm.get_one(WorkoutSession, session_id)
        row.status = "active"
        row.started_at = row.started_at or utcnow()
        self._uow.orm.flush()
        return session_record(row)

    def finish(
        self, session_id: int, status: SessionStatus, result: Mapping[str, Any] | None
    ) -> SessionRecord:
        """Close a session as `completed` or `abandoned`, keeping the completion verdict."""
        from flux_cli.storage.models import WorkoutSession, utcnow

        if status not in ("completed", "abandoned"):
            raise ValueError(f"a session finishes as completed or abandoned, not {status!r}")
        row = self._uow.orm.get_one(WorkoutSession, session_id)
        row.status = status
        row.result = dict(result) if result is not None else None
        row.ended_at = utcnow()
        self._uow.orm.flush()
        return session_record(row)

    def adopt_plan(
        self,
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
        from flux_cli.storage.models import WorkoutSession

        row = self._uow.orm.get_one(WorkoutSession, session_id)
        row.state = state
        row.archetype = archetype
        row.session_name = session_name
        row.anchor_pattern = anchor_pattern
        row.conditioning_protocol = conditioning_protocol
        row.plan = dict(plan)
        row.deload = _in_deload(plan)
        self._uow.orm.flush()
        return session_record(row)

    def add_sets(self, session_id: int, sets: Sequence[NewSet]) -> list[SetRecord]:
        """Append sets to a session; positions continue after its last set."""
        from flux_cli.storage.models import WorkoutSet, utcnow

        s = self._uow.orm
        self._lock(session_id)
        last = self._uow.connection.execute(_LAST_POSITION, {"session_id": session_id}).scalar()
        now = utcnow()
        rows = [
            WorkoutSet(
                session_id=session_id,
                exercise_id=new.exercise_id,
                position=(last or 0) + offset,
                weight_kg=_float(new.weight_kg),
                reps=None if new.reps is None else int(new.reps),
                seconds=_float(new.seconds),
                distance_m=_float(new.distance_m),
                rpe=_float(new.rpe),
                meta=dict(new.metadata),
                logged_at=new.logged_at or now,
            )
            for offset, new in enumerate(sets, start=1)
        ]
        s.add_all(rows)
        s.flush()
        ids = sorted({row.exercise_id for row in rows})
        names: dict[int, str] = dict(self._uow.connection.execute(_NAMES, {"ids": ids}).all())
        return [set_record(row, names[row.exercise_id]) for row in rows]

    def delete_last_set(self, session_id: int) -> SetRecord | None:
        """Remove the session's last set (highest position) and return it, or None when empty."""
        self._lock(session_id)
        sets = self.sets(session_id)
        if not sets:
            return None
        last = max(sets, key=lambda row: (row.position, row.id))
        self._uow.connection.execute(
            text("DELETE FROM workout_sets WHERE id = :id"), {"id": last.id}
        )
        return last

    def _lock(self, session_id: int) -> None:
        """Lock the session row (PostgreSQL) so concurrent loggers cannot interleave."""
        self._uow.flush()
        if self._uow.dialect == "postgresql":
            self._uow.connection.execute(
                text("SELECT id FROM workout_sessions WHERE id = :id FOR UPDATE"),
                {"id": session_id},
            )


def _float(value: float | None) -> float | None:
    return None if value is None else float(value)


def _in_deload(plan: Mapping[str, Any] | None) -> bool:
    """Whether a session's plan was a deload day (plan JSON `deload` is null or an object)."""
    return bool(plan and plan.get("deload"))
