"""Exercise aliases onto the flux catalogue, and pattern guesses for unknown names."""

from __future__ import annotations

import csv

import pytest
from imports_support import HEVY_KG, STRONG_2025, STRONG_CLASSIC, needs_samples

from flux_cli.imports.aliases import catalogue_name, infer_pattern, load_aliases

CATALOGUE = {
    "Back Squat", "Front Squat", "Box Squat", "Goblet Squat", "Bulgarian Split Squat",
    "Leg Press", "Lunge", "Step-Up", "Deadlift", "Romanian Deadlift", "Sumo Deadlift",
    "Trap Bar Deadlift", "Hip Thrust", "Glute Bridge", "Good Morning", "Kettlebell Swing",
    "Bench Press", "Incline Bench Press", "Dumbbell Bench Press", "Overhead Press",
    "Dumbbell Shoulder Press", "Push-Up", "Dip", "Barbell Row", "Chest-Supported Dumbbell Row",
    "Dumbbell Row", "Pull-Up", "Chin-Up", "Lat Pulldown", "Seated Cable Row", "Face Pull",
    "Band Pull-Apart", "Bicep Curl", "Hammer Curl", "Triceps Pushdown", "Skull Crusher",
    "Lateral Raise", "Leg Curl", "Leg Extension", "Calf Raise", "Plank", "Dead Bug",
    "Hanging Leg Raise", "Pallof Press", "Ab Wheel Rollout", "Cat-Cow", "Farmer's Carry",
    "Air Bike", "Stationary Bike", "Rowing Machine", "Running", "Cycling", "Walking",
    "Swimming", "Jump Rope",
}  # fmt: skip


def sample_names() -> set[str]:
    names = set()
    for path, delimiter, column in (
        (STRONG_CLASSIC, ",", "Exercise Name"),
        (STRONG_2025, ";", "Exercise Name"),
        (HEVY_KG, ",", "exercise_title"),
    ):
        with path.open(encoding="utf-8", newline="") as stream:
            names |= {row[column] for row in csv.DictReader(stream, delimiter=delimiter)}
    return names


def test_aliases_only_point_at_catalogue_names() -> None:
    assert set(load_aliases().values()) <= CATALOGUE


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Bench Press (Barbell)", "Bench Press"),
        ("Squat (Barbell)", "Back Squat"),
        ("Deadlift (Barbell)", "Deadlift"),
        ("Pull Up", "Pull-Up"),
        ("Bent Over Row (Barbell)", "Barbell Row"),
        ("Overhead Press (Barbell)", "Overhead Press"),
        ("Romanian Deadlift (Barbell)", "Romanian Deadlift"),
        ("Lat Pulldown (Cable)", "Lat Pulldown"),
        ("  squat   (BARBELL) ", "Back Squat"),
        ("Chin Up", "Chin-Up"),
        ("Ride", "Cycling"),
        ("Leg Press Keller", None),
        ("Pull Up (Assisted)", None),
    ],
)
def test_catalogue_name(name: str, expected: str | None) -> None:
    assert catalogue_name(name) == expected


@needs_samples
def test_every_sample_name_with_an_obvious_counterpart_is_mapped() -> None:
    obvious = {
        "Bench Press (Barbell)", "Bench Press (Dumbbell)", "Bent Over One Arm Row (Dumbbell)",
        "Bent Over Row (Barbell)", "Bicep Curl (Barbell)", "Bicep Curl (Dumbbell)",
        "Bulgarian Split Squat", "Chest Supported Incline Row (Dumbbell)", "Chin Up",
        "Deadlift (Barbell)", "EZ Bar Biceps Curl", "Face Pull (Cable)", "Front Pulldown",
        "Hammer Curl (Dumbbell)", "Hanging Leg Raise", "Incline Bench Press (Barbell)",
        "Lat Pulldown (Cable)", "Lat Pulldown (Machine)", "Lateral Raise (Dumbbell)",
        "Leg Extension (Machine)", "Leg Press", "Leg Press (Machine)", "Lunge (Dumbbell)",
        "Lying Leg Curl (Machine)", "Overhead Press (Barbell)", "Overhead Press (Dumbbell)",
        "Plank", "Pull Up", "Romanian Deadlift (Barbell)", "Seated Cable Row - V Grip (Cable)",
        "Seated Leg Curl (Machine)", "Seated Row (Cable)", "Shoulder Press (Dumbbell)",
        "Skullcrusher (Barbell)", "Squat (Barbell)", "Standing Calf Raise (Machine)",
        "Triceps Pushdown", "Triceps Pushdown (Cable - Straight Bar)", "Wide Pull Up",
    }  # fmt: skip
    names = sample_names()
    assert obvious <= names, "the list above names exercises of the samples"
    assert {name for name in obvious if catalogue_name(name) is None} == set()


@pytest.mark.parametrize(
    ("name", "pattern"),
    [
        ("Squat (Smith Machine)", "SQUAT"),
        ("Leg Press Keller", "SQUAT"),
        ("Reverse Lunge (Kettlebell)", "SQUAT"),
        ("Deficit Deadlift", "HINGE"),
        ("Single Leg RDL", "HINGE"),
        ("Hip Thrust (Machine)", "HINGE"),
        ("Good Morning (Safety Bar)", "HINGE"),
        ("Kettlebell Swing (Single Arm)", "HINGE"),
        ("Chest Press (Machine)", "PUSH"),
        ("Decline Bench Press (Barbell)", "PUSH"),
        ("Diamond Push-Up", "PUSH"),
        ("Seated Dip Machine", "PUSH"),
        ("T Bar Row", "PULL"),
        ("Pull Up (Assisted)", "PULL"),
        ("Neutral Grip Chin-up", "PULL"),
        ("Sitting 1-Arm Lat Pulldown", "PULL"),
        ("Chest Supported Incline Row (Dumbbell)", "PULL"),
        ("Calf Press on Seated Leg Press", None),
        ("Pallof Press (Band)", None),
        ("Triceps Pressdown", None),
        ("Triceps Pushdown", None),
        ("Rowing (Machine)", None),
        ("Bicep Curl (Cable)", None),
        ("Ohio State", None),
    ],
)
def test_infer_pattern(name: str, pattern: str | None) -> None:
    assert infer_pattern(name) == pattern
