"""The body: soreness logs, session effort, and the engine's bounded view of load and recovery.

`body_history` is called by `storage.history.history_as_of` only (the one cutoff rule:
everything strictly before the day); each read is bounded by a window the rules declare.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Connection, Date, DateTime, bindparam, text

from flux_cli.engine.body import (
    ActivityLoad,
    BodyHistory,
    CheckinState,
    ExerciseBody,
    MuscleSet,
    SessionLoad,
    SorenessLog,
)
from flux_cli.storage.records import alias_key, utc

if TYPE_CHECKING:
    from flux_cli.engine.rules import Rules
    from flux_cli.storage.unit_of_work import SqlUnitOfWork

# Shorter than this between start and finish, a session was logged, not timed.
MIN_TIMED_MINUTES = 10.0
_DAY = bindparam("day", type_=Date)
_SINCE = bindparam("since", type_=Date)
_SESSIONS = (
    text(
        "SELECT s.id, s.date, s.session_name, s.session_rpe, s.session_minutes, s.started_at,"
        " s.ended_at, COUNT(w.id) AS set_count, AVG(w.rpe) AS mean_rpe,"
        " COALESCE(SUM(w.seconds), 0) AS work_seconds"
        " FROM workout_sessions s LEFT JOIN workout_sets w ON w.session_id = s.id"
        " WHERE s.profile_id = :profile_id AND s.status = 'completed'"
        " AND s.date >= :since AND s.date < :day"
        " GROUP BY s.id, s.date, s.session_name, s.session_rpe, s.session_minutes,"
        " s.started_at, s.ended_at ORDER BY s.date, s.id"
    )
    .bindparams(_DAY, _SINCE)
    .columns(date=Date, started_at=DateTime, ended_at=DateTime)
)
_ACTIVITIES = (
    text(
        "SELECT date, kind, name, moving_s, elapsed_s, avg_watts, avg_hr, metadata AS meta"
        " FROM activities WHERE profile_id = :profile_id AND date >= :since AND date < :day"
        " ORDER BY date, started_at, id"
    )
    .bindparams(_DAY, _SINCE)
    .columns(date=Date, meta=JSON)
)
_SETS = (
    text(
        "SELECT s.date, e.name, w.rpe, e.pattern, e.primary_muscles, e.secondary_muscles"
        " FROM workout_sets w JOIN workout_sessions s ON s.id = w.session_id"
        " JOIN exercises e ON e.id = w.exercise_id"
        " WHERE s.profile_id = :profile_id AND s.status = 'completed'"
        " AND s.date >= :since AND s.date < :day ORDER BY s.date, w.session_id, w.position"
    )
    .bindparams(_DAY, _SINCE)
    .columns(date=Date, primary_muscles=JSON, secondary_muscles=JSON)
)
_SORENESS = (
    text(
        "SELECT date, muscle, value FROM soreness_logs WHERE profile_id = :profile_id"
        " AND date >= :since AND date < :day ORDER BY date, muscle"
    )
    .bindparams(_DAY, _SINCE)
    .columns(date=Date)
)
_CHECKINS = (
    text(
        "SELECT date, state, inputs FROM readiness_logs WHERE profile_id = :profile_id"
        " AND date < :day ORDER BY date DESC LIMIT :limit"
    )
    .bindparams(_DAY)
    .columns(date=Date, inputs=JSON)
)
# The profile's own name keys come last, so they win over the shared ones.
_EXERCISES = (
    text(
        "SELECT k.alias, e.pattern, e.primary_muscles, e.secondary_muscles, k.shared FROM ("
        " SELECT alias, exercise_id, 1 AS shared FROM exercise_aliases WHERE alias IN :keys"
        " UNION ALL SELECT alias, exercise_id, 0 FROM profile_aliases"
        " WHERE profile_id = :profile_id AND alias IN :keys) k"
        " JOIN exercises e ON e.id = k.exercise_id ORDER BY k.shared DESC"
    )
    .bindparams(bindparam("keys", expanding=True))
    .columns(primary_muscles=JSON, secondary_muscles=JSON)
)


def _muscles(value: Any) -> tuple[str, ...]:
    return tuple(str(muscle) for muscle in value or ())


def _minutes(row: Any, most: float) -> float | None:
    if row.session_minutes is not None:
        return float(row.session_minutes)
    if row.started_at is None or row.ended_at is None:
        return None
    minutes = (utc(row.ended_at) - utc(row.started_at)).total_seconds() / 60
    # A session left open for hours, or logged after the fact in a minute, says nothing
    # about its length: the ledger then estimates it from the sets.
    return minutes if MIN_TIMED_MINUTES <= minutes <= most else None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _inputs(value: Any) -> dict[str, float]:
    """A check-in's readiness inputs that are numbers (anything else is left out)."""
    if not isinstance(value, dict):
        return {}
    return {str(k): float(v) for k, v in value.items() if _number(v) is not None}


def body_history(
    connection: Connection, profile_id: int, day: dt.date, rules: Rules
) -> BodyHistory:
    """Load and recovery inputs before `day`, each inside the rules' window."""
    load_since = day - dt.timedelta(days=rules.load.window_days)
    recovery_since = day - dt.timedelta(days=rules.recovery.window_days)
    where = {"profile_id": profile_id, "day": day}
    most = rules.load.max_session_minutes
    sessions = tuple(
        SessionLoad(
            date=row.date,
            name=row.session_name or "session",
            set_count=int(row.set_count or 0),
            session_rpe=row.session_rpe,
            minutes=_minutes(row, most),
            set_rpes=() if row.mean_rpe is None else (float(row.mean_rpe),),
            work_seconds=float(row.work_seconds or 0),
        )
        for row in connection.execute(_SESSIONS, {**where, "since": load_since})
    )
    activities = tuple(
        ActivityLoad(
            date=row.date,
            kind=row.kind,
            name=row.name,
            minutes=None
            if (row.moving_s or row.elapsed_s) is None
            else float(row.moving_s or row.elapsed_s) / 60,
            avg_watts=row.avg_watts,
            avg_hr=row.avg_hr,
            relative_effort=_number((row.meta or {}).get("relative_effort")),
        )
        for row in connection.execute(_ACTIVITIES, {**where, "since": load_since})
    )
    exercises: dict[str, ExerciseBody] = {}
    sets = []
    for row in connection.execute(_SETS, {**where, "since": recovery_since}):
        sets.append(MuscleSet(date=row.date, exercise=row.name, rpe=row.rpe))
        exercises.setdefault(
            row.name,
            ExerciseBody(
                row.pattern, _muscles(row.primary_muscles), _muscles(row.secondary_muscles)
            ),
        )
    exercises.update(
        exercise_bodies(connection, profile_id, rules.exercise_names() - set(exercises))
    )
    soreness = tuple(
        SorenessLog(date=row.date, muscle=row.muscle, value=float(row.value))
        # Soreness is reported like readiness: the day's own report counts for that day.
        for row in connection.execute(
            _SORENESS, {**where, "since": recovery_since, "day": day + dt.timedelta(days=1)}
        )
    )
    checkins = tuple(
        CheckinState(date=row.date, state=row.state, inputs=_inputs(row.inputs))
        for row in connection.execute(_CHECKINS, {**where, "limit": rules.load.deload_checkins})
    )
    return BodyHistory(
        as_of=day,
        sessions=sessions,
        activities=activities,
        sets=tuple(sets),
        soreness=soreness,
        checkins=tuple(reversed(checkins)),
        exercises=exercises,
    )


def exercise_bodies(
    connection: Connection, profile_id: int, names: Iterable[str]
) -> dict[str, ExerciseBody]:
    """Pattern and muscles of each named exercise the profile can resolve."""
    keys = {alias_key(name): name for name in names}
    if not keys:
        return {}
    found: dict[str, ExerciseBody] = {}
    query = {"keys": sorted(keys), "profile_id": profile_id}
    for alias, pattern, primary, secondary, _shared in connection.execute(_EXERCISES, query):
        found[keys[alias]] = ExerciseBody(pattern, _muscles(primary), _muscles(secondary))
    return found


class BodyRepository:
    """Soreness logs and the effort a session was reported at."""

    def __init__(self, uow: SqlUnitOfWork) -> None:
        self._uow = uow

    def log_soreness(self, profile_id: int, day: dt.date, values: Mapping[str, float]) -> None:
        """Record soreness per muscle group for `day`; a second report that day replaces it."""
        from flux_cli.storage.models import SorenessLog as Row
        from flux_cli.storage.models import insert_for, utcnow

        for muscle, value in values.items():
            insert = insert_for(self._uow.dialect, Row).values(
                profile_id=profile_id, date=day, muscle=muscle, value=value, recorded_at=utcnow()
            )
            self._uow.connection.execute(
                insert.on_conflict_do_update(
                    index_elements=["profile_id", "date", "muscle"],
                    set_={
                        "value": insert.excluded.value,
                        "recorded_at": insert.excluded.recorded_at,
                    },
                )
            )

    def soreness(self, profile_id: int, since: dt.date, until: dt.date) -> list[SorenessLog]:
        """Soreness logged in [since, until), oldest first."""
        rows = self._uow.connection.execute(
            _SORENESS, {"profile_id": profile_id, "since": since, "day": until}
        )
        return [
            SorenessLog(date=row.date, muscle=row.muscle, value=float(row.value)) for row in rows
        ]

    def set_session_effort(
        self, session_id: int, *, rpe: float | None, minutes: float | None
    ) -> None:
        """Keep the session RPE and minutes the athlete reported at completion."""
        if rpe is None and minutes is None:
            return
        values: dict[str, Any] = {"session_id": session_id}
        columns = []
        if rpe is not None:
            columns.append("session_rpe = :rpe")
            values["rpe"] = rpe
        if minutes is not None:
            columns.append("session_minutes = :minutes")
            values["minutes"] = minutes
        self._uow.connection.execute(
            text(f"UPDATE workout_sessions SET {', '.join(columns)} WHERE id = :session_id"),
            values,
        )
