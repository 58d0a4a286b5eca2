"""Regression tests for issue 8's CLI defects: 11, 12, 20 and the papercuts of 21."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.cli.conftest import Flux, as_json
from tests.plan_support import lead_of

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


def _start_green_day(flux: Flux, day: str = DAY) -> dict[str, Any]:
    as_json(flux("checkin", "knee_pain=1", "energy=8", "--date", day, "--json"))
    parsed: dict[str, Any] = as_json(flux("session", "start", "--date", day, "--json"))
    return parsed


def test_a_substitute_and_an_extra_in_the_verdict(flux: Flux) -> None:
    started = _start_green_day(flux)
    assert lead_of(started["plan"])["name"] == "Back Squat"
    core = next(item for item in started["plan"]["exercises"] if item["slot"] == "core")
    as_json(flux("log", "Front Squat", "60x5x5", "--json"))
    as_json(flux("log", "Bicep Curl", "12x10x2", "--json"))
    result = flux("session", "complete")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "  ✓ Back Squat: 5×5 @ RPE 8 → substituted by Front Squat, 5×5 @ 60 kg" in lines
    assert "  + Bicep Curl: 2×10 @ 12 kg (extra, not in the plan)" in lines
    # The composed core work, unlogged (double progression: from the bottom of 8–12 reps).
    assert f"  ✗ {core['name']}: 3×8 @ RPE 8 → nothing logged" in lines


def test_the_verdict_json_names_the_substitute_and_the_extras(flux: Flux) -> None:
    _start_green_day(flux)
    as_json(flux("log", "Front Squat", "60x5x5", "--json"))
    as_json(flux("log", "Bicep Curl", "12x10", "--json"))
    done = as_json(flux("session", "complete", "--json"))
    squat = next(item for item in done["verification"] if item["item"] == "Back Squat")
    assert (squat["item"], squat["substitute"], squat["met"]) == ("Back Squat", "Front Squat", True)
    assert done["extras"] == [{"exercise": "Bicep Curl", "pattern": None, "logged": "1×10 @ 12 kg"}]


# ---------------------------------------------------------------------------- 20: first run


def test_the_first_plan_speaks_plain_words_and_says_what_next(flux: Flux) -> None:
    result = flux("checkin", "knee_pain=2", "energy=7", "--date", DAY)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Strength_Type_A" not in out
    assert "session type Strength Type A (performance day, never done before)" in out
    assert "  SQUAT never trained" in out and "  PULL  never trained" in out
    assert "  HIIT L1  high-intensity intervals just above threshold" in out
    assert "  SS   L1  steady state, conversational pace" in out
    assert out.splitlines()[-1] == (
        f"next: flux session start --date {DAY} to begin this session, "
        "or flux dashboard and press w"
    )


def test_the_plan_json_keeps_its_fields_and_adds_never_trained(flux: Flux) -> None:
    plan = as_json(flux("checkin", "knee_pain=2", "energy=7", "--date", DAY, "--json"))
    assert plan["archetype"] == "Strength_Type_A"
    assert plan["pattern_debt"] == {"SQUAT": 0, "HINGE": 0, "PUSH": 0, "PULL": 0}
    assert plan["never_trained"] == ["SQUAT", "HINGE", "PUSH", "PULL"]
    assert plan["protocol_descriptions"]["SIT"].startswith("sprint intervals")
    again = flux("plan", "--date", DAY, "--json")
    assert again.exit_code == 0 and "next:" not in again.stdout


def test_a_trained_pattern_leaves_never_trained(flux: Flux) -> None:
    _start_green_day(flux)
    as_json(flux("log", "Back Squat", "60x5x5", "--json"))
    as_json(flux("session", "complete", "--json"))
    plan = as_json(flux("checkin", "knee_pain=2", "energy=7", "--date", "2026-11-22", "--json"))
    assert plan["never_trained"] == ["HINGE", "PUSH", "PULL"]
    assert plan["rationale"][2] == (
        "HINGE leads: never trained yet, tied with PULL, first in order of HINGE, PULL"
    )


def test_a_what_if_says_how_to_make_it_the_plan(flux: Flux) -> None:
    result = flux("plan", "knee_pain=5", "energy=6", "--date", DAY)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        "what-if only, nothing stored; to make it the day's plan: "
        f"flux checkin knee_pain=5 energy=6 --date {DAY}"
    )


# ---------------------------------------------------------------------------- 21: papercuts


def test_a_repeated_checkin_says_it_replaced_the_first(flux: Flux) -> None:
    first = flux("checkin", "knee_pain=2", "energy=7", "--date", DAY, "--json")
    assert first.exit_code == 0 and first.stderr == ""
    second = flux("checkin", "knee_pain=5", "energy=4", "--date", DAY, "--json")
    assert second.exit_code == 0
    assert second.stderr == (
        f"note: replaced the check-in already recorded for {DAY} (knee_pain=2 energy=7)\n"
    )
    assert as_json(second)["readiness"] == {"knee_pain": 5.0, "energy": 4.0}


def test_hints_for_a_past_date_carry_the_date(flux: Flux) -> None:
    result = flux("plan", "--date", DAY)
    assert result.exit_code == 1
    assert result.stderr == (
        f"flux: error: no check-in for {DAY}\n"
        f"hint: check in first: flux checkin knee_pain=2 energy=7 --date {DAY} "
        f"(or ask a what-if: flux plan knee_pain=2 energy=7 --date {DAY})\n"
    )
    result = flux("session", "start", "--date", DAY)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1] == (
        f"hint: check in first: flux checkin knee_pain=2 energy=7 --date {DAY}"
    )
    result = flux("checkin", "knee_pain=2", "--date", DAY)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[1] == (
        f"hint: give them as arguments, e.g. flux checkin knee_pain=0 energy=0 --date {DAY}"
    )


def test_profile_set_hint_gives_a_profile_example(flux: Flux) -> None:
    result = flux("profile", "set", "ftp_watts")
    assert result.exit_code == 2
    assert result.stderr == (
        "flux: error: bad setting 'ftp_watts'\n"
        "hint: give settings as NAME=VALUE, e.g. ftp_watts=250\n"
    )


def test_help_shows_no_type_noise(flux: Flux) -> None:
    for command in (["checkin"], ["plan"], ["profile", "set"], ["import"], ["history"]):
        result = flux(*command, "--help")
        assert result.exit_code == 0, command
        assert "<list[" not in result.stdout and "{" not in result.stdout, command
    assert "Usage: flux checkin [OPTIONS] [INPUTS...]" in flux("checkin", "--help").stdout
    assert "Usage: flux import [OPTIONS] FILE..." in flux("import", "--help").stdout


def test_config_validate_reports_a_bad_condition_with_the_range_errors(
    flux: Flux, tmp_path: Path
) -> None:
    rules = (Path(__file__).resolve().parents[2] / "config" / "program_config.yaml").read_text()
    broken = (
        rules.replace("energy <= 2", "mood <= 2")
        .replace(
            "GREEN: {sets: 5, reps: 5, percent_e1rm: 0.80",
            "GREEN: {sets: 0, reps: 5, percent_e1rm: 0.80",
        )
        .replace("tolerance: 0.03", "tolerance: 0.9")
    )
    path = tmp_path / "rules.yaml"
    path.write_text(broken)
    result = flux("config", "validate", str(path))
    assert result.exit_code == 2
    tolerance_line = next(
        number for number, text in enumerate(broken.splitlines(), 1) if "tolerance: 0.9" in text
    )
    assert result.stderr.splitlines()[1:4] == [
        f"  {path}:12: states.0.when: 'mood' is not a declared readiness input "
        "(declared: energy, knee_pain)",
        f"  {path}:29: prescriptions.strength_main.GREEN.sets: "
        "Input should be greater than or equal to 1",
        f"  {path}:{tolerance_line}: progression.tolerance: "
        "Input should be less than or equal to 0.5",
    ]
