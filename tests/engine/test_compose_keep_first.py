"""What a tight budget keeps: `composition.keep_first`.

Every accessory here is 3 × 10 at 60 s rest: 60 s setup + 3 × (30 s + 60 s) = 330 s alone,
480 s as a superset of two; the warm-up is 60 s setup + 5 minutes = 360 s.
"""

from __future__ import annotations

import pytest
from compose_support import BIKE, ex, setting, slot
from pydantic import ValidationError

from flux_cli.engine.compose import FixedItem
from flux_cli.engine.compose.compose import compose
from flux_cli.engine.composition_rules import CompositionRules, Qualifier

ROW = ex(
    "Seated Cable Row",
    primary=["lats"],
    secondary=["biceps"],
    pattern="PULL",
    mechanic="compound",
    equipment="cable",
    load_type="cable",
)
RAISE = ex("Lateral Raise", primary=["shoulders"])
PUSHDOWN = ex("Triceps Pushdown", primary=["triceps"], equipment="cable", load_type="cable")
CRUNCH = ex("Crunch", primary=["abdominals"], equipment="body only", load_type="bodyweight")
GYM = frozenset({"bike", "cable", "dumbbells", "barbell", "bench", "rack"})
SQUAT = FixedItem("main", "Back Squat", 1000, 5, None)
SLOTS = [
    slot(
        "warm_up",
        index=0,
        sets=1,
        reps=None,
        seconds=300,
        rest_s=0,
        qualifies=Qualifier(categories=["cardio"]),
    ),
    slot("secondary", index=200, qualifies=Qualifier(other_pattern=True, patterns=["PULL"])),
    slot(
        "accessory", index=300, low=1, high=2, qualifies=Qualifier(muscles=["shoulders", "triceps"])
    ),
    slot("core", index=400, qualifies=Qualifier(muscles=["abdominals"])),
]


def squat_day(minutes: int, keep_first: list[str]) -> list[tuple[str, str]]:
    found = compose(
        setting(
            [BIKE, ROW, RAISE, PUSHDOWN, CRUNCH],
            SLOTS,
            minutes=minutes,
            equipment=GYM,
            fixed=[SQUAT],
            supersets={"slots": ["secondary", "accessory"]},
            keep_first=keep_first,
        )
    )
    assert sum(p.seconds for p in found.picks) + SQUAT.seconds <= minutes * 60
    return [(p.slot, p.candidate.name) for p in found.picks]


def test_a_tight_budget_keeps_the_secondary_lift_over_two_isolation_accessories() -> None:
    # 31 min: 1860 s − the squat's 1000 − the warm-up's 360 leave 500 s, two picks as a
    # superset; the full session (row, accessory, core) needs 360 + 480 + 330 more.
    # Each accessory scores more than the row (the slot's muscle +20 against compound +10):
    # without keep_first the two isolation moves win.
    assert squat_day(31, keep_first=["warm_up"]) == [
        ("warm_up", "Air Bike"),
        ("accessory", "Lateral Raise"),
        ("accessory", "Triceps Pushdown"),
    ]
    kept = squat_day(31, keep_first=["warm_up", "secondary"])
    assert kept[:2] == [("warm_up", "Air Bike"), ("secondary", "Seated Cable Row")]
    assert len(kept) == 3 and kept[2][0] == "accessory"


def test_keep_first_points_go_to_the_listed_slots_only_in_an_emergency() -> None:
    found = compose(
        setting(
            [BIKE, ROW, RAISE, PUSHDOWN, CRUNCH],
            SLOTS,
            minutes=31,
            equipment=GYM,
            fixed=[SQUAT],
            supersets={"slots": ["secondary", "accessory"]},
            keep_first=["warm_up", "secondary"],
        )
    )
    terms = {p.slot: dict(p.terms) for p in found.picks}
    assert terms["warm_up"]["warm_up_first"] == 500
    assert terms["secondary"]["keep_first"] == 250
    assert "keep_first" not in terms["accessory"] and "warm_up_first" not in terms["accessory"]
    secondary = next(p for p in found.picks if p.slot == "secondary")
    assert "kept before later slots when time is short +250" in secondary.why
    roomy = compose(
        setting(
            [BIKE, ROW, RAISE, PUSHDOWN, CRUNCH],
            SLOTS,
            minutes=60,
            equipment=GYM,
            fixed=[SQUAT],
            keep_first=["warm_up", "secondary"],
        )
    )
    assert roomy.relaxed == () and {p.slot for p in roomy.picks} >= {"secondary", "core"}
    assert not any({"keep_first", "warm_up_first"} & set(p.terms) for p in roomy.picks)


def test_keep_first_names_a_slot_once() -> None:
    with pytest.raises(ValidationError, match="warm_up repeated"):
        CompositionRules.model_validate({"keep_first": ["warm_up", "secondary", "warm_up"]})
    with pytest.raises(ValidationError):
        CompositionRules.model_validate({"keep_first": ["stretch"]})
