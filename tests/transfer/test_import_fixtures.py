"""`flux import` over the project's own fixtures: counts, stdin streams, assisted variants, names.

These run in a clone of the project alone; the same checks over the real exports in
../shared/data/imports run when that folder is there (and skip, saying so, when it is not).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from transfer_support import (
    COUNTABLE_FIXTURES,
    FIX_FLUX_CSV,
    FIX_FLUX_JSONL,
    FIX_HEVY,
    FIX_STRONG_2025,
    FIX_STRONG_2026,
    FIX_STRONG_CLASSIC,
    HEVY,
    LOCALIZED_FIXTURES,
    STRONG_2025,
    STRONG_CLASSIC,
    Counts,
    Flux,
    expected_counts,
    needs_samples,
    report,
    stored_counts,
)

ASSISTED = ("Pull Up (Assisted)", "Pull Up (Band)", "Chest Dip (Assisted)")


def total(paths: list[Path]) -> Counts:
    counts = [expected_counts(path) for path in paths]
    return Counts(
        workouts=sum(c.workouts for c in counts),
        sets=sum(c.sets for c in counts),
        activities=sum(c.activities for c in counts),
    )


@pytest.mark.parametrize("path", COUNTABLE_FIXTURES, ids=lambda path: path.name)
def test_each_fixture_is_stored_exactly_as_counted(flux: Flux, db_path: Path, path: Path) -> None:
    data = report(flux("import", path, "--json"))

    assert stored_counts(db_path) == expected_counts(path)
    assert data["skipped_rows"] == [] and data["duplicates_skipped"] == 0


def test_localized_fixtures_import(flux: Flux, db_path: Path) -> None:
    data = report(flux("import", *sorted(LOCALIZED_FIXTURES), "--json"))

    assert [item["format"] for item in data["files"]] == ["strong"] * 4
    assert stored_counts(db_path) == Counts(workouts=4, sets=10)


def test_all_fixtures_at_once_then_again_adds_nothing(flux: Flux, db_path: Path) -> None:
    expected = total(COUNTABLE_FIXTURES)

    first = report(flux("import", *COUNTABLE_FIXTURES, "--json"))
    again = report(flux("import", *COUNTABLE_FIXTURES, "--json"))

    assert stored_counts(db_path) == expected
    assert (first["workouts_added"], first["sets_added"]) == (expected.workouts, expected.sets)
    assert again["workouts_added"] == again["activities_added"] == 0
    assert again["duplicates_skipped"] == expected.workouts + expected.activities


# ---------------------------------------------------------------- concatenated stdin (defect 7)


@pytest.mark.parametrize(
    "paths",
    [
        pytest.param([FIX_STRONG_2025, FIX_STRONG_CLASSIC, FIX_STRONG_2026], id="fixtures"),
        pytest.param([STRONG_CLASSIC, STRONG_2025], id="samples", marks=needs_samples),
    ],
)
def test_cat_strong_exports_into_stdin_imports_them_all(
    flux: Flux, db_path: Path, paths: list[Path]
) -> None:
    """The README's `cat strong/*.csv | flux import -`."""
    stream = b"".join(path.read_bytes() for path in paths)

    data = report(flux("import", "-", "--json", input=stream))

    assert data["files"][0]["format"] == "strong"
    assert stored_counts(db_path) == total(paths)


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(FIX_STRONG_CLASSIC, id="strong-fixture"),
        pytest.param(FIX_HEVY, id="hevy-fixture"),  # no final newline
        pytest.param(FIX_FLUX_JSONL, id="flux-jsonl-fixture"),
        pytest.param(STRONG_CLASSIC, id="strong-sample", marks=needs_samples),
        pytest.param(HEVY, id="hevy-sample", marks=needs_samples),
    ],
)
def test_the_same_export_twice_on_stdin_is_stored_once(
    flux: Flux, db_path: Path, path: Path
) -> None:
    data = report(flux("import", "-", "--json", input=path.read_bytes() * 2))

    added = data["workouts_added"] + data["activities_added"]
    assert added == data["duplicates_skipped"] > 0
    assert stored_counts(db_path).workouts == data["workouts_added"]


def test_a_bad_row_in_a_later_part_names_its_stream_line(flux: Flux, db_path: Path) -> None:
    first = FIX_STRONG_CLASSIC.read_bytes()
    second = FIX_STRONG_2025.read_bytes().replace(b'"61.23492";"7"', b'"lots";"7"')

    result = flux("import", "-", input=first + second)

    assert result.exit_code == 2
    line = first.count(b"\n") + 3
    assert result.stderr.startswith(f"flux: error: <stdin> line {line}: weight 'lots'")
    assert stored_counts(db_path) == Counts()


# ---------------------------------------------------------------- assisted variants (defect 6)


def sets_of(db_path: Path) -> dict[str, list[tuple[float | None, dict[str, Any]]]]:
    """Each exercise's sets as (weight_kg, metadata)."""
    found: dict[str, list[tuple[float | None, dict[str, Any]]]] = {}
    with sqlite3.connect(db_path) as connection:
        for name, weight, metadata in connection.execute(
            "SELECT e.name, w.weight_kg, w.metadata FROM workout_sets w"
            " JOIN exercises e ON e.id = w.exercise_id ORDER BY w.id"
        ):
            found.setdefault(name, []).append((weight, json.loads(metadata or "{}")))
    return found


@pytest.mark.parametrize(
    "paths",
    [
        pytest.param([FIX_STRONG_CLASSIC, FIX_HEVY], id="fixtures"),
        pytest.param([STRONG_CLASSIC, HEVY], id="samples", marks=needs_samples),
    ],
)
def test_assisted_variants_stay_apart_and_never_add_load(
    flux: Flux, db_path: Path, paths: list[Path]
) -> None:
    data = report(flux("import", *paths, "--json"))

    sets = sets_of(db_path)
    for name in ASSISTED:
        assert name in data["custom_exercises"], name
        assert sets[name] and all(weight is None for weight, _ in sets[name]), name
        assert any(meta.get("assistance_kg", 0) > 0 for _, meta in sets[name]), name
    for unassisted in ("Pull-Up", "Dip"):
        assert all("assistance_kg" not in meta for _, meta in sets.get(unassisted, []))


def test_an_older_database_mapping_assisted_onto_pull_up_is_not_followed(
    flux: Flux, db_path: Path
) -> None:
    assert flux("exercises", "list", "--json").exit_code == 0  # creates and seeds the database
    with sqlite3.connect(db_path) as connection:  # the alias the catalogue used to ship
        connection.execute(
            "INSERT INTO exercise_aliases (alias, exercise_id)"
            " SELECT 'pull up (assisted)', id FROM exercises WHERE name = 'Pull-Up'"
        )

    report(flux("import", FIX_STRONG_CLASSIC, "--json"))

    sets = sets_of(db_path)
    assert [weight for weight, _ in sets["Pull Up (Assisted)"]] == [None, None]
    assert len(sets["Pull-Up"]) == 2


def test_e1rm_of_pull_ups_ignores_assistance(flux: Flux, db_path: Path) -> None:
    report(flux("import", FIX_STRONG_CLASSIC, FIX_HEVY, "--json"))

    with sqlite3.connect(db_path) as connection:
        (loaded,) = connection.execute(
            "SELECT count(*) FROM workout_sets w JOIN exercises e ON e.id = w.exercise_id"
            " WHERE e.name IN ('Pull-Up', 'Dip') AND w.weight_kg IS NOT NULL"
        ).fetchone()
    assert loaded == 0, "no assisted set reaches Pull-Up or Dip as load"


# ---------------------------------------------------------------- format names (papercut 21)


@pytest.mark.parametrize(
    ("path", "name", "canonical"),
    [
        (FIX_FLUX_CSV, "csv", "flux-csv"),
        (FIX_FLUX_CSV, "flux-csv", "flux-csv"),
        (FIX_FLUX_JSONL, "jsonl", "flux-jsonl"),
        (FIX_FLUX_JSONL, "flux-jsonl", "flux-jsonl"),
    ],
)
def test_import_takes_the_export_format_names(
    flux: Flux, path: Path, name: str, canonical: str
) -> None:
    data = report(flux("import", path, "--format", name, "--json"))
    assert data["files"][0]["format"] == canonical


@pytest.mark.parametrize(("name", "plain"), [("flux-csv", "csv"), ("flux-jsonl", "jsonl")])
def test_export_takes_the_import_format_names(flux: Flux, name: str, plain: str) -> None:
    report(flux("import", FIX_STRONG_2026, "--json"))
    named = flux("export", "--format", name)
    assert named.exit_code == 0, named.output
    assert named.stdout == flux("export", "--format", plain).stdout


def test_help_names_both_spellings(flux: Flux) -> None:
    # Without blanks: the help wraps lines at hyphens.
    import_help = "".join(flux("import", "--help").stdout.split())
    export_help = "".join(flux("export", "--help").stdout.split())
    for text in (import_help, export_help):
        assert "flux-csv" in text and "flux-jsonl" in text, text
        assert "csv" in text.replace("flux-csv", "") and "jsonl" in text.replace("flux-jsonl", "")


def test_unknown_format_names_every_spelling(flux: Flux) -> None:
    result = flux("import", FIX_STRONG_2026, "--format", "garmin")
    assert result.exit_code == 2
    assert (
        "hint: use one of strong, hevy, strava, flux-csv, flux-jsonl, csv, jsonl" in result.stderr
    )
    exported = flux("export", "--format", "garmin")
    assert exported.exit_code == 2
    assert "flux-csv" in exported.stderr
