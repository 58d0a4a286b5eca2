"""The muscle vocabulary of the exercise catalogues (free-exercise-db's, which flux's own uses)."""

from __future__ import annotations

from typing import Literal, get_args

Muscle = Literal[
    "abdominals",
    "abductors",
    "adductors",
    "biceps",
    "calves",
    "chest",
    "forearms",
    "glutes",
    "hamstrings",
    "lats",
    "lower back",
    "middle back",
    "neck",
    "quadriceps",
    "shoulders",
    "traps",
    "triceps",
]
MUSCLES: tuple[str, ...] = get_args(Muscle)
