"""The exercise catalogue in the database: lookup by name or alias, suggestions, upserts.

`exercise_aliases` maps every shared lowercased name and alias to one exercise;
`profile_aliases` maps a profile's own (its custom exercises, the aliases it made), and
those win for that profile. Keys are never removed, so a name that once resolved (an old
name, an import's spelling) keeps resolving.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import JSON, bindparam
from sqlalchemy import text as sql

from flux_cli.storage.records import (
    ExerciseData,
    ExerciseRecord,
    ExerciseSource,
    LoadType,
    Tracking,
    alias_key,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from flux_cli.storage.models import Exercise
    from flux_cli.storage.unit_of_work import SqlUnitOfWork

# A catalogue entry only replaces one from a source of equal or lower rank: the curated
# built-in catalogue wins over free-exercise-db, which wins over custom exercises.
SOURCE_RANK = {"custom": 0, "free-exercise-db": 1, "builtin": 2}

_COLUMNS = (
    "e.id, e.name, e.aliases, e.pattern, e.category, e.mechanic, e.equipment,"
    " e.primary_muscles, e.secondary_muscles, e.tracking, e.load_type, e.source"
)
_JSON_COLUMNS = {"aliases": JSON, "primary_muscles": JSON, "secondary_muscles": JSON}
# A profile's own keys (`profile_aliases`) shadow the shared ones (`exercise_aliases`).
_KEYS = (
    "SELECT alias, exercise_id, 0 AS shared FROM profile_aliases WHERE profile_id = :profile"
    " UNION ALL SELECT alias, exercise_id, 1 FROM exercise_aliases"
)
_BY_ALIAS = (
    sql(
        f"SELECT a.alias AS alias_key, a.shared, {_COLUMNS} FROM ({_KEYS}) a"
        " JOIN exercises e ON e.id = a.exercise_id WHERE a.alias IN :keys"
    )
    .bindparams(bindparam("keys", expanding=True))
    .columns(**_JSON_COLUMNS)
)
_VISIBLE = "(e.profile_id IS NULL OR e.profile_id = :profile)"
_ALL = sql(f"SELECT {_COLUMNS} FROM exercises e WHERE {_VISIBLE} ORDER BY e.name").columns(
    **_JSON_COLUMNS
)
_BY_SOURCE = sql(
    f"SELECT {_COLUMNS} FROM exercises e WHERE {_VISIBLE} AND e.source = :source ORDER BY e.name"
).columns(**_JSON_COLUMNS)
_ALIAS_NAMES = sql(
    f"SELECT a.alias, a.shared, e.name FROM ({_KEYS}) a JOIN exercises e ON e.id = a.exercise_id"
)
_ALIAS_IDS = sql(f"SELECT alias, exercise_id, shared FROM ({_KEYS}) a")
_SET_COUNTS = sql(
    "SELECT s.exercise_id, COUNT(*) FROM workout_sets s"
    " JOIN workout_sessions w ON w.id = s.session_id"
    " WHERE w.profile_id = :profile AND s.exercise_id IN :ids GROUP BY s.exercise_id"
).bindparams(bindparam("ids", expanding=True))
# No profile has id 0: the shared catalogue alone.
NO_PROFILE = 0


def _record(row: Any) -> ExerciseRecord:
    return ExerciseRecord(
        id=row.id,
        name=row.name,
        aliases=tuple(row.aliases or ()),
        pattern=row.pattern,
        category=row.category,
        mechanic=row.mechanic,
        equipment=row.equipment,
        primary_muscles=tuple(row.primary_muscles or ()),
        secondary_muscles=tuple(row.secondary_muscles or ()),
        tracking=cast(Tracking, row.tracking),
        load_type=cast(LoadType, row.load_type),
        source=cast(ExerciseSource, row.source),
    )


class ExerciseRepository:
    """Exercises and their aliases: the shared catalogue, and each profile's own.

    A profile sees the shared catalogue and its own custom exercises and aliases, never
    another profile's; its own names come first. `profile_id=None` sees the catalogue only.
    """

    def __init__(self, uow: SqlUnitOfWork) -> None:
        self._uow = uow

    def resolve(self, name: str, *, profile_id: int | None = None) -> ExerciseRecord | None:
        """The exercise whose name or alias is `name`, ignoring case."""
        return self.resolve_many([name], profile_id=profile_id).get(name)

    def resolve_many(
        self, names: Iterable[str], *, profile_id: int | None = None
    ) -> dict[str, ExerciseRecord]:
        """Each of `names` that resolves, mapped to its exercise (one query)."""
        wanted = {name: alias_key(name) for name in names}
        if not wanted:
            return {}
        rows = self._uow.connection.execute(
            _BY_ALIAS, {"keys": sorted(set(wanted.values())), "profile": _who(profile_id)}
        )
        by_key: dict[str, ExerciseRecord] = {}
        for row in sorted(rows, key=lambda row: row.shared, reverse=True):
            by_key[row.alias_key] = _record(row)  # the profile's own key is written last
        return {name: by_key[key] for name, key in wanted.items() if key in by_key}

    def alias_table(self, profile_id: int) -> dict[str, int]:
        """Every name and alias key the profile sees → its exercise id (its own keys win)."""
        rows = self._uow.connection.execute(_ALIAS_IDS, {"profile": profile_id})
        return {row.alias: row.exercise_id for row in sorted(rows, key=lambda row: -row.shared)}

    def all(
        self, *, source: str | None = None, profile_id: int | None = None
    ) -> list[ExerciseRecord]:
        """The exercises a profile sees, by name, optionally from one source."""
        params = {"source": source, "profile": _who(profile_id)}
        rows = self._uow.connection.execute(_ALL if source is None else _BY_SOURCE, params)
        return [_record(row) for row in rows]

    def suggest(self, name: str, limit: int = 3, *, profile_id: int | None = None) -> list[str]:
        """Up to `limit` exercise names close to `name` (by name or alias), best first."""
        rows = self._uow.connection.execute(_ALIAS_NAMES, {"profile": _who(profile_id)}).all()
        keys = {row.alias: row.name for row in sorted(rows, key=lambda row: -row.shared)}
        suggestions: list[str] = []
        for key in difflib.get_close_matches(alias_key(name), keys, n=limit * 4, cutoff=0.6):
            if keys[key] not in suggestions:
                suggestions.append(keys[key])
        return suggestions[:limit]

    def set_counts(self, exercise_ids: list[int], *, profile_id: int) -> dict[int, int]:
        """How many of the profile's sets each exercise has."""
        if not exercise_ids:
            return {}
        rows = self._uow.connection.execute(
            _SET_COUNTS, {"ids": exercise_ids, "profile": profile_id}
        )
        return {int(exercise_id): int(count) for exercise_id, count in rows}

    def upsert(self, records: Iterable[ExerciseData]) -> tuple[int, int]:
        """Add new shared exercises and update changed ones; returns (added, updated)."""
        return upsert_exercises(self._uow.orm, records)

    def point_alias(self, name: str, exercise_id: int, *, profile_id: int) -> None:
        """Make `name` (any case) resolve to `exercise_id` for the profile only."""
        from flux_cli.storage.models import ProfileAlias

        s = self._uow.orm
        key = alias_key(name)
        row = s.get(ProfileAlias, (profile_id, key))
        if row is None:
            s.add(ProfileAlias(profile_id=profile_id, alias=key, exercise_id=exercise_id))
        else:
            row.exercise_id = exercise_id
        s.flush()

    def merge(self, source_id: int, target_id: int, *, profile_id: int) -> int:
        """Move the profile's sets and aliases of exercise `source_id` to `target_id`.

        The source is deleted when the profile owns it (no other profile can use it);
        a shared custom exercise (see migration 0003) stays for the others. Returns how
        many sets moved.
        """
        from sqlalchemy import delete, func, select, update

        from flux_cli.storage.models import Exercise, ProfileAlias, WorkoutSession, WorkoutSet

        s = self._uow.orm
        own_sessions = select(WorkoutSession.id).where(WorkoutSession.profile_id == profile_id)
        own_sets = (WorkoutSet.exercise_id == source_id) & WorkoutSet.session_id.in_(own_sessions)
        moved = s.scalar(select(func.count()).where(own_sets)) or 0
        s.execute(update(WorkoutSet).where(own_sets).values(exercise_id=target_id))
        s.execute(
            update(ProfileAlias)
            .where(ProfileAlias.profile_id == profile_id, ProfileAlias.exercise_id == source_id)
            .values(exercise_id=target_id)
        )
        s.execute(
            delete(Exercise).where(Exercise.id == source_id, Exercise.profile_id == profile_id)
        )
        s.expire_all()
        return int(moved)


def _who(profile_id: int | None) -> int:
    return NO_PROFILE if profile_id is None else profile_id


def upsert_exercises(s: Session, records: Iterable[ExerciseData]) -> tuple[int, int]:
    """Add new exercises and update changed ones; returns (added, updated). Idempotent.

    A record matches the exercise its name resolves to (by name or alias), or else one
    whose current name it lists as an alias (a rename: the row, and its sets, are kept).
    It replaces that exercise's fields only when its source ranks at least as high
    (`SOURCE_RANK`).
    """
    from sqlalchemy import select

    from flux_cli.storage.models import Exercise, ExerciseAlias

    owner_of: dict[str, Exercise] = {}
    exercises = {row.id: row for row in s.scalars(select(Exercise))}
    for key, exercise_id in s.execute(select(ExerciseAlias.alias, ExerciseAlias.exercise_id)):
        owner_of[key] = exercises[exercise_id]
    claims: list[tuple[str, Exercise]] = []
    added = updated = 0
    for data in records:
        values = _column_values(data)
        row = owner_of.get(alias_key(data.name)) or _renamed(data, owner_of)
        if row is None:
            row = Exercise(**values)
            s.add(row)
            added += 1
        elif SOURCE_RANK[data.source] < SOURCE_RANK[row.source]:
            continue
        elif any(getattr(row, column) != value for column, value in values.items()):
            for column, value in values.items():
                setattr(row, column, value)
            updated += 1
        for key in dict.fromkeys(alias_key(text) for text in (data.name, *data.aliases)):
            if key and key not in owner_of:
                owner_of[key] = row
                claims.append((key, row))
    s.flush()
    s.add_all(ExerciseAlias(alias=key, exercise_id=row.id) for key, row in claims)
    s.flush()
    return added, updated


def _renamed(data: ExerciseData, owner_of: dict[str, Exercise]) -> Exercise | None:
    """The exercise whose name `data` lists among its aliases, if any."""
    for alias in data.aliases:
        owner = owner_of.get(alias_key(alias))
        if owner is not None and alias_key(owner.name) == alias_key(alias):
            return owner
    return None


def _column_values(data: ExerciseData) -> dict[str, Any]:
    return {
        "name": " ".join(data.name.split()),
        "aliases": list(data.aliases),
        "pattern": data.pattern,
        "category": data.category,
        "mechanic": data.mechanic,
        "equipment": data.equipment,
        "primary_muscles": list(data.primary_muscles),
        "secondary_muscles": list(data.secondary_muscles),
        "tracking": data.tracking,
        "load_type": data.load_type,
        "source": data.source,
    }
