"""Malformed input refuses the whole import (exit 2, the line named, nothing written),
unless --skip-invalid imports the rest and lists the bad rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from transfer_support import (
    FIX_HEVY,
    FIX_STRONG_2025,
    STRONG_HEADER,
    Counts,
    Flux,
    report,
    stored_counts,
    strong_rows,
    write_strong,
)

GOOD = list(strong_rows(2, sets_per_workout=3))  # file lines 2-7
BAD_DATE = '2024-05-09 25:61:00,"Legs",1h,"Squat (Barbell)",1,100,5,0,0,"",,8\n'
TEXT_WEIGHT = '2024-05-01 10:00:00,"Legs",1h,"Squat (Barbell)",4,heavy,5,0,0,"",,8\n'


def _strong(*lines: str) -> bytes:
    return (STRONG_HEADER + "\n" + "".join(lines)).encode()


CASES: dict[str, tuple[bytes, list[str], str]] = {
    "bad date": (
        _strong(*GOOD, BAD_DATE),
        [],
        "line 8: date '2024-05-09 25:61:00' is not a date and time",
    ),
    "text in a number column": (
        _strong(*GOOD[:3], TEXT_WEIGHT, *GOOD[3:]),
        [],
        "line 5: weight 'heavy' is not a number",
    ),
    "missing column": (
        b"Date,Workout Name,Exercise Name,Weight,Reps\n2024-05-01 10:00:00,A,Squat,100,5\n",
        ["--format", "strong"],
        "line 1: not a strong export: no Set Order column",
    ),
    "truncated file": (
        _strong(*GOOD) + b'2024-05-02 10:00:00,"Legs",1h,"Squat (Bar',
        [],
        "line 8: file ends inside a quoted field",
    ),
    "binary file": (
        b"PK\x03\x04\x14\x00\x08\x00\x08\x00\xff\xfe\x00\x00junk\n\x00\x01\x02",
        [],
        "line 1: not a text file",
    ),
    "empty file": (b"", [], "line 1: file is empty"),
    "wrong forced format": (
        FIX_HEVY.read_bytes(),
        ["--format", "strong"],
        "line 1: not a strong export",
    ),
    "unknown header": (b"when,what\n2024-05-01,squats\n", [], "line 1: unrecognised header"),
    "bad flux jsonl line": (
        b'{"session_id":"a","date":"2024-05-01","exercise":"Plank","seconds":60}\n'
        b'{"session_id":"a","date":"2024-05-01","exercise":"Plank","seconds":"long"}\n',
        [],
        "line 2: seconds 'long' is not a number",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_malformed_input_refuses_everything_naming_the_line(
    flux: Flux, db_path: Path, tmp_path: Path, case: str
) -> None:
    content, options, message = CASES[case]
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    # A good file first: it must not be written either (one transaction for all files).
    good = write_strong(tmp_path / "good.csv", GOOD)

    result = flux("import", good, bad, *options)

    assert result.exit_code == 2, result.output
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"flux: error: {bad}")
    assert message in first
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert stored_counts(db_path) == Counts()


def test_a_refused_row_names_the_fix(flux: Flux, tmp_path: Path) -> None:
    result = flux("import", write_strong(tmp_path / "bad.csv", [*GOOD, BAD_DATE]))
    assert result.stderr.splitlines()[1] == (
        "hint: fix the file, or pass --skip-invalid to import the other rows and list the bad ones"
    )


def test_skip_invalid_imports_the_rest_and_lists_the_bad_rows(
    flux: Flux, db_path: Path, tmp_path: Path
) -> None:
    path = write_strong(tmp_path / "some-bad.csv", [*GOOD[:3], TEXT_WEIGHT, *GOOD[3:], BAD_DATE])

    data = report(flux("import", path, "--skip-invalid", "--json"))

    assert [(row["line"], row["reason"]) for row in data["skipped_rows"]] == [
        (5, "weight 'heavy' is not a number"),
        (9, "date '2024-05-09 25:61:00' is not a date and time"),
    ]
    assert data["files"][0]["rows_skipped"] == 2
    assert stored_counts(db_path) == Counts(workouts=2, sets=6)


def test_skip_invalid_text_report_lists_each_line(flux: Flux, tmp_path: Path) -> None:
    path = write_strong(tmp_path / "some-bad.csv", [*GOOD, BAD_DATE])

    result = flux("import", path, "--skip-invalid")

    assert result.exit_code == 0
    assert "skipped rows (1):" in result.stdout
    assert f"  {path} line 8: date '2024-05-09 25:61:00' is not a date and time" in (
        result.stdout.splitlines()
    )


def test_skip_invalid_does_not_excuse_a_bad_header(flux: Flux, db_path: Path) -> None:
    result = flux("import", FIX_HEVY, "--format", "strava", "--skip-invalid")
    assert result.exit_code == 2
    assert "not a strava export" in result.stderr
    assert "--format hevy" in result.stderr  # the hint names the right format
    assert stored_counts(db_path) == Counts()


def test_a_bad_row_on_stdin_is_named_by_line(flux: Flux, db_path: Path) -> None:
    text = STRONG_HEADER + "\n" + "".join([*GOOD, BAD_DATE])
    result = flux("import", "-", input=text)
    assert result.exit_code == 2
    assert result.stderr.startswith("flux: error: <stdin> line 8: date")
    assert stored_counts(db_path) == Counts()


def test_a_directory_is_refused(flux: Flux, tmp_path: Path) -> None:
    result = flux("import", tmp_path)
    assert result.exit_code == 2
    assert "is a directory" in result.stderr


def test_existing_history_is_untouched_by_a_refused_import(
    flux: Flux, db_path: Path, tmp_path: Path
) -> None:
    report(flux("import", FIX_STRONG_2025, "--json"))
    before = stored_counts(db_path)

    result = flux("import", write_strong(tmp_path / "bad.csv", [*GOOD, BAD_DATE]))

    assert result.exit_code == 2
    assert stored_counts(db_path) == before
