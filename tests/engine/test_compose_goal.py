"""The athlete's goal (`flux profile set goal=…`) weighs composition's picks (issue 12 §4).

One accessory slot, four candidates that differ only in what a goal looks at: a compound
barbell lift, an isolation machine, a bodyweight movement and a cardio machine, all working
the chest, at equal time. Weights other than the goal's are equal for all four.
"""

from __future__ import annotations

import pytest
from compose_support import ex, setting, slot

from flux_cli.engine.compose.compose import compose

PRESS = ex("Barbell Floor Press", mechanic="compound", equipment="barbell", load_type="barbell")
FLY = ex("Machine Fly", mechanic="isolation", equipment="machine", load_type="machine")
PUSH_UP = ex("Push-Up", mechanic="isolation", equipment="body only", load_type="bodyweight")
ERG = ex("Arm Ergometer", category="cardio", mechanic="isolation", equipment=None, load_type="none")
CATALOGUE = [FLY, PUSH_UP, ERG, PRESS]
EQUIPMENT = frozenset({"barbell", "bench", "rack", "machine", "dumbbells"})


def _pick(goal: str, family: str = "performance", **weights: int) -> set[str]:
    found = compose(
        setting(
            CATALOGUE,
            [slot("accessory", low=1, high=1)],
            equipment=EQUIPMENT,
            goal=goal,
            family=family,
            weights={"compound_bonus": 0, "time_use": 0, "goal_alignment": 50, **weights},
        )
    )
    return {pick.candidate.name for pick in found.picks}


def test_strength_picks_the_compound_free_weight_lift() -> None:
    assert _pick("strength") == {"Barbell Floor Press"}


@pytest.mark.parametrize("goal", ["strength", "hypertrophy", "endurance", "general"])
def test_the_goal_term_is_named_in_the_pick_s_reason(goal: str) -> None:
    found = compose(
        setting(CATALOGUE, [slot("accessory")], equipment=EQUIPMENT, goal=goal, family="recovery")
    )
    (pick,) = found.picks
    assert ("fits the goal" in (pick.why or "")) == (pick.terms.get("goal", 0) > 0)


def test_hypertrophy_takes_loaded_work_machines_and_isolation_included() -> None:
    assert _pick("hypertrophy") <= {"Machine Fly", "Barbell Floor Press"}
    # Without the press, the machine fly still serves hypertrophy; nothing serves strength.
    for goal in ("hypertrophy", "strength"):
        found = compose(
            setting(
                [FLY, PUSH_UP, ERG],
                [slot("accessory")],
                equipment=EQUIPMENT,
                goal=goal,
                weights={"compound_bonus": 0, "time_use": 0, "goal_alignment": 50},
            )
        )
        (pick,) = found.picks
        if goal == "hypertrophy":
            assert pick.candidate.name == "Machine Fly" and pick.terms["goal"] == 50
        else:
            assert "goal" not in pick.terms


def test_endurance_picks_bodyweight_or_cardio_work() -> None:
    assert _pick("endurance") <= {"Push-Up", "Arm Ergometer"}


def test_general_follows_the_day() -> None:
    assert _pick("general", family="performance") <= {"Machine Fly", "Barbell Floor Press"}
    assert _pick("general", family="recovery") <= {"Push-Up", "Arm Ergometer"}
