"""`flux moves`, `flux why` and `flux session swap` through the real entry point."""

from __future__ import annotations

from typing import Any

from tests.cli.conftest import Flux, as_json

DAY = "2026-11-21"
GREEN = ("knee_pain=1", "energy=8")


def plan(flux: Flux, *args: str) -> Any:
    return as_json(flux("plan", *GREEN, "--date", DAY, "--json", "--minutes", "60", *args))


def names(day_plan: Any) -> list[str]:
    return [e["name"] for e in day_plan["exercises"]]


def test_moves_set_replace_clear_and_list(flux: Flux) -> None:
    assert flux("moves", "no", "chest fly").stdout == "Chest Fly: HARD_NO\n"
    replaced = flux("moves", "yes", "Chest Fly")
    assert replaced.exit_code == 0 and replaced.stdout == "Chest Fly: HARD_YES\n"
    assert replaced.stderr == "note: replaced the earlier HARD_NO for Chest Fly\n"
    assert flux("moves", "prefer", "Lateral Raise").exit_code == 0
    assert as_json(flux("moves", "list", "--json")) == [
        {"exercise": "Chest Fly", "rule": "HARD_YES"},
        {"exercise": "Lateral Raise", "rule": "PREFERRED"},
    ]
    assert flux("moves", "clear", "Chest Fly").stdout == "Chest Fly: HARD_YES cleared\n"
    assert flux("moves", "list").stdout == "PREFERRED  Lateral Raise\n"


def test_moves_on_an_unknown_exercise_suggests(flux: Flux) -> None:
    result = flux("moves", "no", "Chst Fly")
    assert result.exit_code == 2
    assert (
        result.stderr
        == "flux: error: unknown exercise 'Chst Fly'\nhint: did you mean: Chest Fly?\n"
    )


def test_hard_no_never_appears_and_hard_yes_does(flux: Flux) -> None:
    first = plan(flux)
    accessory = next(e["name"] for e in first["exercises"] if e["slot"] == "accessory")
    assert flux("moves", "no", accessory).exit_code == 0
    assert accessory not in names(plan(flux))
    assert flux("moves", "yes", "Leg Extension").exit_code == 0
    assert "Leg Extension" in names(plan(flux))


def test_preferred_moves_into_the_session(flux: Flux) -> None:
    assert "Calf Raise" not in names(plan(flux))
    assert flux("moves", "prefer", "Calf Raise").exit_code == 0
    assert "Calf Raise" in names(plan(flux))


def test_why_explains_in_and_out(flux: Flux) -> None:
    assert flux("checkin", *GREEN, "--date", DAY, "--minutes", "60").exit_code == 0
    inside = flux("why", "Back Squat", "--date", DAY)
    assert inside.exit_code == 0
    # The check-in's --minutes is for that command; the stored day plans from the profile.
    assert inside.stdout.startswith("Back Squat is in the plan of 2026-11-21:")
    assert flux("profile", "set", "session_minutes=60").exit_code == 0
    barred = as_json(flux("why", "Back Squat", "--date", DAY, "--json"))
    assert barred["in_plan"] is True and barred["why"][0].startswith("main:")
    assert flux("moves", "no", "Leg Extension").exit_code == 0
    out = as_json(flux("why", "Leg Extension", "--date", DAY, "--json"))
    assert out == {
        "exercise": "Leg Extension",
        "in_plan": False,
        "why": ["HARD_NO (flux moves no)"],
    }
    assert flux("profile", "set", "equipment=@bodyweight").exit_code == 0
    squat = as_json(flux("why", "Hack Squat", "--date", DAY, "--json"))
    assert squat["why"] == ["not equipped: needs machine"]
    lost = as_json(flux("why", "Hanging Leg Raise", "--date", DAY, "--json"))
    assert lost["why"] and lost["in_plan"] is False


def test_why_without_a_check_in_is_refused(flux: Flux) -> None:
    result = flux("why", "Back Squat", "--date", DAY)
    assert result.exit_code == 1
    assert result.stderr.startswith("flux: error: no check-in for 2026-11-21")


def test_swap_replaces_one_pick_and_keeps_the_rest(flux: Flux) -> None:
    assert flux("profile", "set", "session_minutes=60").exit_code == 0
    assert flux("checkin", *GREEN, "--date", DAY).exit_code == 0
    started = as_json(flux("session", "start", "--date", DAY, "--json"))
    before = [e["name"] for e in started["plan"]["exercises"]]
    core = next(e["name"] for e in started["plan"]["exercises"] if e["slot"] == "core")
    swapped = as_json(flux("session", "swap", core, "--json"))
    assert swapped["slot"] == "core" and swapped["swapped_out"] == core
    shown = as_json(flux("session", "show", "--json"))
    after = [e["name"] for e in shown["plan"]["exercises"]]
    assert core not in after and swapped["swapped_in"] in after
    assert sorted(set(before) - {core}) == sorted(set(after) - {swapped["swapped_in"]})
    assert shown["plan"]["swapped_out"] == [core]
    why = as_json(flux("why", core, "--date", DAY, "--json"))
    assert why["why"] == ["swapped out for the day"]


def test_swap_refuses_the_planners_own_choice_and_unknown_work(flux: Flux) -> None:
    assert flux("profile", "set", "session_minutes=60").exit_code == 0
    assert flux("checkin", *GREEN, "--date", DAY).exit_code == 0
    assert flux("session", "start", "--date", DAY).exit_code == 0
    main = flux("session", "swap", "Back Squat")
    assert main.exit_code == 1
    assert main.stderr.startswith("flux: error: Back Squat is the planner's own choice")
    absent = flux("session", "swap", "Leg Press")
    assert absent.exit_code == 1 and "Leg Press is not in session #1" in absent.stderr


def test_session_start_takes_the_days_budget_and_equipment(flux: Flux) -> None:
    assert flux("checkin", *GREEN, "--date", DAY, "--minutes", "45").exit_code == 0
    started = as_json(
        flux("session", "start", "--date", DAY, "--minutes", "45", "--equipment", "@home", "--json")
    )
    plan = started["plan"]
    assert plan["estimated_minutes"] is not None
    for exercise in plan["exercises"]:
        assert set(exercise["equipment"]) <= {
            "dumbbells",
            "bench",
            "bands",
            "kettlebells",
            "pullup_bar",
        }
