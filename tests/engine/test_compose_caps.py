"""A muscle at its cap empties the slot that exists to train it: said with the numbers, and
nothing else gives way (the other slots keep their counts, the week its pattern limits)."""

from __future__ import annotations

from dataclasses import replace

from compose_support import ex, setting, slot

from flux_cli.engine.compose.compose import compose
from flux_cli.engine.composition_rules import Qualifier

CRUNCH = ex("Crunch", primary=["abdominals"])
ROW = ex("Dumbbell Row", primary=["lats"], pattern="PULL", mechanic="compound")
CURL = ex("Curl", primary=["biceps"])
SLOTS = [
    slot("accessory", index=0),
    slot("core", index=1, qualifies=Qualifier(muscles=["abdominals"])),
]


def test_a_muscle_at_its_weekly_cap_drops_its_slot_and_nothing_else() -> None:
    week = setting(
        [CRUNCH, ROW, CURL],
        SLOTS,
        weekly_sets={"abdominals": 12},
        weekly_targets={"abdominals": {"floor": 4, "cap": 12}},
        pattern_uses_per_week=4,
    )
    # PULL has had its four uses this week: the row may not fill the accessory slot, cap
    # or no cap elsewhere (the emergency minimum once lifted every pattern limit with it).
    capped = replace(week, day=replace(week.day, pattern_uses={"PULL": 4}))
    found = compose(capped)
    assert [(p.slot, p.candidate.name) for p in found.picks] == [("accessory", "Curl")]
    assert [(r.constraint, r.reason) for r in found.relaxed] == [
        ("slots", "core slot dropped: abdominals at 12 of 12 weekly sets (the cap)")
    ]
    # With PULL's uses left, the compound row wins the same slot: the limit, not the
    # scores, kept it out above.
    free = compose(replace(week, day=replace(week.day, pattern_uses={"PULL": 0})))
    assert [(p.slot, p.candidate.name) for p in free.picks] == [("accessory", "Dumbbell Row")]
