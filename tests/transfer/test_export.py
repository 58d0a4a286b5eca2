"""`flux export`: flux CSV/JSONL round-trip byte for byte; Strong CSV re-imports; filters."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from transfer_support import (
    ALL_SAMPLES,
    COUNTABLE_FIXTURES,
    FIX_STRONG_2025,
    FIX_STRONG_CLASSIC,
    STRONG_CLASSIC,
    Counts,
    Flux,
    expected_counts,
    needs_samples,
    report,
    stored_counts,
    write_strong,
)

FLUX_FORMATS = {"csv": "flux-csv", "jsonl": "flux-jsonl"}


def export(flux: Flux, *args: str, profile: str = "default") -> str:
    result = flux("--profile", profile, "export", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def _build_history(flux: Flux, files: list[Path]) -> None:
    """Every export imported, plus a planned session and an ad-hoc one flux recorded itself."""
    report(flux("import", *files, "--json"))
    day = ("--date", "2025-10-02")
    for command in (
        ("checkin", "knee_pain=1", "energy=8", *day),
        ("session", "start", *day),
        ("log", "Back Squat", "100x5x2", "--rpe", "8", *day),
        ("session", "complete"),
        ("log", "Plank", "60s", "--meta", "side=left", "--date", "2025-10-03"),
        ("session", "complete"),
    ):
        result = flux(*command)
        assert result.exit_code == 0, result.output


@pytest.fixture(
    params=[
        pytest.param(COUNTABLE_FIXTURES, id="fixtures"),
        pytest.param(ALL_SAMPLES, id="samples", marks=needs_samples),
    ]
)
def history(
    flux: Flux,
    request: pytest.FixtureRequest,
    prepared_home: Callable[[str, Callable[[], None]], None],
) -> list[Path]:
    """The history `_build_history` makes of the files, copied into this test's home.

    Run over the project's fixtures, and over the real samples when ../shared is there; each
    history is built once per run.
    """
    files: list[Path] = request.param
    prepared_home(f"export-history-{request.param_index}", lambda: _build_history(flux, files))
    return files


@pytest.mark.parametrize("fmt", FLUX_FORMATS)
def test_export_import_into_an_empty_profile_export_is_identical(
    flux: Flux, history: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    first = export(flux, "--format", fmt)
    path = tmp_path / f"history.{fmt}"
    path.write_text(first, encoding="utf-8")

    # Into a fresh database as well as into an empty profile of the same one.
    data = report(flux("--profile", "copy", "import", path, "--json"))
    monkeypatch.setenv("FLUX_HOME", str(tmp_path / "elsewhere"))
    elsewhere = report(flux("import", path, "--json"))

    assert data["files"][0]["format"] == FLUX_FORMATS[fmt]
    assert data["skipped_rows"] == elsewhere["skipped_rows"] == []
    assert export(flux, "--format", fmt) == first
    monkeypatch.setenv("FLUX_HOME", str(tmp_path))
    assert export(flux, "--format", fmt, profile="copy") == first
    assert stored_counts(tmp_path / "flux.db", "copy") == stored_counts(tmp_path / "flux.db")


@pytest.mark.parametrize("fmt", FLUX_FORMATS)
def test_re_importing_an_export_into_its_own_profile_adds_nothing(
    flux: Flux, history: list[Path], tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / f"history.{fmt}"
    path.write_text(export(flux, "--format", fmt), encoding="utf-8")
    before = stored_counts(tmp_path / "flux.db")

    data = report(flux("import", path, "--json"))

    assert data["workouts_added"] == data["activities_added"] == 0
    assert stored_counts(tmp_path / "flux.db") == before


def test_flux_csv_holds_every_set_and_activity(
    flux: Flux, history: list[Path], tmp_path: Path
) -> None:
    rows = list(csv.DictReader(io.StringIO(export(flux))))
    imported = Counts(
        workouts=sum(expected_counts(path).workouts for path in history) + 2,
        sets=sum(expected_counts(path).sets for path in history) + 3,
        activities=sum(expected_counts(path).activities for path in history),
    )

    sets = [row for row in rows if row["record"] == "set"]
    assert len(sets) == imported.sets
    assert len({(row["source"], row["session_id"]) for row in sets}) == imported.workouts
    assert sum(row["record"] == "activity" for row in rows) == imported.activities
    native = [row for row in sets if row["source"] == "flux"]
    assert [row["exercise"] for row in native] == ["Back Squat", "Back Squat", "Plank"]
    assert native[0]["session_id"].startswith("flux-")
    planned, ad_hoc = native[0], native[2]
    assert json.loads(planned["plan"])["archetype"] == planned["archetype"]
    assert "verification" in json.loads(planned["result"])
    assert native[1]["plan"] == ""  # session-wide objects are on a session's first row only
    assert ad_hoc["plan"] == ""
    assert json.loads(ad_hoc["metadata"]) == {"side": "left"}
    assert [row["date"] for row in sets] == sorted(row["date"] for row in sets)


def test_jsonl_lines_are_objects_without_empty_fields(flux: Flux, history: list[Path]) -> None:
    lines = export(flux, "--format", "jsonl").splitlines()
    first = json.loads(lines[0])
    assert first["record"] == "set"
    assert all(value is not None for value in first.values())
    assert all(line.startswith("{") for line in lines)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(FIX_STRONG_CLASSIC, id="fixture"),
        pytest.param(STRONG_CLASSIC, id="sample", marks=needs_samples),
    ],
)
def test_strong_export_re_imports_as_the_same_workouts(
    flux: Flux, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: Path
) -> None:
    report(flux("import", source, "--json"))
    text = export(flux, "--format", "strong")
    header = text.splitlines()[0]
    assert header == (
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
        "Notes,Workout Notes,RPE"
    )
    path = tmp_path / "strong-again.csv"
    path.write_text(text, encoding="utf-8")

    # Into the same profile: the workouts are recognised (same start, name and source).
    assert report(flux("import", path, "--json"))["workouts_added"] == 0
    monkeypatch.setenv("FLUX_HOME", str(tmp_path / "elsewhere"))
    again = report(flux("import", path, "--json"))
    assert again["files"][0]["format"] == "strong"
    assert stored_counts(tmp_path / "elsewhere" / "flux.db") == expected_counts(source)


def test_strong_export_writes_durations_and_set_types(flux: Flux, tmp_path: Path) -> None:
    report(flux("import", FIX_STRONG_2025, "--json"))
    rows = list(csv.DictReader(io.StringIO(export(flux, "--format", "strong"))))
    assert rows[0]["Date"] == "2025-02-03 18:10:04"
    assert rows[0]["Duration"] == "1h 5m"
    assert rows[0]["Exercise Name"] == "Bench Press"
    assert rows[0]["Weight"] == "61.23492"
    assert [row["Set Order"] for row in rows[:4]] == ["1", "2", "1", "2"]


def test_since_and_exercise_filter_the_export(flux: Flux, history: list[Path]) -> None:
    rows = list(csv.DictReader(io.StringIO(export(flux, "--since", "2025-09-01"))))
    assert rows and all(row["date"] >= "2025-09-01" for row in rows)
    squats = list(csv.DictReader(io.StringIO(export(flux, "--exercise", "back squat"))))
    assert squats and {row["exercise"] for row in squats} == {"Back Squat"}
    assert all(row["record"] == "set" for row in squats)


def test_unknown_exercise_is_exit_2_with_suggestions(flux: Flux, history: list[Path]) -> None:
    result = flux("export", "--exercise", "Back Squatt")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "flux: error: unknown exercise 'Back Squatt'",
        "hint: did you mean: Back Squat, Hack Squat, Box Squat?",
    ]


def test_output_file_is_written_whole(flux: Flux, history: list[Path], tmp_path: Path) -> None:
    target = tmp_path / "out" / "history.csv"
    target.parent.mkdir()

    result = flux("export", "-o", target)

    assert result.exit_code == 0
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == export(flux)
    assert [path.name for path in target.parent.iterdir()] == ["history.csv"]
    assert result.stderr.startswith("wrote ")


def test_an_empty_profile_exports_a_header_only(flux: Flux) -> None:
    assert export(flux).count("\n") == 1
    assert export(flux, "--format", "jsonl") == ""


def test_bad_export_options_are_exit_2(flux: Flux) -> None:
    assert flux("export", "--format", "xml").exit_code == 2
    result = flux("export", "--since", "yesterday")
    assert result.exit_code == 2
    assert "bad date 'yesterday'" in result.stderr


def test_strong_export_marks_warm_ups_and_numbers_working_sets(flux: Flux, tmp_path: Path) -> None:
    lines = [
        '2024-05-01 10:00:00,"Legs",1h 5m,"Squat (Barbell)",W,60,5,0,0,"",,\n',
        '2024-05-01 10:00:00,"Legs",1h 5m,"Squat (Barbell)",1,100,5,0,0,"",,8\n',
        '2024-05-01 10:00:00,"Legs",1h 5m,"Squat (Barbell)",2,100,5,0,0,"deep",,8.5\n',
        '2024-05-01 10:00:00,"Legs",1h 5m,"Plank",1,0,0,0,60,"",,\n',
    ]
    report(flux("import", write_strong(tmp_path / "in.csv", lines), "--json"))

    rows = list(csv.reader(io.StringIO(export(flux, "--format", "strong"))))[1:]

    assert [row[3:9] for row in rows] == [
        ["Back Squat", "W", "60.0", "5", "0", "0"],
        ["Back Squat", "1", "100.0", "5", "0", "0"],
        ["Back Squat", "2", "100.0", "5", "0", "0"],
        ["Plank", "1", "0", "0", "0", "60.0"],
    ]
    assert [row[9] for row in rows] == ["", "", "deep", ""]
    assert [row[11] for row in rows] == ["", "8.0", "8.5", ""]
    assert rows[0][2] == "1h 5m"
