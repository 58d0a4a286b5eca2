"""Composition, one constraint family at a time, on small hand-made catalogues."""

from __future__ import annotations

from compose_support import ex, setting, slot

from flux_cli.engine.compose import FixedItem
from flux_cli.engine.compose.candidates import parse_equipment, set_seconds
from flux_cli.engine.compose.compose import compose
from flux_cli.engine.composition_rules import Qualifier

FLY = ex("Chest Fly", primary=["chest"], equipment="dumbbell")  # needs a bench
RAISE = ex("Lateral Raise", primary=["shoulders"])
PUSHDOWN = ex("Triceps Pushdown", primary=["triceps"], equipment="cable", load_type="cable")
CURL = ex("Bicep Curl", primary=["biceps"])
CRUNCH = ex("Crunch", primary=["abdominals"], equipment="body only", load_type="bodyweight")
CATALOGUE = [FLY, RAISE, PUSHDOWN, CURL, CRUNCH]


def names(found: object) -> list[str]:
    return [pick.candidate.name for pick in found.picks]  # type: ignore[attr-defined]


def test_time_per_exercise_is_setup_plus_work_and_rest_doubled_for_one_side() -> None:
    # 60 s setup + 3 × (10 reps × 3 s + 60 s rest) = 330 s; one side at a time: 60 + 3 × 120
    both = dict(sets=3, reps=10, seconds=None, rest_s=60, tempo_s_per_rep=3.0, setup_s=60)
    assert set_seconds(unilateral=False, **both) == 330  # type: ignore[arg-type]
    assert set_seconds(unilateral=True, **both) == 420  # type: ignore[arg-type]


def test_slot_counts_are_met() -> None:
    found = compose(setting(CATALOGUE, [slot("accessory", low=2, high=3)]))
    assert 2 <= len(found.picks) <= 3
    assert found.relaxed == ()
    assert found.structure_met


def test_the_time_budget_holds() -> None:
    # Each 3 × 10 exercise costs 330 s: 12 minutes hold two of them, not three.
    found = compose(setting(CATALOGUE, [slot("accessory", low=0, high=5)], minutes=12))
    assert len(found.picks) == 2
    assert found.estimated_minutes <= 12


def test_fixed_work_counts_against_the_budget() -> None:
    main = FixedItem("main", "Back Squat", 600, 5, None)
    found = compose(
        setting(CATALOGUE, [slot("accessory", low=0, high=5)], minutes=16, fixed=[main])
    )
    assert len(found.picks) == 1  # 600 s + 330 s ≤ 960 s < 600 + 2 × 330


def test_equipment_filters_candidates() -> None:
    found = compose(
        setting(CATALOGUE, [slot("a", low=0, high=5)], equipment=parse_equipment("dumbbells"))
    )
    # The fly needs a bench, the pushdown a cable: neither is there.
    assert sorted(names(found)) == ["Bicep Curl", "Crunch", "Lateral Raise"]


def test_hard_no_never_appears_and_hard_yes_always_does() -> None:
    base = setting(CATALOGUE, [slot("a", low=1, high=1)], moves={"Crunch": "yes"})
    assert names(compose(base)) == ["Crunch"]
    banned = setting(CATALOGUE, [slot("a", low=0, high=5)], moves={"Bicep Curl": "no"})
    assert "Bicep Curl" not in names(compose(banned))


def test_preferred_wins_a_tie() -> None:
    twins = [ex("Curl A", primary=["biceps"]), ex("Curl B", primary=["biceps"])]
    plain = compose(setting(twins, [slot("a")]))
    preferred = compose(setting(twins, [slot("a")], moves={"Curl B": "prefer"}))
    assert names(preferred) == ["Curl B"]
    assert names(plain) in (["Curl A"], ["Curl B"])
    assert "preferred +40" in preferred.picks[0].why


def test_muscle_caps_scale_with_recovery() -> None:
    chest = [ex(f"Press {n}", primary=["chest"]) for n in "ABC"]
    # Cap 10 weighted sets: three 3-set chest exercises fit (9); at 50 % recovery one does.
    fresh = compose(setting(chest, [slot("a", low=0, high=3)]))
    tired = compose(setting(chest, [slot("a", low=0, high=3)], recovery={"chest": 0.5}))
    assert len(fresh.picks) == 3 and len(tired.picks) == 1


def test_secondary_muscles_count_half() -> None:
    rows = [ex(f"Row {n}", primary=["lats"], secondary=["biceps"]) for n in "AB"]
    found = compose(
        setting(rows, [slot("a", low=0, high=2)], session_cap_sets={"biceps": 3, "lats": 10})
    )
    assert len(found.picks) == 2  # biceps 1.5 + 1.5 = 3 ≤ 3
    assert found.weighted_sets["biceps"] == 3.0


def test_weekly_cap_counts_the_week_so_far() -> None:
    found = compose(
        setting(
            [CURL],
            [slot("a", low=0, high=1)],
            weekly_sets={"biceps": 12},
            weekly_targets={"biceps": {"floor": 4, "cap": 14}},
        )
    )
    assert found.picks == ()  # 12 + 3 > 14


def test_volume_deficit_steers_the_choice() -> None:
    found = compose(
        setting(
            [CURL, PUSHDOWN],
            [slot("a")],
            weekly_sets={"biceps": 10, "triceps": 0},
            weekly_targets={"biceps": {"floor": 8, "cap": 20}, "triceps": {"floor": 8, "cap": 20}},
        )
    )
    assert names(found) == ["Triceps Pushdown"]
    assert "below weekly volume" in found.picks[0].why


def test_last_session_of_the_same_kind_is_penalised() -> None:
    twins = [ex("Curl A", primary=["biceps"]), ex("Curl B", primary=["biceps"])]
    assert names(compose(setting(twins, [slot("a")], last=frozenset({"Curl A"})))) == ["Curl B"]
    assert names(compose(setting(twins, [slot("a")], last=frozenset({"Curl B"})))) == ["Curl A"]


def test_qualifiers_pick_by_muscle_mechanic_and_pattern() -> None:
    squat = ex("Goblet Squat", primary=["quadriceps"], pattern="SQUAT", mechanic="compound")
    catalogue = [*CATALOGUE, squat]
    core = compose(setting(catalogue, [slot("core", qualifies=Qualifier(muscles=["abdominals"]))]))
    assert names(core) == ["Crunch"]
    free = compose(
        setting(catalogue, [slot("a", low=0, high=9, qualifies=Qualifier(pattern_free=True))])
    )
    assert "Goblet Squat" not in names(free)


def test_relaxation_widens_qualifiers_in_the_declared_order() -> None:
    # Only a compound is asked for; only isolation work is equipped.
    found = compose(setting(CATALOGUE, [slot("a", qualifies=Qualifier(mechanic="compound"))]))
    steps = [r.constraint for r in found.relaxed]
    assert steps == ["widen_patterns", "accept_synergists", "lower_preference", "accept_isolation"]
    assert "the a slot's count" in found.relaxed[0].reason
    assert len(found.picks) == 1 and not found.structure_met


def test_too_little_time_drops_slots_and_says_what_the_full_session_needs() -> None:
    main = FixedItem("main", "Back Squat", 1000, 5, None)
    found = compose(
        setting(CATALOGUE, [slot("accessory", low=2, high=2)], minutes=20, fixed=[main])
    )
    assert found.picks == ()
    assert found.relaxed[-1].constraint == "slots"
    # Supersets could pair the accessories: the figure is for each exercise on its own.
    assert found.relaxed[-1].reason == (
        "20 min: accessory slot dropped, the full session needs 28 min done one exercise at a time"
    )
    without = compose(
        setting(
            CATALOGUE,
            [slot("accessory", low=2, high=2)],
            minutes=20,
            fixed=[main],
            supersets={"use": "never"},
        )
    )
    assert without.relaxed[-1].reason == (
        "20 min: accessory slot dropped, the full session needs 28 min"
    )


def test_planned_work_over_the_budget_is_said_not_crashed() -> None:
    main = FixedItem("main", "Back Squat", 3000, 5, None)
    found = compose(setting(CATALOGUE, [slot("a", low=1)], minutes=10, fixed=[main]))
    assert any(r.constraint == "time" for r in found.relaxed)


def test_the_same_inputs_give_the_same_session() -> None:
    many = [ex(f"Raise {n:02d}", primary=["shoulders"]) for n in range(30)]
    first = compose(setting(many, [slot("a", low=2, high=4)], minutes=30))
    again = compose(setting(list(reversed(many)), [slot("a", low=2, high=4)], minutes=30))
    assert names(first) == names(again)
