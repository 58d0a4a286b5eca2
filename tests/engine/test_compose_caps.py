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
TARGETS = {"biceps": {"floor": 8, "cap": 20}, "triceps": {"floor": 8, "cap": 20}}
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


def test_a_second_isolation_move_for_one_muscle_costs_its_weight() -> None:
    curls = [ex(f"Curl {i}", primary=["biceps"]) for i in range(2)]
    pushdown = ex("Pushdown", primary=["triceps"])
    two_slots = [slot("accessory", index=0, high=2)]
    # The biceps are short of their floor, so both curls outscore the pushdown one by one.
    week = {"biceps": 0.0, "triceps": 6.0}
    plain = compose(
        setting([*curls, pushdown], two_slots, weekly_sets=week, weekly_targets=TARGETS)
    )
    assert sorted(p.candidate.name for p in plain.picks) == ["Curl 0", "Curl 1"]
    varied = compose(
        setting(
            [*curls, pushdown],
            two_slots,
            weekly_sets=week,
            weekly_targets=TARGETS,
            weights={"repeat_isolation": 30},
        )
    )
    names = sorted(p.candidate.name for p in varied.picks)
    assert len(names) == 2 and names[0].startswith("Curl") and names[1] == "Pushdown", names
