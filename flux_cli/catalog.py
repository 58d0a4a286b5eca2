"""Exercise catalogues: flux's own YAML (the built-in one ships in the package) and the
public free-exercise-db JSON format, both read into `ExerciseData` records.

A malformed catalogue is refused with an `InputError` naming the file and the problem.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from flux_cli import paths
from flux_cli.engine.muscles import Muscle
from flux_cli.errors import InputError
from flux_cli.storage.records import ExerciseData, ExerciseSource, LoadType, alias_key

Category = Literal[
    "strength",
    "powerlifting",
    "stretching",
    "cardio",
    "olympic weightlifting",
    "strongman",
    "plyometrics",
]
Equipment = Literal[
    "barbell",
    "dumbbell",
    "body only",
    "bands",
    "kettlebells",
    "cable",
    "machine",
    "e-z curl bar",
    "medicine ball",
    "exercise ball",
    "foam roll",
    "other",
]
_LOAD_BY_EQUIPMENT: dict[str | None, LoadType] = {
    "barbell": "barbell",
    "e-z curl bar": "barbell",
    "dumbbell": "dumbbell",
    "body only": "bodyweight",
    "machine": "machine",
    "cable": "cable",
    "kettlebells": "kettlebell",
    "bands": "band",
}


class _Entry(BaseModel):
    """One exercise in flux's catalogue YAML."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    aliases: list[str] = Field(default_factory=list)
    pattern: str | None = Field(default=None, pattern=r"^[A-Z][A-Z0-9_]*$")
    category: Category
    mechanic: Literal["compound", "isolation"] | None = None
    equipment: Equipment | None = None
    primary_muscles: list[Muscle] = Field(min_length=1)
    secondary_muscles: list[Muscle] = Field(default_factory=list)
    tracking: Literal["reps", "time", "distance"] = "reps"
    load_type: LoadType


class _Catalogue(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Literal[1]
    exercises: list[_Entry]


class _FreeExercise(BaseModel):
    """One record of free-exercise-db (its schema.json); fields flux does not use are ignored."""

    name: str = Field(min_length=1, max_length=200)
    force: Literal["pull", "push", "static"] | None = None
    mechanic: Literal["compound", "isolation"] | None
    equipment: Equipment | None
    primaryMuscles: list[Muscle]
    secondaryMuscles: list[Muscle]
    category: Category


def load_builtin() -> list[ExerciseData]:
    """The catalogue shipped with flux."""
    return list(_builtin())


@functools.cache
def _builtin() -> tuple[ExerciseData, ...]:
    """Read once per process: the file is part of the installed package, its records frozen."""
    return tuple(load_catalog(paths.builtin_catalog_path(), source="builtin"))


def load_catalog(path: Path, *, source: ExerciseSource = "custom") -> list[ExerciseData]:
    """A catalogue in flux's YAML format."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 9x faster
    try:
        document = yaml.load(_read(path), Loader=loader)
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: not valid YAML: {' '.join(str(exc).split())}") from None
    try:
        catalogue = _Catalogue.model_validate(document)
    except ValidationError as exc:
        raise InputError(f"{path}: {_first_problem(exc, document)}") from None
    records = [
        ExerciseData(
            name=" ".join(entry.name.split()),
            aliases=tuple(entry.aliases),
            pattern=entry.pattern,
            category=entry.category,
            mechanic=entry.mechanic,
            equipment=entry.equipment,
            primary_muscles=tuple(entry.primary_muscles),
            secondary_muscles=tuple(entry.secondary_muscles),
            tracking=entry.tracking,
            load_type=entry.load_type,
            source=source,
        )
        for entry in catalogue.exercises
    ]
    _refuse_clashes(path, records)
    return records


def load_free_exercise_db(path: Path) -> list[ExerciseData]:
    """A catalogue in free-exercise-db's JSON format (an array of exercise objects)."""
    try:
        document = json.loads(_read(path))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON: {exc}") from None
    if not isinstance(document, list):
        raise InputError(f"{path}: expected a JSON array of exercises")
    records = []
    for index, item in enumerate(document):
        try:
            exercise = _FreeExercise.model_validate(item)
        except ValidationError as exc:
            raise InputError(f"{path}: {_first_problem(exc, item, prefix=f'[{index}]')}") from None
        records.append(_from_free_exercise(exercise))
    _refuse_clashes(path, records)
    return records


def load_any(path: Path) -> list[ExerciseData]:
    """Either format, told apart by the file's first character (`[` is free-exercise-db)."""
    text = _read(path).lstrip()
    if text.startswith("["):
        return load_free_exercise_db(path)
    return load_catalog(path)


def _read(path: Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the catalogue: {exc}") from None


def _first_problem(exc: ValidationError, document: Any, prefix: str = "") -> str:
    """The first validation error as `where: what`, naming the exercise when it can."""
    error = exc.errors()[0]
    location = prefix
    node = document
    for part in error["loc"]:
        location += f"[{part}]" if isinstance(part, int) else f".{part}" if location else str(part)
        node = _child(node, part)
        if isinstance(node, dict) and isinstance(node.get("name"), str):
            location += f" ({node['name']})"
    count = exc.error_count()
    more = f" (and {count - 1} more problem{'s' if count > 2 else ''})" if count > 1 else ""
    return f"{location or 'document'}: {error['msg']}{more}"


def _child(node: Any, part: str | int) -> Any:
    """`node[part]` when it exists, else None."""
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


def _refuse_clashes(path: Path, records: list[ExerciseData]) -> None:
    """Refuse a catalogue where one name or alias stands for two entries."""
    owner: dict[str, int] = {}
    for index, record in enumerate(records):
        for text in (record.name, *record.aliases):
            key = alias_key(text)
            if owner.setdefault(key, index) != index:
                other = records[owner[key]].name
                what = "appears twice" if other == record.name else f"also names {other!r}"
                raise InputError(f"{path}: {text!r} of {record.name!r} {what}")


# ---------------------------------------------------------------------------- free-exercise-db

_PATTERN_MUSCLES = {
    "SQUAT": {"quadriceps", "glutes", "adductors", "hamstrings"},
    "HINGE": {"hamstrings", "glutes", "lower back", "quadriceps"},
    "PUSH": {"chest", "shoulders", "triceps"},
    "PULL": {"lats", "middle back", "traps", "biceps", "shoulders"},
}
# Name cues, checked in order; a cue counts only when the primary muscle fits its pattern.
_NAME_CUES = (
    ("HINGE", ("deadlift", "good morning", "hip thrust", "glute bridge", "hyperextension")),
    ("HINGE", ("back extension", "kettlebell swing", "pull through", "romanian")),
    ("SQUAT", ("squat", "lunge", "leg press", "step-up", "step up", "hack")),
    ("PULL", ("row", "pull-up", "pullup", "pull up", "chin-up", "chinup", "chin up")),
    ("PULL", ("pulldown", "pull-down", "face pull", "pull apart", "pull-apart")),
    ("PUSH", ("press", "push-up", "pushup", "push up", "dip", "bench")),
)
# With no name cue: a compound movement's force and primary muscle decide.
_FORCE_MUSCLES = (
    ("SQUAT", "push", {"quadriceps"}),
    ("HINGE", "pull", {"hamstrings", "glutes", "lower back"}),
    ("PUSH", "push", {"chest", "shoulders", "triceps"}),
    ("PULL", "pull", {"lats", "middle back"}),
)
_NO_PATTERN_CATEGORIES = {"stretching", "cardio", "plyometrics"}
# Isolation work that the force/muscle fallback would otherwise take for a pattern.
_NO_PATTERN_CUES = ("fly", "flye", "raise", "curl", "kick", "crossover", "pullover", "shrug")


def infer_pattern(
    name: str, force: str | None, mechanic: str | None, category: str, primary: list[str]
) -> str | None:
    """The movement pattern a free-exercise-db exercise trains, or None."""
    if category in _NO_PATTERN_CATEGORIES or not primary:
        return None
    muscle = primary[0]
    lowered = name.lower()
    if any(cue in lowered for cue in _NO_PATTERN_CUES):
        return None
    for pattern, cues in _NAME_CUES:
        if muscle in _PATTERN_MUSCLES[pattern] and any(cue in lowered for cue in cues):
            return pattern
    if mechanic != "compound":
        return None
    for pattern, wanted_force, muscles in _FORCE_MUSCLES:
        if force == wanted_force and muscle in muscles:
            return pattern
    return None


def _from_free_exercise(exercise: _FreeExercise) -> ExerciseData:
    timed = exercise.category in ("cardio", "stretching") or exercise.force == "static"
    return ExerciseData(
        name=" ".join(exercise.name.split()),
        pattern=infer_pattern(
            exercise.name,
            exercise.force,
            exercise.mechanic,
            exercise.category,
            list(exercise.primaryMuscles),
        ),
        category=exercise.category,
        mechanic=exercise.mechanic,
        equipment=exercise.equipment,
        primary_muscles=tuple(exercise.primaryMuscles),
        secondary_muscles=tuple(exercise.secondaryMuscles),
        tracking="time" if timed else "reps",
        load_type=_LOAD_BY_EQUIPMENT.get(exercise.equipment, "none"),
        source="free-exercise-db",
    )
