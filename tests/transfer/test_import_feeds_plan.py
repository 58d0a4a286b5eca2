"""Imported history counts: it moves pattern debt and gives the plan an e1RM to load from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from transfer_support import FIX_STRAVA, STRAVA, Flux, needs_samples, report, write_strong

DAY = ("--date", "2024-05-10")


def _plan(flux: Flux) -> dict[str, Any]:
    result = flux("plan", "knee_pain=1", "energy=8", *DAY, "--json")
    assert result.exit_code == 0, result.output
    plan: dict[str, Any] = json.loads(result.stdout)
    return plan


def _lead(plan: dict[str, Any]) -> dict[str, Any]:
    return next(item for item in plan["exercises"] if item["name"] == "Back Squat")


def test_imported_strong_squats_give_an_e1rm_and_move_pattern_debt(
    flux: Flux, tmp_path: Path
) -> None:
    before = _plan(flux)
    assert _lead(before)["e1rm_kg"] is None
    assert _lead(before)["load_kg"] is None
    export = write_strong(
        tmp_path / "strong.csv",
        [
            '2024-05-06 18:00:00,"Legs",1h,"Squat (Barbell)",W,60,5,0,0,"",,\n',
            '2024-05-06 18:00:00,"Legs",1h,"Squat (Barbell)",1,120,5,0,0,"",,8\n',
            '2024-05-06 18:00:00,"Legs",1h,"Squat (Barbell)",2,120,5,0,0,"",,8.5\n',
            '2024-05-07 18:00:00,"Push",1h,"Bench Press (Barbell)",1,80,5,0,0,"",,8\n',
            '2024-05-08 18:00:00,"Pull",1h,"Pull Up",1,0,8,0,0,"",,8\n',
        ],
    )

    report(flux("import", export, "--json"))
    after = _plan(flux)

    # Imported squats and presses count as Strength A done: B (never trained) goes first.
    assert after["archetype"] == "Strength_Type_B"
    # RPE-aware (RTS chart): 120 × 5 @ RPE 8 is 81.1% of 1RM, so 148.0 (Epley alone: 140).
    prs = flux("prs", "--exercise", "Back Squat", "--json")
    assert prs.exit_code == 0, prs.output
    assert round(json.loads(prs.stdout)["exercises"][0]["e1rm"]["value"], 1) == 148.0
    # Squats three sessions ago, pushing two ago, pulling in the last one.
    debt = after["pattern_debt"]
    assert debt["SQUAT"] == 2
    assert debt["PUSH"] == 1
    assert debt["PULL"] == 0
    assert debt != before["pattern_debt"]


def test_custom_exercises_with_an_inferred_pattern_count_too(flux: Flux, tmp_path: Path) -> None:
    export = write_strong(
        tmp_path / "strong.csv",
        [
            '2024-05-08 18:00:00,"Legs",1h,"Leg Press Keller",1,150,10,0,0,"",,\n',
            '2024-05-09 18:00:00,"Arms",1h,"Concentration Curl (Dumbbell)",1,15,10,0,0,"",,\n',
        ],
    )

    data = report(flux("import", export, "--json"))

    assert data["custom_exercises"] == ["Leg Press Keller", "Concentration Curl (Dumbbell)"]
    assert _plan(flux)["pattern_debt"]["SQUAT"] == 1


@pytest.mark.parametrize(
    "strava",
    [
        pytest.param(FIX_STRAVA, id="fixture"),
        pytest.param(STRAVA, id="sample", marks=needs_samples),
    ],
)
def test_imported_strava_activities_count_by_their_load(flux: Flux, strava: Path) -> None:
    import csv
    import datetime as dt

    with strava.open(newline="", encoding="utf-8") as handle:
        rows = csv.reader(handle)
        column = next(rows).index("Activity Date")
        latest = max(
            dt.datetime.strptime(row[column], "%b %d, %Y, %I:%M:%S %p").date()
            for row in rows
            if row
        )
    day = (latest + dt.timedelta(days=2)).isoformat()
    plan_args = ("plan", "knee_pain=1", "energy=8", "--date", day, "--json")
    before = json.loads(flux(*plan_args).stdout)
    assert report(flux("import", str(strava), "--json"))["activities_added"] > 0
    after = json.loads(flux(*plan_args).stdout)

    def conditioning(plan: dict[str, Any]) -> dict[str, Any]:
        return next(s for s in plan["archetype_scores"] if s["archetype"] == "Conditioning")

    assert conditioning(before)["days_since_last"] is None
    # An activity's date alone does not count as conditioning done (issue 11): its load does,
    # in the ledger, and a week of enough endurance load covers conditioning.
    assert conditioning(after)["days_since_last"] is None
    assert before["load"]["week"] == 0 and after["load"]["week"] > 0
    assert after["load"]["atl"] > 0
