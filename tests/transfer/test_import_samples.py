"""Every real export in ../shared/data/imports, imported through the CLI and counted twice."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from transfer_support import (
    ALL_SAMPLES,
    HEVY,
    STRAVA,
    STRONG_2025,
    STRONG_CLASSIC,
    Counts,
    Flux,
    expected_counts,
    needs_samples,
    read_rows,
    report,
    stored_counts,
)

pytestmark = needs_samples


def test_the_samples_are_all_here() -> None:
    assert {STRONG_CLASSIC, STRONG_2025, HEVY, STRAVA} <= set(ALL_SAMPLES)


@pytest.mark.parametrize("path", ALL_SAMPLES, ids=lambda path: path.parent.name + "/" + path.name)
def test_each_sample_is_stored_exactly_as_counted(flux: Flux, db_path: Path, path: Path) -> None:
    expected = expected_counts(path)

    data = report(flux("import", path, "--json"))

    assert stored_counts(db_path) == expected
    assert (data["workouts_added"], data["sets_added"], data["activities_added"]) == (
        expected.workouts,
        expected.sets,
        expected.activities,
    )
    assert data["duplicates_skipped"] == 0
    assert data["skipped_rows"] == []
    assert data["dry_run"] is False


def test_all_samples_at_once_then_again_adds_nothing(flux: Flux, db_path: Path) -> None:
    expected = [expected_counts(path) for path in ALL_SAMPLES]
    total = Counts(
        workouts=sum(c.workouts for c in expected),
        sets=sum(c.sets for c in expected),
        activities=sum(c.activities for c in expected),
    )

    first = report(flux("import", *ALL_SAMPLES, "--json"))
    again = report(flux("import", *ALL_SAMPLES, "--json"))

    assert stored_counts(db_path) == total
    assert [item["format"] for item in first["files"]] == [
        {"hevy": "hevy", "strava": "strava", "strong": "strong"}[path.parent.name]
        for path in ALL_SAMPLES
    ]
    assert (again["workouts_added"], again["sets_added"], again["activities_added"]) == (0, 0, 0)
    assert again["duplicates_skipped"] == total.workouts + total.activities
    assert again["custom_exercises"] == []


def test_strong_sets_keep_their_values_and_map_onto_the_catalogue(
    flux: Flux, db_path: Path
) -> None:
    header, rows = read_rows(STRONG_CLASSIC)
    at = {name: header.index(name) for name in ("Exercise Name", "Weight", "Reps")}
    squats = [row for row in rows if row[at["Exercise Name"]] == "Squat (Barbell)"]
    report(flux("import", STRONG_CLASSIC, "--json"))

    with sqlite3.connect(db_path) as connection:
        stored = connection.execute(
            "SELECT w.weight_kg, w.reps FROM workout_sets w JOIN exercises e"
            " ON e.id = w.exercise_id WHERE e.name = 'Back Squat' ORDER BY w.id"
        ).fetchall()
    assert stored == [(float(row[at["Weight"]]), int(row[at["Reps"]])) for row in squats]


def test_hevy_set_types_are_kept_and_warm_ups_flagged(flux: Flux, db_path: Path) -> None:
    header, rows = read_rows(HEVY)
    expected = Counter(row[header.index("set_type")] for row in rows)
    report(flux("import", HEVY, "--json"))

    with sqlite3.connect(db_path) as connection:
        stored = Counter(
            kind or "normal"
            for (kind,) in connection.execute(
                "SELECT json_extract(metadata, '$.set_type') FROM workout_sets"
            )
        )
    assert stored == expected
    assert stored["warmup"] == 2195


def test_strava_activities_keep_their_figures(flux: Flux, db_path: Path) -> None:
    header, rows = read_rows(STRAVA)
    metres = header.index("Distance", header.index("Distance") + 1)
    report(flux("import", STRAVA, "--json"))

    with sqlite3.connect(db_path) as connection:
        stored = dict(connection.execute("SELECT external_id, distance_m FROM activities"))
        kinds = Counter(kind for (kind,) in connection.execute("SELECT kind FROM activities"))
    assert kinds == Counter(row[header.index("Activity Type")] for row in rows)
    for row in rows:
        assert stored[row[0]] == (float(row[metres]) or None)


def test_unknown_names_become_custom_exercises_with_a_pattern(flux: Flux, db_path: Path) -> None:
    data = report(flux("import", STRONG_CLASSIC, "--json"))

    assert "Leg Press Keller" in data["custom_exercises"]
    assert "Bench Press (Barbell)" not in data["custom_exercises"]
    listed = {
        item["name"]: item for item in report(flux("exercises", "list", "--custom", "--json"))
    }
    assert set(listed) == set(data["custom_exercises"])
    assert listed["Leg Press Keller"]["pattern"] == "SQUAT"
    assert listed["Leg Press Keller"]["sets"] == 9
    assert listed["Leg Press Keller"]["source"] == "custom"
