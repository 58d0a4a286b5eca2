"""`flux exercises list` and `flux exercises alias`: names from other apps onto the catalogue."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from transfer_support import FIX_STRONG_CLASSIC, Flux, report, write_strong


def _sets_of(db_path: Path, exercise: str) -> int:
    with sqlite3.connect(db_path) as connection:
        (count,) = connection.execute(
            "SELECT count(*) FROM workout_sets w JOIN exercises e ON e.id = w.exercise_id"
            " WHERE e.name = ?",
            (exercise,),
        ).fetchone()
    return int(count)


def test_list_shows_the_catalogue_with_patterns(flux: Flux) -> None:
    listed = json.loads(flux("exercises", "list", "--json").stdout)
    by_name = {item["name"]: item for item in listed}
    assert by_name["Back Squat"]["pattern"] == "SQUAT"
    assert by_name["Back Squat"]["source"] == "builtin"
    assert "Squat (Barbell)" in by_name["Back Squat"]["aliases"]
    assert [item["name"] for item in listed] == sorted(by_name)


def test_list_text_and_custom_only(flux: Flux) -> None:
    assert flux("exercises", "list", "--custom").stdout == "no exercises\n"
    report(flux("import", FIX_STRONG_CLASSIC, "--json"))
    text = flux("exercises", "list", "--custom").stdout
    assert any(
        line.startswith("Leg Press Keller") and line.endswith("3 sets")
        for line in text.splitlines()
    )


def test_aliasing_a_custom_exercise_folds_it_into_the_catalogue_one(
    flux: Flux, db_path: Path
) -> None:
    report(flux("import", FIX_STRONG_CLASSIC, "--json"))
    leg_press_before = _sets_of(db_path, "Leg Press")

    result = flux("exercises", "alias", "Leg Press Keller", "leg press", "--json")

    assert json.loads(result.stdout) == {
        "alias": "Leg Press Keller",
        "exercise": "Leg Press",
        "changed": True,
        "merged": "Leg Press Keller",
        "sets_moved": 3,
    }
    assert _sets_of(db_path, "Leg Press") == leg_press_before + 3
    customs = json.loads(flux("exercises", "list", "--custom", "--json").stdout)
    assert "Leg Press Keller" not in {item["name"] for item in customs}
    # A later import of the same name lands on the catalogue exercise.
    assert report(flux("import", FIX_STRONG_CLASSIC, "--json"))["workouts_added"] == 0


def test_an_alias_for_a_name_never_seen_is_used_by_the_next_import(
    flux: Flux, db_path: Path, tmp_path: Path
) -> None:
    result = flux("exercises", "alias", "Kniebeuge", "Back Squat")
    assert result.exit_code == 0
    assert result.stdout == "'Kniebeuge' now means Back Squat\n"
    path = write_strong(
        tmp_path / "de.csv", ['2024-05-01 10:00:00,"Beine",1h,"Kniebeuge",1,100,5,0,0,"",,\n']
    )

    data = report(flux("import", path, "--json"))

    assert data["custom_exercises"] == []
    assert _sets_of(db_path, "Back Squat") == 1


def test_aliasing_twice_is_a_no_op(flux: Flux) -> None:
    assert flux("exercises", "alias", "Kniebeuge", "Back Squat").exit_code == 0
    result = flux("exercises", "alias", "kniebeuge", "back squat")
    assert result.exit_code == 0
    assert result.stdout == "'kniebeuge' already means Back Squat\n"


def test_a_catalogue_name_cannot_be_re_pointed(flux: Flux) -> None:
    result = flux("exercises", "alias", "Front Squat", "Back Squat")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "flux: error: 'Front Squat' is the name of the catalogue exercise 'Front Squat'"
    )


def test_an_unknown_target_is_exit_2_with_suggestions(flux: Flux) -> None:
    result = flux("exercises", "alias", "Kniebeuge", "Bak Squat")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "flux: error: unknown exercise 'Bak Squat'"
    assert result.stderr.splitlines()[1].startswith("hint: did you mean: Back Squat")


def test_exercise_list_as_csv_and_jsonl_has_one_row_per_exercise(flux: Flux) -> None:
    import csv
    import io

    listed = json.loads(flux("exercises", "list", "--json").stdout)
    as_csv = list(csv.DictReader(io.StringIO(flux("exercises", "list", "--csv").stdout)))
    as_jsonl = [
        json.loads(line) for line in flux("exercises", "list", "--jsonl").stdout.splitlines()
    ]
    assert [row["name"] for row in as_csv] == [row["name"] for row in listed]
    assert as_jsonl == listed
    squat = next(row for row in as_csv if row["name"] == "Back Squat")
    assert squat["pattern"] == "SQUAT" and "Squat (Barbell)" in squat["aliases"]
