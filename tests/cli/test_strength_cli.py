"""`flux prs`, `flux profile set 1rm.EXERCISE=KG`, the next-set line of `flux log`, PRs in
`session complete`: through the real entry point, exact exit codes and messages."""

from __future__ import annotations

import json
from typing import Any

from tests.cli.conftest import Flux, as_json

DAYS = ("2026-11-02", "2026-11-09", "2026-11-16")


def _squat_day(flux: Flux, day: str, spec: str, rpe: str) -> dict[str, Any]:
    """An ad-hoc day of squats, completed."""
    assert flux("log", "Back Squat", spec, "--rpe", rpe, "--date", day).exit_code == 0
    done: dict[str, Any] = as_json(flux("session", "complete", "--json"))
    return done


def test_prs_list_each_record_and_a_new_one_is_announced(flux: Flux) -> None:
    first = _squat_day(flux, DAYS[0], "100x5x3", "8")
    assert first["prs"] == []  # a first time is not a record worth announcing
    done = _squat_day(flux, DAYS[1], "105x5", "8")
    records = {pr["record"]: pr for pr in done["prs"]}
    assert set(records) == {"e1rm", "1rm", "3rm", "5rm", "volume"}
    # RTS chart: 105 × 5 @ RPE 8 = 81.1 % → 129.47 kg.
    assert records["e1rm"]["value"] == 129.47
    text = _squat_day(flux, DAYS[2], "60x3", "6")
    assert text["prs"] == []

    shown = flux("prs", "--exercise", "back squat")
    assert shown.exit_code == 0, shown.output
    lines = shown.stdout.splitlines()
    # The index compares today's (detrained) estimate with the first: it moves with the clock.
    assert lines[-2:-1] == ["Pattern Strength Index (e1RM today vs the first in the window = 100)"]
    assert lines[-1].startswith("  SQUAT ") and "vs 123.3 kg on 2026-11-02" in lines[-1]
    assert lines[:-2] == [
        "Back Squat",
        "  e1RM            129.47 kg  (105 kg × 5, 2026-11-09)",
        "  1-rep max       105 kg  (105 kg × 5, 2026-11-09)",
        "  3-rep max       105 kg  (105 kg × 5, 2026-11-09)",
        "  5-rep max       105 kg  (105 kg × 5, 2026-11-09)",
        "  best set volume 525 kg × reps  (105 kg × 5, 2026-11-09)",
    ]
    data = json.loads(flux("prs", "--json").stdout)
    assert [chart["exercise"] for chart in data["exercises"]] == ["Back Squat"]
    (index,) = data["strength_index"]
    assert (index["pattern"], index["lift"], index["reference_kg"]) == (
        "SQUAT",
        "Back Squat",
        123.3,
    )
    assert data["exercises"][0]["rep_maxes"]["5"]["weight_kg"] == 105


def test_a_pr_chart_for_an_unknown_exercise_is_exit_2_with_suggestions(flux: Flux) -> None:
    result = flux("prs", "--exercise", "Bak Squat")
    assert result.exit_code == 2
    error, hint = result.stderr.splitlines()
    assert error == "flux: error: unknown exercise 'Bak Squat'"
    assert hint.startswith("hint: did you mean: Back Squat")


def test_an_explicit_1rm_sets_the_e1rm_and_an_unknown_one_writes_nothing(flux: Flux) -> None:
    result = flux("profile", "set", "1rm.Back Squat=160", "--json")
    assert result.exit_code == 0, result.output
    stored = json.loads(result.stdout)["one_rep_maxes"]["Back Squat"]
    assert stored["kg"] == 160
    plan = as_json(flux("plan", "knee_pain=1", "energy=8", "--json"))
    squat = next(item for item in plan["exercises"] if item["name"] == "Back Squat")
    assert squat["e1rm_kg"] == 160
    # 5 × 5 at RPE 8: 81.1 % of 160 = 129.8 → 130 kg.
    assert squat["load_kg"] == 130

    bad = flux("profile", "set", "1rm.Bak Sqat=160", "bodyweight_kg=80")
    assert bad.exit_code == 2
    assert bad.stderr.splitlines()[0] == "flux: error: unknown exercise 'Bak Sqat' in 1rm.Bak Sqat"
    assert json.loads(flux("profile", "show", "--json").stdout)["bodyweight_kg"] is None
    negative = flux("profile", "set", "1rm.Back Squat=-5")
    assert negative.exit_code == 2
    assert "is not a weight in kg" in negative.stderr
    cleared = flux("profile", "set", "1rm.Back Squat=none", "--json")
    assert json.loads(cleared.stdout)["one_rep_maxes"] == {}


def test_log_prints_the_next_set_from_the_plans_rule(flux: Flux) -> None:
    assert flux("profile", "set", "1rm.Back Squat=160").exit_code == 0  # as of today
    as_json(flux("checkin", "knee_pain=1", "energy=8", "--json"))
    as_json(flux("session", "start", "--json"))
    hard = flux("log", "Back Squat", "130x5", "--rpe", "9.5")
    assert hard.exit_code == 0, hard.output
    # 1.5 RPE points over the target 8: −4 % each → 122.2 → 122.5 kg.
    assert hard.stdout.splitlines()[-1] == "next set: 122.5 kg (RPE 9.5 vs target 8)"
    right = as_json(flux("log", "Back Squat", "122.5x5", "--rpe", "8", "--json"))
    assert right["next_set"] == {"load_kg": 122.5, "after_rpe": 8.0, "target_rpe": 8.0}


def test_rpe_outside_1_to_10_and_zero_reps_store_nothing(flux: Flux) -> None:
    high = flux("log", "Back Squat", "100x5", "--rpe", "11")
    assert high.exit_code == 2
    assert high.stderr.splitlines()[0] == "flux: error: RPE must be from 1 to 10, got 11"
    zero = flux("log", "Back Squat", "100x0")
    assert zero.exit_code == 2
    assert json.loads(flux("history", "--json").stdout) == []
