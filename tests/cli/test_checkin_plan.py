from __future__ import annotations

import json
import sqlite3

import pytest

from flux_cli import paths
from tests.cli.conftest import Flux, as_json
from tests.plan_support import lead_of

DAY = "2026-11-21"


def _readiness_rows() -> int:
    db = paths.default_sqlite_path()
    if not db.exists():
        return 0
    with sqlite3.connect(db) as connection:
        return int(connection.execute("select count(*) from readiness_logs").fetchone()[0])


def test_checkin_prints_plan_json_with_the_contract_fields(flux: Flux) -> None:
    plan = as_json(flux("checkin", "knee_pain=2", "energy=7", "--date", DAY, "--json"))
    for key in (
        "date",
        "profile",
        "state",
        "readiness",
        "archetype",
        "family",
        "session_name",
        "anchor_pattern",
        "priority_score",
        "pattern_debt",
        "exercises",
        "conditioning",
        "rationale",
    ):
        assert key in plan
    assert plan["date"] == DAY
    assert plan["profile"] == "default"
    assert plan["state"] == "GREEN"
    assert plan["readiness"] == {"knee_pain": 2, "energy": 7}
    assert plan["exercises"], "a strength day prescribes exercises"
    first = plan["exercises"][0]
    assert {"name", "pattern", "block", "sets", "reps", "slot", "why"} <= set(first)
    assert first["slot"] == "warm_up", "a composed session opens with its warm-up"
    assert lead_of(plan)["name"] == "Back Squat"
    assert plan["rationale"] and all(isinstance(line, str) for line in plan["rationale"])
    assert _readiness_rows() == 1


@pytest.mark.parametrize(
    ("knee_pain", "energy", "state"),
    [
        ("7", "9", "RED"),
        ("0", "2", "RED"),
        ("4", "9", "ORANGE"),
        ("0", "4", "ORANGE"),
        ("3", "5", "GREEN"),
    ],
)
def test_default_states(flux: Flux, knee_pain: str, energy: str, state: str) -> None:
    plan = as_json(
        flux("plan", f"knee_pain={knee_pain}", f"energy={energy}", "--date", DAY, "--json")
    )
    assert plan["state"] == state
    if state == "RED":
        assert plan["family"] == "recovery"


def test_human_output_shows_state_and_reasons(flux: Flux) -> None:
    result = flux("checkin", "knee_pain=5", "energy=7", "--date", DAY)
    assert result.exit_code == 0, result.output
    assert result.stdout.split()[0] == "ORANGE"
    assert "ORANGE: knee_pain 5 ≥ 4" in result.stdout, "the reason names the input and its limit"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["knee_pain=11", "energy=7"], "knee_pain must be a number from 0 to 10, got '11'"),
        (["knee_pain=-1", "energy=7"], "knee_pain must be a number from 0 to 10, got '-1'"),
        (["knee_pain=abc", "energy=7"], "knee_pain must be a number from 0 to 10, got 'abc'"),
        (["knee_pain=2", "energy=7", "mood=3"], "unknown readiness input 'mood'"),
        (["knee_pain=2"], "missing readiness input: energy (0-10)"),
        (["knee_pain"], "bad readiness input 'knee_pain'"),
    ],
)
def test_bad_readiness_is_refused_with_exit_2_and_nothing_stored(
    flux: Flux, args: list[str], message: str
) -> None:
    result = flux("checkin", *args, "--date", DAY)
    assert result.exit_code == 2, result.output
    error, hint = result.stderr.splitlines()
    assert error == f"flux: error: {message}"
    assert hint.startswith("hint: ")
    assert result.stdout == ""
    assert _readiness_rows() == 0


def test_out_of_range_message_names_the_range(flux: Flux) -> None:
    result = flux("checkin", "knee_pain=11", "energy=7", "--date", DAY)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "flux: error: knee_pain must be a number from 0 to 10, got '11'"
    )


def test_missing_input_without_a_tty_names_input_and_range(flux: Flux) -> None:
    result = flux("checkin", "knee_pain=2", "--date", DAY)
    assert result.exit_code == 2
    error, hint = result.stderr.splitlines()
    assert error == "flux: error: missing readiness input: energy (0-10)"
    assert hint.startswith("hint: ") and "energy=" in hint


def test_plan_without_checkin_is_a_refusal(flux: Flux) -> None:
    result = flux("plan", "--date", DAY)
    assert result.exit_code == 1
    error, hint = result.stderr.splitlines()
    assert error == f"flux: error: no check-in for {DAY}"
    assert hint.startswith("hint: ") and "flux checkin" in hint


def test_plan_from_recorded_checkin_matches_checkin(flux: Flux) -> None:
    checked = as_json(flux("checkin", "knee_pain=5", "energy=6", "--date", DAY, "--json"))
    planned = as_json(flux("plan", "--date", DAY, "--json"))
    assert planned == checked


def test_what_if_plan_stores_nothing(flux: Flux) -> None:
    as_json(flux("plan", "knee_pain=1", "energy=9", "--date", DAY, "--json"))
    assert _readiness_rows() == 0


def test_recheckin_same_day_replaces(flux: Flux) -> None:
    as_json(flux("checkin", "knee_pain=1", "energy=9", "--date", DAY, "--json"))
    as_json(flux("checkin", "knee_pain=8", "energy=9", "--date", DAY, "--json"))
    assert _readiness_rows() == 1
    assert as_json(flux("plan", "--date", DAY, "--json"))["state"] == "RED"


def test_bad_date_is_bad_input(flux: Flux) -> None:
    result = flux("plan", "knee_pain=1", "energy=9", "--date", "21/11/2026")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "flux: error: bad date '21/11/2026'",
        "hint: use YYYY-MM-DD, e.g. 2026-11-21",
    ]


def test_ftp_scales_conditioning_targets(flux: Flux) -> None:
    as_json(flux("profile", "set", "ftp_watts=200", "--json"))
    low = None
    # find a day whose plan is conditioning: never-done archetypes go in rules order,
    # so the third distinct archetype after two completed sessions is Conditioning
    for day in ("2026-11-01", "2026-11-02"):
        as_json(flux("checkin", "knee_pain=1", "energy=8", "--date", day, "--json"))
        lead = lead_of(as_json(flux("session", "start", "--date", day, "--json"))["plan"])
        as_json(flux("log", lead["name"], "40x5", "--date", day, "--json"))  # empty ones refused
        as_json(flux("session", "complete", "--json"))
    low = as_json(flux("plan", "knee_pain=1", "energy=8", "--date", "2026-11-03", "--json"))
    assert low["archetype"] == "Conditioning"
    as_json(flux("profile", "set", "ftp_watts=300", "--json"))
    high = as_json(flux("plan", "knee_pain=1", "energy=8", "--date", "2026-11-03", "--json"))
    block_low, block_high = low["conditioning"], high["conditioning"]
    assert block_high["protocol"] == block_low["protocol"]
    intensity = block_low["intensity"]
    assert block_low["target_watts"] == round(200 * intensity)
    assert block_high["target_watts"] == round(300 * intensity)


def test_rationale_is_json_list_of_lines(flux: Flux) -> None:
    plan = as_json(flux("plan", "knee_pain=8", "energy=5", "--date", DAY, "--json"))
    assert plan["state"] == "RED"
    assert any("RED" in line for line in plan["rationale"])
    json.dumps(plan)
