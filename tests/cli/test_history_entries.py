"""`flux history`: statuses marked and filtered, imported activities beside sessions, and one
meaning of --limit in every format (issue 8, defects 8 and 13)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.cli.conftest import Flux, as_json

SHARED_STRAVA = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "data"
    / "imports"
    / "strava"
    / "JoBoSo-Strava-Activity-Map__activities.csv"
)
STRAVA_HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,"
    "Distance,Max Heart Rate,Relative Effort,Commute,Elapsed Time,Moving Time,Distance,"
    "Max Heart Rate,Average Heart Rate,Average Watts,Commute"
)
STRAVA_ROWS = (
    f"{STRAVA_HEADER}\n"
    '11,"Nov 2, 2026, 5:10:37 PM",Evening Ride,Ride,,3725,30.5,171,,false,'
    "3725.0,3400.0,30512.4,171,142.5,215.0,0.0\n"
    '12,"Nov 4, 2026, 6:00:00 AM",=HYPERLINK(1),Run,,1800,5.0,,,false,,1750.0,5012.0,,,,0.0\n'
)
FORMATS = ("json", "csv", "jsonl")


def _abandoned_after_a_completed_one(flux: Flux) -> tuple[int, int]:
    """A completed ad-hoc session on Nov 1, then an abandoned one without sets on Nov 3."""
    done = as_json(flux("log", "Back Squat", "100x5x2", "--date", "2026-11-01", "--json"))
    as_json(flux("session", "complete", "--json"))
    as_json(flux("checkin", "knee_pain=1", "energy=8", "--date", "2026-11-03", "--json"))
    dropped = as_json(flux("session", "start", "--date", "2026-11-03", "--json"))
    as_json(flux("session", "abandon", "--json"))
    return done["session_id"], dropped["session_id"]


def _import_strava(flux: Flux, tmp_path: Path) -> None:
    path = tmp_path / "activities.csv"
    path.write_text(STRAVA_ROWS, encoding="utf-8")
    result = flux("import", str(path), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["activities_added"] == 2


def _entries(flux: Flux, fmt: str, *args: str) -> list[tuple[str, str]]:
    """(kind, date) of each entry in one output format; set rows fold into their session."""
    result = flux("history", *args, f"--{fmt}")
    assert result.exit_code == 0, result.output
    if fmt == "json":
        rows = json.loads(result.stdout)
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
    else:
        rows = [json.loads(line) for line in result.stdout.splitlines()]
    entries: list[tuple[str, str]] = []
    seen: set[str] = set()
    for row in rows:
        key = str(row.get("session_id") or "") or f"activity {row['external_id']}"
        if key not in seen:
            seen.add(key)
            entries.append((row["kind"], row["date"]))
    return entries


# ---------------------------------------------------------------------------- defect 8


def test_abandon_says_what_happens(flux: Flux) -> None:
    as_json(flux("checkin", "knee_pain=1", "energy=8", "--date", "2026-11-03", "--json"))
    started = as_json(flux("session", "start", "--date", "2026-11-03", "--json"))
    result = flux("session", "abandon")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"session #{started['session_id']} abandoned"
        " (kept in history, marked; never counts toward plans)"
    ]


def test_history_marks_abandoned_sessions(flux: Flux) -> None:
    done, dropped = _abandoned_after_a_completed_one(flux)
    result = flux("history")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"2026-11-03 #{dropped} ")
    assert lines[0].endswith(" abandoned · 0 sets")
    assert lines[1].endswith(" completed · 2 sets") and f"#{done} " in lines[1]


@pytest.mark.parametrize("fmt", FORMATS)
def test_status_filters_in_every_format(flux: Flux, fmt: str) -> None:
    _abandoned_after_a_completed_one(flux)
    assert _entries(flux, fmt, "--status", "abandoned") == [("session", "2026-11-03")]
    assert _entries(flux, fmt, "--status", "completed") == [("session", "2026-11-01")]
    assert _entries(flux, fmt, "--status", "active") == []


def test_a_bad_status_or_kind_is_bad_input(flux: Flux) -> None:
    result = flux("history", "--status", "skipped")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "flux: error: bad --status 'skipped'",
        "hint: use one of: all, planned, active, completed, abandoned",
    ]
    result = flux("history", "--kind", "rides")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "flux: error: bad --kind 'rides'",
        "hint: use one of: all, sessions, activities",
    ]
    result = flux("history", "--kind", "activities", "--status", "completed")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "flux: error: activities have no exercises or status to filter by",
        "hint: drop --exercise and --status, or use --kind sessions",
    ]


def test_limit_one_csv_prints_the_latest_session_even_without_sets(flux: Flux) -> None:
    _, dropped = _abandoned_after_a_completed_one(flux)
    result = flux("history", "--limit", "1", "--csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(row["session_id"], row["status"], row["set_id"]) for row in rows] == [
        (str(dropped), "abandoned", "")
    ]


@pytest.mark.parametrize("limit", ["1", "2", "3", "4"])
def test_limit_counts_the_same_entries_in_every_format(
    flux: Flux, tmp_path: Path, limit: str
) -> None:
    _abandoned_after_a_completed_one(flux)
    _import_strava(flux, tmp_path)
    newest_first = [
        ("activity", "2026-11-04"),
        ("session", "2026-11-03"),
        ("activity", "2026-11-02"),
        ("session", "2026-11-01"),
    ]
    for fmt in FORMATS:
        assert _entries(flux, fmt, "--limit", limit) == newest_first[: int(limit)], fmt
    text = flux("history", "--limit", limit).stdout
    assert sum(line[:10].startswith("2026-") for line in text.splitlines()) == int(limit)


def test_limit_help_says_what_it_counts(flux: Flux) -> None:
    result = flux("history", "--help")
    assert "At most N entries (sessions or activities)" in " ".join(result.stdout.split())


# ---------------------------------------------------------------------------- defect 13


def test_imported_activities_show_beside_sessions(flux: Flux, tmp_path: Path) -> None:
    _import_strava(flux, tmp_path)
    result = flux("history")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "2026-11-04 Run · =HYPERLINK(1) activity · 30:00 · 5.01 km",
        "2026-11-02 Ride · Evening Ride activity · 1:02:05 · 30.51 km · 142 bpm · 215 W",
    ]


def test_activities_in_json(flux: Flux, tmp_path: Path) -> None:
    _import_strava(flux, tmp_path)
    run, ride = as_json(flux("history", "--json"))
    assert ride == {
        "kind": "activity",
        "date": "2026-11-02",
        "activity_type": "Ride",
        "activity_name": "Evening Ride",
        "source": "strava",
        "external_id": "11",
        "started_at": "2026-11-02T17:10:37+00:00",
        "elapsed_s": 3725.0,
        "moving_s": 3400.0,
        "distance_m": 30512.4,
        "avg_hr": 142.5,
        "max_hr": 171.0,
        "avg_watts": 215.0,
    }
    assert run["external_id"] == "12" and run["avg_hr"] is None


def test_activities_in_csv_and_jsonl(flux: Flux, tmp_path: Path) -> None:
    _import_strava(flux, tmp_path)
    rows = list(csv.DictReader(io.StringIO(flux("history", "--csv").stdout)))
    assert [(r["kind"], r["activity_type"], r["elapsed_s"], r["distance_m"]) for r in rows] == [
        ("activity", "Run", "1800.0", "5012.0"),
        ("activity", "Ride", "3725.0", "30512.4"),
    ]
    assert rows[0]["activity_name"] == "'=HYPERLINK(1)", "a formula is neutralised in CSV"
    lines = [json.loads(line) for line in flux("history", "--jsonl").stdout.splitlines()]
    assert [(line["kind"], line["activity_name"]) for line in lines] == [
        ("activity", "=HYPERLINK(1)"),
        ("activity", "Evening Ride"),
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_kind_filters_in_every_format(flux: Flux, tmp_path: Path, fmt: str) -> None:
    _abandoned_after_a_completed_one(flux)
    _import_strava(flux, tmp_path)
    assert _entries(flux, fmt, "--kind", "activities") == [
        ("activity", "2026-11-04"),
        ("activity", "2026-11-02"),
    ]
    assert _entries(flux, fmt, "--kind", "sessions") == [
        ("session", "2026-11-03"),
        ("session", "2026-11-01"),
    ]
    assert _entries(flux, fmt, "--since", "2026-11-02", "--until", "2026-11-03") == [
        ("session", "2026-11-03"),
        ("activity", "2026-11-02"),
    ]
    assert _entries(flux, fmt, "--exercise", "Back Squat") == [("session", "2026-11-01")]


def test_empty_history_says_what_is_missing(flux: Flux) -> None:
    assert flux("history").stdout == "no sessions or activities\n"
    assert flux("history", "--kind", "activities").stdout == "no activities\n"


def test_the_real_strava_export_is_visible(flux: Flux) -> None:
    if not SHARED_STRAVA.exists():
        pytest.skip(f"{SHARED_STRAVA} is absent (the project's ../shared samples)")
    imported = flux("import", str(SHARED_STRAVA), "--json")
    assert imported.exit_code == 0, imported.output
    added = json.loads(imported.stdout)["activities_added"]
    entries = as_json(flux("history", "--kind", "activities", "--json"))
    assert added > 0 and len(entries) == added
    assert all(entry["kind"] == "activity" for entry in entries)
    assert [e["date"] for e in entries] == sorted((e["date"] for e in entries), reverse=True)
    lines = flux("history", "--limit", "3").stdout.splitlines()
    assert len(lines) == 3 and all(" activity · " in line for line in lines)


def test_an_entry_stays_on_one_line_in_a_narrow_terminal(
    flux: Flux, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    _import_strava(flux, tmp_path)
    lines = flux("history", "--kind", "activities").stdout.splitlines()
    assert len(lines) == 2 and lines[1].endswith("· 142 bpm · 215 W")
