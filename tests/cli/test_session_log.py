from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from tests.cli.conftest import Flux, as_json
from tests.plan_support import lead_of

DAY = "2026-11-21"


def _start_green_day(flux: Flux, day: str = DAY) -> dict[str, Any]:
    as_json(flux("checkin", "knee_pain=1", "energy=8", "--date", day, "--json"))
    parsed: dict[str, Any] = as_json(flux("session", "start", "--date", day, "--json"))
    return parsed


def test_start_requires_a_checkin(flux: Flux) -> None:
    result = flux("session", "start", "--date", DAY)
    assert result.exit_code == 1
    error, hint = result.stderr.splitlines()
    assert error == f"flux: error: no check-in for {DAY}"
    assert hint.startswith("hint: ") and "flux checkin" in hint


def test_complete_without_active_session_is_exit_1(flux: Flux) -> None:
    result = flux("session", "complete")
    assert result.exit_code == 1
    assert result.stderr.startswith("flux: error: no active session")


def test_abandon_without_active_session_is_exit_1(flux: Flux) -> None:
    result = flux("session", "abandon")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "flux: error: no active session"


def test_second_start_is_refused(flux: Flux) -> None:
    _start_green_day(flux)
    result = flux("session", "start", "--date", DAY)
    assert result.exit_code == 1
    assert "already active" in result.stderr


def test_start_log_show_complete(flux: Flux) -> None:
    started = _start_green_day(flux)
    lead = lead_of(started["plan"])
    assert (lead["name"], lead["sets"], lead["reps"]) == ("Back Squat", 5, 5)
    logged = as_json(
        flux("log", lead["name"], f"60x{lead['reps']}x{lead['sets']}", "--rpe", "7", "--json")
    )
    assert logged["session_id"] == started["session_id"]
    assert len(logged["sets"]) == lead["sets"]
    assert all(row["weight_kg"] == 60 and row["rpe"] == 7 for row in logged["sets"])

    shown = as_json(flux("session", "show", "--json"))
    assert [row["position"] for row in shown["sets"]] == list(range(1, lead["sets"] + 1))

    done = as_json(flux("session", "complete", "--json"))
    assert done["session_id"] == started["session_id"]
    assert done["status"] == "completed"
    lead_item = next(item for item in done["verification"] if item["item"] == lead["name"])
    assert lead_item["met"] is True  # no e1RM yet: RPE target, reps and sets all logged
    missed = [
        item
        for item in done["verification"]
        if item["item"] != lead["name"] and item["kind"] == "strength"
    ]
    assert missed and not any(item["met"] for item in missed)
    assert flux("session", "show").exit_code == 1


def test_log_without_session_starts_an_adhoc_one(flux: Flux) -> None:
    first = as_json(flux("log", "Back Squat", "100x5", "--date", DAY, "--json"))
    second = as_json(flux("log", "back squat", "105x5", "--date", DAY, "--json"))
    assert first["created_session"] is True
    assert second["created_session"] is False
    assert first["session_id"] == second["session_id"]
    done = as_json(flux("session", "complete", "--json"))
    assert done["verification"] == [] and done["progression"] == []


@pytest.mark.parametrize("spec", ["100x", "x5", "-100x5", "100x-5", "abc", "100x5x0", "5kgs"])
def test_malformed_spec_is_exit_2_with_the_grammar(flux: Flux, spec: str) -> None:
    result = flux("log", "Back Squat", spec, "--date", DAY)
    assert result.exit_code == 2, result.output
    error, hint = result.stderr.splitlines()
    assert error.startswith(f"flux: error: bad set spec '{spec}'")
    assert hint.startswith("hint: SPEC is WEIGHTxREPS[xSETS] (100x5, ")
    assert as_json(flux("history", "--json")) == []


def test_spec_forms(flux: Flux) -> None:
    out = as_json(flux("log", "Plank", "45s", "--date", DAY, "--json"))
    assert out["sets"][0]["seconds"] == 45
    out = as_json(flux("log", "Running", "2km", "--date", DAY, "--json"))
    assert out["sets"][0]["distance_m"] == 2000
    out = as_json(flux("log", "Push-Up", "12", "--date", DAY, "--json"))
    assert out["sets"][0]["reps"] == 12 and out["sets"][0]["weight_kg"] is None
    out = as_json(flux("log", "Bench Press", "225lbx5", "--date", DAY, "--json"))
    assert out["sets"][0]["weight_kg"] == pytest.approx(102.058, abs=0.01)


def test_unknown_exercise_suggests(flux: Flux) -> None:
    result = flux("log", "Bak Squat", "100x5", "--date", DAY)
    assert result.exit_code == 2
    error, hint = result.stderr.splitlines()
    assert error == "flux: error: unknown exercise 'Bak Squat'"
    assert hint.startswith("hint: did you mean: Back Squat")


def test_bad_rpe_and_meta(flux: Flux) -> None:
    rpe = flux("log", "Back Squat", "100x5", "--rpe", "11", "--date", DAY)
    assert rpe.exit_code == 2
    assert rpe.stderr.splitlines()[0] == "flux: error: RPE must be from 1 to 10, got 11"
    meta = flux("log", "Air Bike", "30s", "--meta", "avg_watts", "--date", DAY)
    assert meta.exit_code == 2
    assert meta.stderr.splitlines()[0] == "flux: error: bad --meta 'avg_watts'"
    assert as_json(flux("history", "--json")) == []


def test_meta_is_stored_with_numbers(flux: Flux) -> None:
    out = as_json(
        flux(
            "log",
            "Air Bike",
            "30s",
            "--meta",
            "avg_watts=310",
            "--meta",
            "peak_hr=171",
            "--date",
            DAY,
            "--json",
        )
    )
    assert out["sets"][0]["metadata"] == {"avg_watts": 310, "peak_hr": 171}


def test_abandoned_session_does_not_count(flux: Flux) -> None:
    first = _start_green_day(flux, "2026-11-01")
    as_json(flux("log", lead_of(first["plan"])["name"], "50x5", "--json"))
    as_json(flux("session", "abandon", "--json"))
    again = as_json(flux("plan", "knee_pain=1", "energy=8", "--date", "2026-11-02", "--json"))
    assert again["archetype"] == first["plan"]["archetype"]


def test_history_filters_and_formats(flux: Flux) -> None:
    for day, weight in (("2026-11-01", 100), ("2026-11-03", 105)):
        as_json(flux("log", "Back Squat", f"{weight}x5", "--date", day, "--json"))
        as_json(flux("log", "Plank", "45s", "--date", day, "--json"))
        as_json(flux("session", "complete", "--json"))

    sessions = as_json(flux("history", "--json"))
    assert [s["date"] for s in sessions] == ["2026-11-03", "2026-11-01"]
    assert len(as_json(flux("history", "--limit", "1", "--json"))) == 1
    assert [s["date"] for s in as_json(flux("history", "--since", "2026-11-02", "--json"))] == [
        "2026-11-03"
    ]
    assert [s["date"] for s in as_json(flux("history", "--until", "2026-11-02", "--json"))] == [
        "2026-11-01"
    ]
    only = as_json(flux("history", "--exercise", "back squat", "--json"))
    assert {row["exercise"] for s in only for row in s["sets"]} == {"Back Squat"}

    result = flux("history", "--csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 4
    assert {"session_id", "date", "session_name", "exercise", "weight_kg", "reps"} <= set(rows[0])
    lines = flux("history", "--jsonl").stdout.splitlines()
    assert len(lines) == 4
    assert all(json.loads(line)["session_id"] for line in lines)


def test_profiles_are_isolated(flux: Flux) -> None:
    as_json(flux("--profile", "alice", "log", "Back Squat", "100x5", "--date", DAY, "--json"))
    assert as_json(flux("--profile", "bob", "history", "--json")) == []
    assert flux("--profile", "bob", "session", "complete").exit_code == 1
    assert len(as_json(flux("--profile", "alice", "history", "--json"))) == 1
