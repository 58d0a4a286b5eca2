"""Supersets (issue 12 §2): accessory pairs sharing no primary muscle, one rest per round.

Every exercise here is 3 × 10 at 60 s rest: 60 s setup + 3 × (30 s work + 60 s rest) = 330 s
alone; as a superset two of them take 2 × 60 + 3 × (30 + 30 + 60) = 480 s.
"""

from __future__ import annotations

from compose_support import ex, setting, slot
from hypothesis import given, settings
from hypothesis import strategies as st

from flux_cli.engine.compose.compose import compose
from flux_cli.engine.compose.request import Composition
from flux_cli.engine.composition_rules import Qualifier

CURL = ex("Bicep Curl", primary=["biceps"])
PUSHDOWN = ex("Triceps Pushdown", primary=["triceps"], equipment="cable", load_type="cable")
FLY = ex("Cable Fly", primary=["chest"], equipment="cable", load_type="cable")
PRESS = ex("Machine Chest Press", primary=["chest"], equipment="machine", load_type="machine")
CRUNCH = ex("Crunch", primary=["abdominals"], equipment="body only", load_type="bodyweight")
GYM = frozenset({"dumbbells", "cable", "machine", "bench"})


def pairs(found: Composition) -> dict[str, list[str]]:
    found_pairs: dict[str, list[str]] = {}
    for pick in found.picks:
        if pick.superset is not None:
            found_pairs.setdefault(pick.superset, []).append(pick.candidate.name)
    return found_pairs


def test_a_superset_fits_two_accessories_a_budget_cannot_fit_apart() -> None:
    accessories = [slot("accessory", low=0, high=2)]
    apart = compose(setting([CURL, PUSHDOWN], accessories, minutes=9, supersets={"use": "never"}))
    assert len(apart.picks) == 1  # 2 × 330 s > 540 s
    paired = compose(setting([CURL, PUSHDOWN], accessories, minutes=9))
    assert pairs(paired) == {"A": ["Bicep Curl", "Triceps Pushdown"]}
    assert sum(pick.seconds for pick in paired.picks) == 480
    assert paired.estimated_minutes == 8.0
    curl, pushdown = paired.picks
    assert curl.why.endswith("; superset A with Triceps Pushdown")
    assert pushdown.why.endswith("; superset A with Bicep Curl")
    assert "next best" not in curl.why  # the other pick is no rival: both are in
    assert paired.notes == (
        "superset A: Bicep Curl + Triceps Pushdown, one rest per round "
        "(3 rounds, 3 min of rest saved)",
    )


def test_exercises_sharing_a_primary_muscle_are_never_paired() -> None:
    accessories = [slot("accessory", low=0, high=2)]
    found = compose(setting([FLY, PRESS], accessories, minutes=9, equipment=GYM))
    assert len(found.picks) == 1 and pairs(found) == {}  # both chest: no superset, one fits
    mixed = compose(setting([FLY, PRESS, CURL], accessories, minutes=9, equipment=GYM))
    assert len(mixed.picks) == 2
    (pair,) = pairs(mixed).values()
    assert "Bicep Curl" in pair


def test_with_time_to_spare_when_short_keeps_exercises_apart_and_always_pairs() -> None:
    accessories = [slot("accessory", low=2, high=2)]
    found = compose(setting([CURL, PUSHDOWN], accessories, minutes=60))
    assert pairs(found) == {} and sum(pick.seconds for pick in found.picks) == 660
    always = compose(
        setting([CURL, PUSHDOWN], accessories, minutes=60, supersets={"use": "always"})
    )
    assert pairs(always) == {"A": ["Bicep Curl", "Triceps Pushdown"]}


def test_only_the_rules_superset_slots_pair() -> None:
    options = [
        slot("accessory", index=300, low=0, high=1),
        slot("core", index=400, low=0, high=1, qualifies=Qualifier(muscles=["abdominals"])),
    ]
    found = compose(setting([CURL, CRUNCH], options, minutes=9))
    assert len(found.picks) == 1 and pairs(found) == {}
    both = compose(
        setting([CURL, CRUNCH], options, minutes=9, supersets={"slots": ["accessory", "core"]})
    )
    assert pairs(both) == {"A": ["Bicep Curl", "Crunch"]}


def test_a_superset_with_chosen_sets_saves_a_rest_per_shared_round() -> None:
    # Both pairs at 2 sets: 2 × 60 + 2 × 120 = 360 s; 3 + 3 would be 480 s > 7 min.
    accessories = [slot("accessory", low=2, high=2, set_range=(2, 4))]
    found = compose(setting([CURL, PUSHDOWN], accessories, minutes=7))
    assert pairs(found) == {"A": ["Bicep Curl", "Triceps Pushdown"]}
    rounds = min(pick.sets for pick in found.picks)
    work = sum(60 + pick.sets * 90 for pick in found.picks)
    assert sum(pick.seconds for pick in found.picks) == work - rounds * 60 <= 7 * 60


MUSCLES = ["chest", "biceps", "triceps", "shoulders", "lats", "quadriceps"]


@settings(max_examples=40, deadline=None)
@given(
    primaries=st.lists(st.sampled_from(MUSCLES), min_size=2, max_size=7),
    minutes=st.integers(5, 30),
    use=st.sampled_from(["when_short", "always"]),
    ranged=st.booleans(),
)
def test_supersets_pair_two_picks_sharing_no_primary_muscle_within_the_budget(
    primaries: list[str], minutes: int, use: str, ranged: bool
) -> None:
    catalogue = [ex(f"Move {i}", primary=[muscle]) for i, muscle in enumerate(primaries)]
    accessories = [slot("accessory", low=0, high=4, set_range=(1, 4) if ranged else None)]
    found = compose(setting(catalogue, accessories, minutes=minutes, supersets={"use": use}))
    by_name = {pick.candidate.name: pick for pick in found.picks}
    for names in pairs(found).values():
        assert len(names) == 2
        first, second = (by_name[name].candidate for name in names)
        assert not set(first.primary) & set(second.primary)
    assert sum(pick.seconds for pick in found.picks) <= minutes * 60
    again = compose(setting(catalogue, accessories, minutes=minutes, supersets={"use": use}))
    assert [(p.candidate.name, p.sets, p.superset) for p in again.picks] == [
        (p.candidate.name, p.sets, p.superset) for p in found.picks
    ]


def marks(found: Composition) -> list[str | None]:
    return [pick.superset for pick in found.picks]


def assert_adjacent(found: Composition) -> None:
    """Each superset's two picks stand next to each other (A1 then A2, nothing between)."""
    letters = marks(found)
    for letter in {mark for mark in letters if mark is not None}:
        at = [index for index, mark in enumerate(letters) if mark == letter]
        assert len(at) == 2 and at[1] == at[0] + 1, letters


def test_a_superset_across_slots_is_done_back_to_back_before_the_slot_s_other_pick() -> None:
    # The secondary row pairs with the accessory pushdown alone (the pullover shares the
    # row's lats and the pushdown's triceps); the preferred pullover ranks first among the
    # accessories, so slot order alone would put it between the pair's two exercises.
    row = ex("Dumbbell Row", primary=["lats"])
    pullover = ex("Pullover", primary=["chest", "lats", "triceps"])
    options = [
        slot("secondary", index=200, qualifies=Qualifier(names=["Dumbbell Row"])),
        slot("accessory", index=300, low=2, high=2),
    ]
    found = compose(
        setting(
            [row, pullover, PUSHDOWN],
            options,
            minutes=60,
            equipment=GYM,
            moves={"Pullover": "prefer"},
            supersets={"use": "always", "slots": ["secondary", "accessory"]},
        )
    )
    assert [(p.slot, p.candidate.name, p.superset) for p in found.picks] == [
        ("secondary", "Dumbbell Row", "A"),
        ("accessory", "Triceps Pushdown", "A"),
        ("accessory", "Pullover", None),
    ]
    assert found.picks[2].score > found.picks[1].score  # ranked first, done after the pair


def test_a_superset_within_a_slot_is_done_back_to_back() -> None:
    # Three accessories by score: the preferred fly, the press (chest and biceps: it pairs
    # with neither), the curl done last session; only the fly and the curl pair.
    press = ex("Curl Press", primary=["chest", "biceps"])
    options = [slot("accessory", low=3, high=3)]
    found = compose(
        setting(
            [FLY, press, CURL],
            options,
            minutes=60,
            equipment=GYM,
            moves={"Cable Fly": "prefer"},
            last=frozenset({"Bicep Curl"}),
            supersets={"use": "always"},
        )
    )
    assert [(p.candidate.name, p.superset) for p in found.picks] == [
        ("Cable Fly", "A"),
        ("Bicep Curl", "A"),
        ("Curl Press", None),
    ]


@settings(max_examples=30, deadline=None)
@given(
    primaries=st.lists(st.sampled_from(MUSCLES), min_size=3, max_size=8),
    minutes=st.integers(8, 40),
    use=st.sampled_from(["when_short", "always"]),
)
def test_superset_members_always_stand_next_to_each_other(
    primaries: list[str], minutes: int, use: str
) -> None:
    catalogue = [ex(f"Move {i}", primary=[muscle]) for i, muscle in enumerate(primaries)]
    options = [
        slot("secondary", index=200, low=0, high=1, qualifies=Qualifier(names=["Move 0"])),
        slot("accessory", index=300, low=0, high=4),
    ]
    found = compose(
        setting(
            catalogue,
            options,
            minutes=minutes,
            supersets={"use": use, "slots": ["secondary", "accessory"]},
        )
    )
    assert_adjacent(found)
    letters = [mark for mark in marks(found) if mark is not None]
    assert letters == sorted(letters)  # A before B, in session order
