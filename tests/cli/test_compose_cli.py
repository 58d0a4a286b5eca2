"""`--minutes` and `--equipment` on plan/checkin, the profile's defaults, and composed plans."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Flux, as_json
from tests.samples import REPO_ROOT

DAY = "2026-11-21"
GREEN = ("knee_pain=1", "energy=8")
PUBLIC_CATALOGUE = REPO_ROOT.parent / "shared" / "data" / "exercises"
PUBLIC_CATALOGUE_JSON = PUBLIC_CATALOGUE / "free-exercise-db.exercises.json"


def composed(flux: Flux, *args: str) -> Any:
    return as_json(flux("plan", *GREEN, "--date", DAY, "--json", *args))


@pytest.mark.parametrize(
    ("minutes", "message"),
    [
        ("0", "--minutes must be between 1 and 300, not 0"),
        ("301", "--minutes must be between 1 and 300, not 301"),
        ("soon", "--minutes must be a whole number of minutes, not 'soon'"),
    ],
)
def test_bad_minutes_are_refused(flux: Flux, minutes: str, message: str) -> None:
    result = flux("plan", *GREEN, "--minutes", minutes)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == f"flux: error: {message}"


def test_unknown_equipment_is_refused_with_the_known_names(flux: Flux) -> None:
    result = flux("checkin", *GREEN, "--equipment", "dumbbells,trampoline")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "flux: error: unknown equipment 'trampoline'"
    assert "presets: @gym, @home, @dumbbells, @bodyweight" in result.stderr
    bad = flux("profile", "set", "equipment=@castle")
    assert bad.exit_code == 2 and "unknown equipment '@castle'" in bad.stderr


def test_without_a_budget_or_equipment_the_plan_is_composed_for_an_hour_in_a_gym(
    flux: Flux,
) -> None:
    plan = composed(flux)
    assert (
        plan["exercises"] == composed(flux, "--minutes", "60", "--equipment", "@gym")["exercises"]
    )
    assert "composed for 60 min" in " ".join(plan["rationale"])
    assert 0 < plan["estimated_minutes"] <= 66
    lead = next(e for e in plan["exercises"] if e["slot"] == "main")
    assert (lead["name"], lead["sets"], lead["reps"], lead["rpe"]) == ("Back Squat", 5, 5, 8)
    # The rules' fixed core exercise gave way to the core slot: no stale line for it.
    if all(e["name"] != "Hanging Leg Raise" for e in plan["exercises"]):
        assert not any(line.startswith("Hanging Leg Raise") for line in plan["rationale"])


def test_composition_off_in_the_rules_keeps_the_fixed_table(flux: Flux, tmp_path: Path) -> None:
    shipped = (REPO_ROOT / "config" / "program_config.yaml").read_text()
    assert "\n  enabled: true\n" in shipped
    path = tmp_path / "off.yaml"
    path.write_text(shipped.replace("\n  enabled: true\n", "\n  enabled: false\n"))
    off = ("--config", str(path), "plan", *GREEN, "--date", DAY, "--json")
    plan = as_json(flux(*off))
    assert plan["estimated_minutes"] is None and plan["relaxed"] == []
    assert [e["name"] for e in plan["exercises"]] == [
        "Back Squat",
        "Hanging Leg Raise",
        "Farmer's Carry",
    ]
    # ... until the day is given a budget.
    assert as_json(flux(*off, "--minutes", "45"))["estimated_minutes"]


def test_a_composed_plan_has_slots_reasons_and_quality(flux: Flux) -> None:
    plan = composed(flux, "--minutes", "60")
    slots = [e["slot"] for e in plan["exercises"]]
    assert slots[0] == "warm_up" and slots[-1] == "cool_down" and "main" in slots
    assert plan["exercises"][slots.index("main")]["name"] == "Back Squat"
    for exercise in plan["exercises"]:
        assert exercise["why"] and exercise["muscles"]["primary"]
    assert 0 < plan["estimated_minutes"] <= 66
    assert plan["quality"]["structure_met"] is True
    # The squat day's secondary lift is a pull (`other_pattern`): back work, not PULL's turn.
    assert plan["quality"]["patterns"] == ["SQUAT", "PULL"]
    assert next(e for e in plan["exercises"] if e["slot"] == "secondary")["pattern"] == "PULL"


def test_a_short_budget_keeps_the_warm_up_before_the_lead_lift(flux: Flux) -> None:
    plan = composed(flux, "--minutes", "30")
    slots = [e["slot"] for e in plan["exercises"]]
    assert slots[:2] == ["warm_up", "main"], slots  # accessories go first, the warm-up last
    assert plan["exercises"][1]["name"] == "Back Squat" and plan["exercises"][1]["sets"] == 5
    assert plan["estimated_minutes"] <= 33
    dropped = next(r["reason"] for r in plan["relaxed"] if r["constraint"] == "slots")
    assert dropped.startswith("30 min: ") and "warm_up" not in dropped
    assert "warm up before the work" in plan["exercises"][0]["why"]


@pytest.mark.parametrize("minutes", [20, 45, 75])
def test_budgets_hold_or_the_plan_says_what_gave(flux: Flux, minutes: int) -> None:
    plan = composed(flux, "--minutes", str(minutes))
    over = plan["estimated_minutes"] > minutes * 1.1
    assert not over or any(r["constraint"] == "time" for r in plan["relaxed"])
    if minutes == 20:
        assert any("dropped" in r["reason"] for r in plan["relaxed"])
    if minutes == 75:
        assert plan["relaxed"] == []


def test_a_dumbbells_only_travel_day(flux: Flux) -> None:
    assert flux("profile", "set", "equipment=@dumbbells").exit_code == 0
    plan = composed(flux)
    for exercise in plan["exercises"]:
        assert set(exercise["equipment"]) <= {"dumbbells"}, exercise
    assert "Back Squat" not in [e["name"] for e in plan["exercises"]]
    assert any(
        r["constraint"] == "equipment" and r["reason"].startswith("Back Squat is not equipped")
        for r in plan["relaxed"]
    )


@pytest.mark.skipif(
    not PUBLIC_CATALOGUE_JSON.is_file(),
    reason=f"the public catalogue is absent: {PUBLIC_CATALOGUE} (../shared beside the project)",
)
@pytest.mark.parametrize(
    "inputs", [GREEN, ("knee_pain=5", "energy=8"), ("knee_pain=8", "energy=8")]
)
def test_the_873_catalogue_composes_each_state(flux: Flux, inputs: tuple[str, str]) -> None:
    assert flux("seed", "--catalog", str(PUBLIC_CATALOGUE_JSON)).exit_code == 0
    plan = as_json(flux("plan", *inputs, "--date", DAY, "--json", "--minutes", "60"))
    assert plan["quality"]["structure_met"], plan["relaxed"]
    assert plan["estimated_minutes"] <= 66


def test_a_slot_the_catalogue_can_never_fill_is_refused_with_its_line(
    flux: Flux, tmp_path: Path
) -> None:
    shipped = (REPO_ROOT / "config" / "program_config.yaml").read_text()
    core = (
        "{slot: core, prescription: core_hold, "
        "qualifies: {pattern_free: true, tracking: [time], muscles: [abdominals]}}"
    )
    assert core in shipped
    broken = shipped.replace(core, core.replace("abdominals", "neck"))
    line = next(n for n, text in enumerate(broken.splitlines(), 1) if "[neck]" in text)
    path = tmp_path / "rules.yaml"
    path.write_text(broken)
    for command in (("config", "validate", str(path)), ("seed", "--config", str(path))):
        result = flux(*command)
        assert result.exit_code == 2
        assert result.stderr.splitlines()[0] == (
            f"flux: error: invalid rules file: {path}:{line}: composition.slots.Conditioning.2: "
            "the core slot can never be filled from the built-in catalogue: "
            "0 exercises qualify, it needs 1"
        )


def test_accessory_sets_are_chosen_in_the_slot_range_and_explained(flux: Flux) -> None:
    # A new athlete: every muscle is below its weekly floor, so the hour fills the shipped
    # accessory range ([2, 4] sets) with more sets; half an hour lowers them first.
    hour = composed(flux, "--minutes", "60")
    half = composed(flux, "--minutes", "30")
    for plan in (hour, half):
        for item in plan["exercises"]:
            if item["slot"] == "accessory":
                assert 2 <= item["sets"] <= 4
                assert f"; {item['sets']} sets " in item["why"]
    long = [e for e in hour["exercises"] if e["slot"] == "accessory"]
    short = [e for e in half["exercises"] if e["slot"] == "accessory"]
    assert long and any(e["sets"] > 3 for e in long)
    more = [e for e in long if e["sets"] > 3]
    assert all(
        any(
            line.startswith(f"{e['name']}: {e['sets']} sets (3 prescribed): ")
            for line in hour["rationale"]
        )
        for e in more
    )
    assert short and sum(e["sets"] for e in short) < sum(e["sets"] for e in long)
    assert all("fewer to fit the 30 min budget" in e["why"] for e in short if e["sets"] < 3)
    assert half["estimated_minutes"] <= 33


def test_a_tight_budget_pairs_accessories_as_a_superset_in_json_and_text(flux: Flux) -> None:
    plan = composed(flux, "--minutes", "40")
    paired = [e for e in plan["exercises"] if e["superset"] is not None]
    assert [e["superset"] for e in paired] == ["A", "A"]
    # The shipped superset slots: the secondary lift (a pull on a squat day) and accessories.
    assert [e["slot"] for e in paired] == ["secondary", "accessory"]
    first, second = (set(e["muscles"]["primary"]) for e in paired)
    assert not first & second
    line = next(line for line in plan["rationale"] if line.startswith("superset A: "))
    assert f"{paired[0]['name']} + {paired[1]['name']}, one rest per round" in line
    assert plan["estimated_minutes"] <= 44
    text = flux("plan", *GREEN, "--date", DAY, "--minutes", "40").stdout
    assert f"A1 {paired[0]['name']}" in text and f"A2 {paired[1]['name']}" in text
    roomy = composed(flux, "--minutes", "90")
    assert all(e["superset"] is None for e in roomy["exercises"])


@pytest.mark.skipif(
    not PUBLIC_CATALOGUE_JSON.is_file(),
    reason=f"the public catalogue is absent: {PUBLIC_CATALOGUE} (../shared beside the project)",
)
def test_a_superset_is_listed_back_to_back_in_json_and_text(flux: Flux) -> None:
    # With the public catalogue the secondary pull pairs with one of two accessories at
    # some budgets; it printed `secondary A1 …`, the other accessory, then `accessory A2 …`.
    assert flux("seed", "--catalog", str(PUBLIC_CATALOGUE_JSON)).exit_code == 0
    across_slots = 0
    for minutes in ("35", "40", "45", "50"):
        inputs = ("knee_pain=1", "energy=7", "--date", DAY, "--minutes", minutes)
        plan = as_json(flux("plan", *inputs, "--json"))
        rows = [(e["slot"], e["superset"]) for e in plan["exercises"]]
        lines = flux("plan", *inputs).stdout.splitlines()
        for letter in {mark for _, mark in rows if mark}:
            first = next(n for n, (_, mark) in enumerate(rows) if mark == letter)
            assert rows[first + 1][1] == letter, (minutes, rows)  # A2 right after A1
            assert letter not in {mark for _, mark in rows[first + 2 :]}, (minutes, rows)
            across_slots += rows[first][0] != rows[first + 1][0]
            a1, a2 = plan["exercises"][first]["name"], plan["exercises"][first + 1]["name"]
            at = next(n for n, line in enumerate(lines) if f"{letter}1 {a1}" in line)
            assert f"{letter}2 {a2}" in lines[at + 1], (minutes, lines[at : at + 2])
    assert across_slots, "no budget paired the secondary lift with an accessory"
