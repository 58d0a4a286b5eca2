"""The secondary lift of another archetype's pattern (`other_pattern`), and weekly floors
planned a few days ahead (`floor_lookahead_days`)."""

from __future__ import annotations

import pytest
from compose_support import ex, setting, slot
from pydantic import ValidationError

from flux_cli.engine.compose.compose import compose
from flux_cli.engine.composition_rules import CompositionRules, Qualifier

ROW = ex("Dumbbell Row", primary=["middle back"], secondary=["lats"], pattern="PULL")
PULLDOWN = ex(
    "Lat Pulldown", primary=["lats"], secondary=["middle back"], pattern="PULL", equipment="cable"
)
PRESS = ex("Dumbbell Press", primary=["chest"], pattern="PUSH", mechanic="compound")
SQUAT = ex("Goblet Squat", primary=["quadriceps"], pattern="SQUAT", mechanic="compound")
CURL = ex("Bicep Curl", primary=["biceps"])
OTHER = Qualifier(other_pattern=True)


def names(found: object) -> list[str]:
    return [pick.candidate.name for pick in found.picks]  # type: ignore[attr-defined]


def test_other_pattern_takes_a_pattern_the_archetype_does_not_train() -> None:
    # A squat-and-press day: the press and the squat score higher (they train its patterns)
    # but only the row qualifies; a curl trains no pattern at all.
    found = compose(
        setting([PRESS, SQUAT, ROW, CURL], [slot("secondary", qualifies=OTHER)]),
    )
    assert names(found) == ["Dumbbell Row"]
    assert found.patterns == ("PULL",)
    # The same slot on a pull day takes what the pull day does not train.
    pull_day = compose(
        setting(
            [PRESS, ROW, CURL],
            [slot("secondary", qualifies=OTHER)],
            patterns=("HINGE", "PULL"),
        )
    )
    assert names(pull_day) == ["Dumbbell Press"]


def test_other_pattern_holds_under_every_relaxation() -> None:
    # Only the archetype's own patterns are at hand: the ladder empties the slot rather
    # than take one of them (it would pay that pattern's debt and steal its turn).
    found = compose(setting([PRESS, SQUAT, CURL], [slot("secondary", qualifies=OTHER)]))
    assert found.picks == ()
    assert [r.constraint for r in found.relaxed][-2:] == ["emergency_minimum", "slots"]


def test_listed_patterns_narrow_the_other_patterns() -> None:
    squat_day = [slot("secondary", qualifies=Qualifier(other_pattern=True, patterns=["SQUAT"]))]
    found = compose(setting([PRESS, SQUAT, ROW], squat_day, patterns=("HINGE", "PULL")))
    assert names(found) == ["Goblet Squat"]


def test_other_pattern_and_pattern_free_exclude_each_other() -> None:
    with pytest.raises(ValidationError, match="exclude each other"):
        Qualifier(pattern_free=True, other_pattern=True)


def test_a_rules_file_may_not_list_the_archetypes_own_pattern_as_other() -> None:
    rules = CompositionRules.model_validate(
        {
            "slots": {
                "A": [
                    {
                        "slot": "secondary",
                        "prescription": "accessory",
                        "qualifies": {"other_pattern": True, "patterns": ["PULL", "SQUAT"]},
                    }
                ]
            }
        }
    )
    found = rules.problems({"A": ["SQUAT", "PUSH"]}, {"accessory"}, ["SQUAT", "PUSH", "PULL"])
    assert found == [
        (
            ("composition", "slots", "A", 0, "qualifies", "patterns"),
            "pattern 'SQUAT' is one A trains: other_pattern takes only the others",
        )
    ]


TARGETS = {"lats": {"floor": 8, "cap": 20}, "middle back": {"floor": 6, "cap": 20}}


def _back_day(leaving: tuple[float, ...], ahead: int) -> list[str]:
    """The secondary pick on a day with lats at their floor (8) and middle back short by 1,
    `leaving`: the lats sets leaving the week on each of the next days."""
    found = compose(
        setting(
            [ROW, PULLDOWN],
            [slot("secondary", qualifies=OTHER)],
            weekly_sets={"lats": 8.0, "middle back": 5.0},
            leaving={"lats": leaving},
            weekly_targets=TARGETS,
            floor_lookahead_days=ahead,
        )
    )
    return [f"{p.candidate.name} {p.terms.get('volume_deficit', 0)}" for p in found.picks]


def test_a_floor_met_today_but_not_in_two_days_is_planned_for_with_lookahead() -> None:
    # The 5 lats sets of 6 days ago leave the week tomorrow, the 1 of 5 days ago the day
    # after: 2 left in two days, 6 short. Today alone, middle back is the one short.
    leaving = (5.0, 1.0, 0.0, 0.0, 0.0, 0.0)
    assert _back_day(leaving, 0) == ["Dumbbell Row 10"]
    assert _back_day(leaving, 1) == ["Lat Pulldown 30"]  # 3 left tomorrow: 5 short
    assert _back_day(leaving, 2) == ["Lat Pulldown 30"]  # 3 sets toward the 6 lacking


def test_the_lookahead_says_when_the_week_falls_short() -> None:
    found = compose(
        setting(
            [PULLDOWN],
            [slot("secondary", qualifies=OTHER, set_range=(2, 4))],
            weekly_sets={"lats": 8.0},
            leaving={"lats": (0.0, 4.0, 0.0, 0.0, 0.0, 0.0)},
            weekly_targets={"lats": TARGETS["lats"]},
            floor_lookahead_days=3,
        )
    )
    (pick,) = found.picks
    assert pick.sets == 4
    assert pick.sets_why == "4 sets (3 prescribed): lats at 4 of 8 weekly sets in 2 days"


def test_sets_that_leave_after_the_horizon_change_nothing() -> None:
    assert _back_day((0.0, 0.0, 0.0, 5.0, 0.0, 0.0), 3) == ["Dumbbell Row 10"]  # in 4 days
