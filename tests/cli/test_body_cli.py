"""`flux soreness`, `flux recovery`, `flux trends`, `session complete --rpe` through the CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Flux, as_json
from tests.plan_support import lead_of

DAY = "2026-11-21"
NEXT = "2026-11-22"


def test_soreness_is_recorded_and_lowers_recovery_that_day(flux: Flux) -> None:
    logged = as_json(flux("soreness", "quads=6", "hamstrings=3", "--date", DAY, "--json"))
    assert logged == {"date": DAY, "soreness": {"quadriceps": 6, "hamstrings": 3}}
    shown = as_json(flux("recovery", "--date", DAY, "--json"))
    assert shown["recovery"]["quadriceps"] == 40
    assert shown["recovery"]["hamstrings"] == 70
    assert shown["recovery"]["chest"] == 100
    assert shown["muscles"][0]["muscle"] == "quadriceps", "least recovered first"
    # s·(1−0.35)^1 the next day.
    assert as_json(flux("recovery", "--date", NEXT, "--json"))["recovery"]["quadriceps"] == 61


def test_recovery_text_lists_muscles_and_the_load_line(flux: Flux) -> None:
    flux("soreness", "quads=6", "--date", DAY)
    result = flux("recovery", "--date", DAY)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"recovery going into {DAY}"
    assert lines[1].split()[0] == "quadriceps" and lines[1].endswith("40%  (soreness 6)")
    assert lines[-2] == "load: ATL 0 · CTL 0 · TSB 0 (neutral) · ACWR after 28 days"
    assert lines[-1].startswith("(load zones are soft signals")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["knees=3"], "flux: error: unknown muscle group 'knees'"),
        (["quads=11"], "flux: error: soreness for quads must be a number from 0 to 10, got '11'"),
        (
            ["quads=lots"],
            "flux: error: soreness for quads must be a number from 0 to 10, got 'lots'",
        ),
        (["quads=-1"], "flux: error: soreness for quads must be a number from 0 to 10, got '-1'"),
        (["quads"], "flux: error: bad soreness 'quads'"),
        ([], "flux: error: no soreness given"),
    ],
)
def test_bad_soreness_is_exit_2_and_stores_nothing(
    flux: Flux, arguments: list[str], message: str
) -> None:
    given = ["hamstrings=4", *arguments] if arguments else []
    result = flux("soreness", *given, "--date", DAY)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == message
    shown = as_json(flux("recovery", "--date", DAY, "--json"))
    assert shown["recovery"]["hamstrings"] == 100, "nothing stored"


def test_an_unknown_muscle_lists_the_muscle_groups(flux: Flux) -> None:
    hint = flux("soreness", "knees=3").stderr.splitlines()[1]
    assert hint.startswith("hint: muscle groups: abdominals, abductors, adductors, biceps")


def _complete_a_session(flux: Flux, *extra: str) -> Any:
    as_json(flux("checkin", "knee_pain=1", "energy=8", "--date", DAY, "--json"))
    started = as_json(flux("session", "start", "--date", DAY, "--json"))
    lead = lead_of(started["plan"])
    flux("log", lead["name"], f"60x{lead['reps'] or 5}x{lead['sets']}")
    return flux("session", "complete", *extra, "--json")


def test_session_rpe_and_minutes_feed_the_load_ledger(flux: Flux) -> None:
    assert _complete_a_session(flux, "--rpe", "8", "--minutes", "63").exit_code == 0
    load = as_json(flux("recovery", "--date", NEXT, "--json"))["load"]
    # Foster: 8 × 63 = 504 AU = 120 points; ATL after one day = 120 × (1 − e^(−1/7)).
    assert load["yesterday"] == 120
    assert load["atl"] == pytest.approx(15.97, abs=0.05)
    assert load["tsb"] == pytest.approx(2.82 - 15.97, abs=0.1)
    plan = as_json(flux("plan", "knee_pain=1", "energy=8", "--date", NEXT, "--json"))
    assert plan["load"] == load
    assert plan["recovery"]["chest"] < 100 or plan["recovery"]["quadriceps"] < 100


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--rpe", "11"], "flux: error: session RPE must be from 1 to 10, got 11"),
        (["--rpe", "0"], "flux: error: session RPE must be from 1 to 10, got 0"),
        (["--minutes", "0"], "flux: error: minutes must be above 0 and at most 1440, got 0"),
    ],
)
def test_bad_session_effort_is_exit_2_and_the_session_stays_active(
    flux: Flux, extra: list[str], message: str
) -> None:
    result = _complete_a_session(flux, *extra)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == message
    assert as_json(flux("session", "show", "--json"))["status"] == "active"


def test_trends_json_has_days_weeks_and_load(flux: Flux) -> None:
    _complete_a_session(flux, "--rpe", "7", "--minutes", "60")
    trends = as_json(flux("trends", "--weeks", "2", "--date", NEXT, "--json"))
    assert trends["weeks"] == 2 and len(trends["by_week"]) == 2
    assert len(trends["days"]) == 14
    assert trends["days"][-1]["date"] == DAY and trends["days"][-1]["load"] == 100
    last_week = trends["by_week"][-1]
    assert (last_week["sessions"], last_week["load"]) == (1, 100)
    assert sum(last_week["sets_by_muscle"].values()) > 0
    # The lead lift logged at 60 kg × 5: Epley e1RM 70 kg on the day.
    (lift,) = trends["e1rm"]
    assert trends["e1rm"][lift] == [{"date": DAY, "e1rm_kg": 70.0}]
    text = flux("trends", "--weeks", "2", "--date", NEXT, "--no-plot").stdout
    assert f"e1RM {lift}: 70 → 70 kg (+0) over 1 day logged" in text


def test_trends_text_without_a_terminal_prints_the_table(flux: Flux) -> None:
    result = flux("trends", "--weeks", "1", "--date", DAY)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == f"weekly load, last 1 weeks before {DAY}"


def test_trends_weeks_out_of_range_is_exit_2(flux: Flux) -> None:
    result = flux("trends", "--weeks", "0")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "flux: error: --weeks must be from 1 to 104, got 0"


def test_an_inconsistent_region_section_is_refused_with_its_line(
    flux: Flux, tmp_path: Path
) -> None:
    shipped = (Path(__file__).resolve().parents[2] / "config" / "program_config.yaml").read_text()
    bad = shipped.replace("knee_pain: {region: knee,", "knee_pain: {region: elbow,")
    path = tmp_path / "rules.yaml"
    path.write_text(bad)
    line = (
        bad.splitlines().index(next(text for text in bad.splitlines() if "region: elbow" in text))
        + 1
    )
    result = flux("config", "validate", str(path))
    assert result.exit_code == 2
    assert (
        f"{path}:{line}: regions.inputs.knee_pain.region: unknown region 'elbow'" in result.stderr
    )


def test_an_import_names_activity_types_the_rules_do_not_map(flux: Flux) -> None:
    from tests.samples import FIX_STRAVA

    report = as_json(flux("import", str(FIX_STRAVA), "--json"))
    assert report["unmapped_activity_types"] == ["Nordic Ski", "Sail"]
    # Their load comes from the default RPE: the ledger takes them, nothing crashes.
    plan = as_json(flux("plan", "knee_pain=1", "energy=8", "--date", "2019-03-22", "--json"))
    assert plan["load"]["week"] > 0


def test_trends_counts_hard_sets_against_the_weekly_targets_and_lists_prs(flux: Flux) -> None:
    # Two sessions in the week before NEXT: Back Squat 100 × 5 × 3 @ 8 and 80 × 5 × 2 @ 5
    # (easy: RPE 5 does not count, as in the rotation), Bench Press 70 × 5 × 3 @ 8.
    for day in ("2026-11-18", DAY):
        flux("log", "Back Squat", "100x5x3", "--rpe", "8", "--date", day)
        flux("log", "Back Squat", "80x5x2", "--rpe", "5", "--date", day)
        flux("log", "Bench Press", "70x5x3", "--rpe", "8", "--date", day)
        assert flux("session", "complete").exit_code == 0
    trends = as_json(flux("trends", "--weeks", "2", "--date", NEXT, "--json"))
    # One source of targets: the rules' composition.weekly_targets.
    assert trends["targets"]["quadriceps"] == {"floor": 8, "cap": 20}
    assert trends["targets"]["calves"] == {"floor": 2, "cap": 12}
    volume = {v["muscle"]: v for v in trends["volume"]}
    # Back Squat: quadriceps primary (1 per set) → 2 × 3 hard sets; the RPE 5 sets left out.
    assert volume["quadriceps"] == {
        "muscle": "quadriceps",
        "sets": 6,
        "floor": 8,
        "cap": 20,
        "status": "below",
    }
    # Bench Press: chest primary → 6; triceps secondary (0.5 per set) → 3 against a floor of 4.
    assert (volume["chest"]["sets"], volume["chest"]["status"]) == (6, "below")
    assert (volume["triceps"]["sets"], volume["triceps"]["status"]) == (3, "below")
    assert (volume["lats"]["sets"], volume["lats"]["status"]) == (0, "below")
    assert list(volume) == list(trends["targets"])
    # PRs of the lead lifts: 100 × 5 @ RPE 8 is 81.1% of 1RM by the RTS chart → 123.3 kg.
    squat = trends["prs"]["Back Squat"]
    assert squat["e1rm"]["value"] == pytest.approx(123.3, abs=0.1)
    assert squat["rep_maxes"]["5"]["weight_kg"] == 100
    assert "Deadlift" not in trends["prs"]  # never logged: no chart
    text = flux("trends", "--weeks", "2", "--date", NEXT, "--no-plot").stdout
    assert "hard sets in the last 7 days against the weekly targets (floor–cap)" in text
    assert "  quadriceps  ██████░░············ 6 / 8–20 below" in text
    assert "PRs Back Squat: e1RM 123.3 kg (2026-11-18)" in text


def test_trends_before_the_prs_shows_none_of_them(flux: Flux) -> None:
    flux("log", "Back Squat", "100x5x3", "--rpe", "8", "--date", DAY)
    flux("session", "complete")
    before = as_json(flux("trends", "--weeks", "1", "--date", DAY, "--json"))
    assert before["prs"] == {}
    after = as_json(flux("trends", "--weeks", "1", "--date", NEXT, "--json"))
    assert list(after["prs"]) == ["Back Squat"]
