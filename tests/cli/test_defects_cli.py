"""Regression tests for issue 8's CLI defects: 11, 12, 20 and the papercuts of 21."""

from __future__ import annotations

from tests.cli.conftest import Flux, as_json

DAY = "2026-11-21"


# ---------------------------------------------------------------------------- 11: loaded holds


def test_a_loaded_carry_is_logged_for_time(flux: Flux) -> None:
    out = as_json(flux("log", "Farmer's Carry", "32x40sx3", "--date", DAY, "--json"))
    assert [(s["weight_kg"], s["seconds"], s["reps"]) for s in out["sets"]] == [
        (32.0, 40.0, None)
    ] * 3
    out = as_json(flux("log", "Farmer's Carry", "24x20m", "--date", DAY, "--json"))
    assert (out["sets"][0]["weight_kg"], out["sets"][0]["distance_m"]) == (24.0, 20.0)


def test_a_loaded_hold_in_pounds_is_stored_in_kilograms(flux: Flux) -> None:
    out = as_json(flux("log", "Farmer's Carry", "70lbx40s", "--date", DAY, "--json"))
    assert round(out["sets"][0]["weight_kg"], 2) == 31.75


def test_a_bare_weight_for_back_squat_is_refused_with_the_grammar(flux: Flux) -> None:
    result = flux("log", "Back Squat", "100", "--date", DAY)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "flux: error: '100' reads as 100 reps of Back Squat, more than 30 in one loaded set"
    )
    assert lines[1].startswith(
        "hint: give the weight and the reps, e.g. 100x5; SPEC is WEIGHTxREPS"
    )
    assert as_json(flux("history", "--json")) == []


def test_high_bodyweight_reps_are_accepted(flux: Flux) -> None:
    out = as_json(flux("log", "Push-Up", "100", "--date", DAY, "--json"))
    assert out["sets"][0]["reps"] == 100


def test_a_bare_number_for_a_timed_exercise_is_refused(flux: Flux) -> None:
    result = flux("log", "Plank", "60", "--date", DAY)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "flux: error: Plank is timed: '60' alone is not a time"


def test_log_help_documents_the_grammar_without_type_noise(flux: Flux) -> None:
    result = flux("log", "--help")
    assert result.exit_code == 0
    assert "Usage: flux log [OPTIONS] EXERCISE SPEC..." in result.stdout
    assert "32x40s (loaded hold)" in result.stdout and "24x20m" in result.stdout
    assert "<list[str]>" not in result.stdout and "{" not in result.stdout
    assert "--meta KEY=VALUE" in result.stdout and "--date YYYY-MM-DD" in result.stdout


# ---------------------------------------------------------------------------- 12: substitutes


def _start_green_day(flux: Flux, day: str = DAY) -> dict:
    as_json(flux("checkin", "knee_pain=1", "energy=8", "--date", day, "--json"))
    return as_json(flux("session", "start", "--date", day, "--json"))


def test_a_substitute_and_an_extra_in_the_verdict(flux: Flux) -> None:
    started = _start_green_day(flux)
    assert started["plan"]["exercises"][0]["name"] == "Back Squat"
    as_json(flux("log", "Front Squat", "60x5x5", "--json"))
    as_json(flux("log", "Bicep Curl", "12x10x2", "--json"))
    result = flux("session", "complete")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "  ✓ Back Squat: 5×5 @ RPE 8 → substituted by Front Squat, 5×5 @ 60 kg" in lines
    assert "  + Bicep Curl: 2×10 @ 12 kg (extra, not in the plan)" in lines
    assert "  ✗ Hanging Leg Raise: 3×12 @ RPE 8 → nothing logged" in lines


def test_the_verdict_json_names_the_substitute_and_the_extras(flux: Flux) -> None:
    _start_green_day(flux)
    as_json(flux("log", "Front Squat", "60x5x5", "--json"))
    as_json(flux("log", "Bicep Curl", "12x10", "--json"))
    done = as_json(flux("session", "complete", "--json"))
    squat = done["verification"][0]
    assert (squat["item"], squat["substitute"], squat["met"]) == ("Back Squat", "Front Squat", True)
    assert done["extras"] == [{"exercise": "Bicep Curl", "pattern": None, "logged": "1×10 @ 12 kg"}]
