"""The exercise catalogue in the database: lookup by name or alias, suggestions, upserts.

`exercise_aliases` maps every lowercased name and alias to one exercise. Keys are never
removed, so a name that once resolved (an old name, an import's spelling) keeps resolving.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from flux_cli.storage.convert import exercise_record
from flux_cli.storage.models import Exercise, ExerciseAlias
from flux_cli.storage.records import ExerciseData, ExerciseRecord, alias_key

# A catalogue entry only replaces one from a source of equal or lower rank: the curated
# built-in catalogue wins over free-exercise-db, which wins over custom exercises.
SOURCE_RANK = {"custom": 0, "free-exercise-db": 1, "builtin": 2}


def resolve_exercise(s: Session, name: str) -> ExerciseRecord | None:
    """The exercise whose name or alias is `name`, ignoring case."""
    row = s.scalars(
        select(Exercise)
        .join(ExerciseAlias, ExerciseAlias.exercise_id == Exercise.id)
        .where(ExerciseAlias.alias == alias_key(name))
    ).first()
    return exercise_record(row) if row else None


def resolve_exercises(s: Session, names: Iterable[str]) -> dict[str, ExerciseRecord]:
    """Each of `names` that resolves, mapped to its exercise (one query)."""
    wanted = {name: alias_key(name) for name in names}
    if not wanted:
        return {}
    rows = s.execute(
        select(ExerciseAlias.alias, Exercise)
        .join(Exercise, ExerciseAlias.exercise_id == Exercise.id)
        .where(ExerciseAlias.alias.in_(set(wanted.values())))
    ).all()
    by_key = {key: exercise_record(row) for key, row in rows}
    return {name: by_key[key] for name, key in wanted.items() if key in by_key}


def get_exercise(s: Session, exercise_id: int) -> ExerciseRecord | None:
    row = s.get(Exercise, exercise_id)
    return exercise_record(row) if row else None


def list_exercises(s: Session, *, source: str | None = None) -> list[ExerciseRecord]:
    """All exercises by name, optionally from one source."""
    query = select(Exercise).order_by(Exercise.name)
    if source is not None:
        query = query.where(Exercise.source == source)
    return [exercise_record(row) for row in s.scalars(query)]


def suggest_exercises(s: Session, name: str, limit: int = 3) -> list[str]:
    """Up to `limit` exercise names close to `name` (by name or alias), best first."""
    keys = dict(
        s.execute(
            select(ExerciseAlias.alias, Exercise.name).join(
                Exercise, ExerciseAlias.exercise_id == Exercise.id
            )
        ).all()
    )
    suggestions: list[str] = []
    for key in difflib.get_close_matches(alias_key(name), keys, n=limit * 4, cutoff=0.6):
        if keys[key] not in suggestions:
            suggestions.append(keys[key])
    return suggestions[:limit]


def upsert_exercises(s: Session, records: Iterable[ExerciseData]) -> tuple[int, int]:
    """Add new exercises and update changed ones; returns (added, updated). Idempotent.

    A record matches the exercise its name resolves to (by name or alias), or else one
    whose current name it lists as an alias (a rename: the row, and its sets, are kept).
    It replaces that exercise's fields only when its source ranks at least as high
    (`SOURCE_RANK`).
    """
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
