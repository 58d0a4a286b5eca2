"""Dry runs, idempotency, overlapping exports, stdin, time zones, units and the report."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
import sys
from pathlib import Path

import pytest
from transfer_support import (
    FIX_HEVY,
    FIX_STRONG_2025,
    FIX_STRONG_CLASSIC,
    HEVY,
    STRONG_2025,
    STRONG_CLASSIC,
    Counts,
    Flux,
    earlier_export,
    expected_counts,
    needs_samples,
    report,
    stored_counts,
    strong_rows,
    write_strong,
)


def test_dry_run_reports_everything_and_writes_nothing(flux: Flux, db_path: Path) -> None:
    expected = expected_counts(FIX_STRONG_CLASSIC)

    dry = report(flux("import", FIX_STRONG_CLASSIC, "--dry-run", "--json"))

    assert dry["dry_run"] is True
    assert (dry["workouts_added"], dry["sets_added"]) == (expected.workouts, expected.sets)
    assert dry["custom_exercises"]
    assert stored_counts(db_path) == Counts()
    assert report(flux("exercises", "list", "--custom", "--json")) == []
    real = report(flux("import", FIX_STRONG_CLASSIC, "--json"))
    assert real["custom_exercises"] == dry["custom_exercises"]


def test_dry_run_text_says_nothing_was_written(flux: Flux) -> None:
    result = flux("import", FIX_STRONG_2025, "--dry-run")
    assert result.exit_code == 0
    assert "would add 4 workouts, 12 sets" in result.stdout
    assert "dry run: nothing was written" in result.stdout


def test_same_file_twice_adds_nothing(flux: Flux, db_path: Path) -> None:
    report(flux("import", FIX_HEVY, "--json"))
    before = stored_counts(db_path)

    again = report(flux("import", FIX_HEVY, "--json"))

    assert stored_counts(db_path) == before
    assert again["workouts_added"] == again["sets_added"] == 0
    assert again["duplicates_skipped"] == before.workouts


@pytest.mark.parametrize(
    ("path", "earlier", "newest_first"),
    [
        (FIX_STRONG_CLASSIC, 2, False),
        (FIX_STRONG_2025, 3, False),
        (FIX_HEVY, 2, True),
        pytest.param(STRONG_CLASSIC, 50, False, marks=needs_samples),
        pytest.param(STRONG_2025, 3, False, marks=needs_samples),
        pytest.param(HEVY, 100, True, marks=needs_samples),
    ],
    ids=lambda value: getattr(value, "name", str(value)),
)
def test_an_overlapping_later_export_adds_only_the_new_workouts(
    flux: Flux,
    db_path: Path,
    tmp_path: Path,
    path: Path,
    earlier: int,
    newest_first: bool,
) -> None:
    early = tmp_path / f"early-{path.name}"
    early.write_text(earlier_export(path, earlier, newest_first=newest_first), encoding="utf-8")
    full = expected_counts(path)

    first = report(flux("import", early, "--json"))
    later = report(flux("import", path, "--json"))

    assert first["workouts_added"] == earlier
    assert later["workouts_added"] == full.workouts - earlier
    assert later["duplicates_skipped"] == earlier
    assert stored_counts(db_path) == full


def test_the_same_workouts_twice_in_one_import_are_stored_once(
    flux: Flux, db_path: Path, tmp_path: Path
) -> None:
    early = tmp_path / "early.csv"
    early.write_text(earlier_export(FIX_STRONG_2025, 3), encoding="utf-8")

    data = report(flux("import", early, FIX_STRONG_2025, "--json"))

    assert data["workouts_added"] == 4
    assert [item["duplicates_skipped"] for item in data["files"]] == [0, 3]
    assert stored_counts(db_path) == expected_counts(FIX_STRONG_2025)


def test_exact_duplicate_rows_inside_a_workout_are_kept_as_sets(
    flux: Flux, db_path: Path, tmp_path: Path
) -> None:
    rows = list(strong_rows(1, sets_per_workout=2))
    path = write_strong(tmp_path / "twice.csv", [*rows, rows[-1]])

    report(flux("import", path, "--json"))
    report(flux("import", path, "--json"))

    assert stored_counts(db_path) == Counts(workouts=1, sets=3)


def test_stdin_is_read_with_a_dash(flux: Flux, db_path: Path) -> None:
    data = report(flux("import", "-", "--json", input=FIX_STRONG_2025.read_bytes()))

    assert data["files"][0]["file"] == "<stdin>"
    assert stored_counts(db_path) == expected_counts(FIX_STRONG_2025)


def test_profiles_are_kept_apart(flux: Flux, db_path: Path) -> None:
    report(flux("--profile", "ann", "import", FIX_STRONG_2025, "--json"))
    bob = report(flux("--profile", "bob", "import", FIX_STRONG_2025, "--json"))

    assert bob["workouts_added"] == 4
    assert stored_counts(db_path, "ann") == stored_counts(db_path, "bob")
    assert stored_counts(db_path) == Counts()


def _first_session(db_path: Path) -> tuple[str, str, str]:
    with sqlite3.connect(db_path) as connection:
        first: tuple[str, str, str] = connection.execute(
            "SELECT date, started_at, external_id FROM workout_sessions ORDER BY started_at"
        ).fetchone()
    return first


def test_tz_places_wall_clock_times_but_keeps_dates_and_ids(
    flux: Flux, db_path: Path, tmp_path: Path
) -> None:
    path = write_strong(
        tmp_path / "late.csv", ['2024-05-01 23:30:00,"Late",1h,"Plank",1,0,0,0,60,"",,\n']
    )
    report(flux("import", path, "--json"))
    utc_date, utc_start, utc_id = _first_session(db_path)
    (tmp_path / "flux.db").unlink()

    report(flux("import", path, "--tz", "America/New_York", "--json"))
    ny_date, ny_start, ny_id = _first_session(db_path)

    assert utc_date == ny_date == "2024-05-01"
    assert utc_start.startswith("2024-05-01 23:30:00")
    assert ny_start.startswith("2024-05-02 03:30:00")  # stored in UTC
    assert utc_id == ny_id


def test_units_lb_converts_a_strong_file_without_units(
    flux: Flux, db_path: Path, tmp_path: Path
) -> None:
    path = write_strong(
        tmp_path / "lb.csv", ['2024-05-01 10:00:00,"A",1h,"Squat (Barbell)",1,225,5,0,0,"",,\n']
    )

    report(flux("import", path, "--units", "lb", "--json"))

    with sqlite3.connect(db_path) as connection:
        weight, metadata = connection.execute(
            "SELECT weight_kg, metadata FROM workout_sets"
        ).fetchone()
    assert weight == pytest.approx(225 * 0.45359237)
    assert '"weight_lb": 225.0' in metadata


def test_the_profile_unit_setting_is_the_default(flux: Flux, db_path: Path, tmp_path: Path) -> None:
    path = write_strong(
        tmp_path / "lb.csv", ['2024-05-01 10:00:00,"A",1h,"Squat (Barbell)",1,100,5,0,0,"",,\n']
    )
    assert flux("profile", "set", "units=lb").exit_code == 0

    report(flux("import", path, "--json"))

    with sqlite3.connect(db_path) as connection:
        (weight,) = connection.execute("SELECT weight_kg FROM workout_sets").fetchone()
    assert weight == pytest.approx(45.359237)


def test_imported_sessions_are_completed_with_their_times(flux: Flux, db_path: Path) -> None:
    report(flux("import", FIX_STRONG_2025, "--json"))

    with sqlite3.connect(db_path) as connection:
        rows = connection.execute(
            "SELECT status, source, date, started_at, ended_at, session_name FROM workout_sessions"
            " ORDER BY started_at"
        ).fetchall()
    assert {row[:2] for row in rows} == {("completed", "strong")}
    date, started, ended, name = rows[0][2:]
    assert (date, name) == ("2025-02-03", "Push")
    start = dt.datetime.fromisoformat(started)
    assert dt.datetime.fromisoformat(ended) - start == dt.timedelta(seconds=3912)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tz", "Mars/Olympus"], "unknown time zone 'Mars/Olympus'"),
        (["--units", "stone"], "bad --units 'stone'"),
        (["--format", "garmin"], "unknown format 'garmin'"),
    ],
)
def test_bad_options_are_exit_2(flux: Flux, args: list[str], message: str) -> None:
    result = flux("import", FIX_STRONG_2025, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"flux: error: {message}")
    assert "hint:" in result.stderr


def test_missing_file_is_exit_2_before_anything_is_read(flux: Flux, db_path: Path) -> None:
    result = flux("import", FIX_STRONG_2025, "no-such.csv")
    assert result.exit_code == 2
    assert "flux: error: no-such.csv: does not exist" in result.stderr
    assert stored_counts(db_path) == Counts()


def test_text_report_lists_files_totals_and_custom_exercises(flux: Flux) -> None:
    result = flux("import", FIX_STRONG_CLASSIC, FIX_STRONG_2025)

    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].endswith("(strong): added 3 workouts, 22 sets, 0 activities; 0 already there")
    assert lines[2].startswith("total: added 7 workouts, 34 sets")
    assert "  Leg Press Keller" in lines
    assert "flux exercises alias" in result.stdout


def test_quiet_prints_nothing_on_success(flux: Flux, db_path: Path) -> None:
    result = flux("import", FIX_STRONG_2025, "--quiet")
    assert result.exit_code == 0
    assert result.stdout == result.stderr == ""
    assert stored_counts(db_path).workouts == 4


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_for_real_files_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from flux_cli.cli.transfer import _progress
    from flux_cli.services.importing import ImportSource

    file_source = ImportSource(name=str(FIX_STRONG_2025), path=FIX_STRONG_2025)
    stdin_source = ImportSource(name="<stdin>", stream=io.BytesIO())
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)

    with _progress([file_source], enabled=True) as advance:
        assert advance is not None
        advance(file_source, FIX_STRONG_2025.stat().st_size)
    with _progress([stdin_source], enabled=True) as advance:
        assert advance is None
    with _progress([file_source], enabled=False) as advance:  # --quiet
        assert advance is None
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with _progress([file_source], enabled=True) as advance:  # not a terminal
        assert advance is None
