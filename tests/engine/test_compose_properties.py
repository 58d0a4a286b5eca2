"""Properties of composition over generated catalogues and constraints (hypothesis)."""

from __future__ import annotations

from compose_support import ex, setting, slot
from hypothesis import given, settings
from hypothesis import strategies as st

from flux_cli.engine.compose import Candidate, MoveRule
from flux_cli.engine.compose.compose import compose
from flux_cli.engine.compose.model import budget_seconds

MUSCLES = ["chest", "lats", "quadriceps", "biceps", "abdominals"]
GEAR = ["dumbbell", "barbell", "cable", "body only", "kettlebells"]

catalogues = st.lists(
    st.builds(
        lambda i, muscle, gear, one_side: ex(
            f"Exercise {i:03d}", primary=[muscle], equipment=gear, unilateral=one_side
        ),
        st.integers(0, 999),
        st.sampled_from(MUSCLES),
        st.sampled_from(GEAR),
        st.booleans(),
    ),
    min_size=1,
    max_size=25,
    unique_by=lambda c: c.name,
)
equipment = st.frozensets(st.sampled_from(["dumbbells", "barbell", "cable", "kettlebells"]))


@settings(max_examples=40, deadline=None)
@given(
    catalogue=catalogues,
    minutes=st.integers(5, 90),
    gear=equipment,
    low=st.integers(0, 3),
    moves=st.lists(st.sampled_from(["no", "yes", "prefer"]), max_size=25),
)
def test_budget_equipment_and_movement_rules_hold(
    catalogue: list[Candidate], minutes: int, gear: frozenset[str], low: int, moves: list[MoveRule]
) -> None:
    rules = {c.name: move for c, move in zip(catalogue, moves, strict=False)}
    the_setting = setting(
        catalogue, [slot("a", low=low, high=4)], minutes=minutes, equipment=gear, moves=rules
    )
    found = compose(the_setting)
    picked = {pick.candidate.name for pick in found.picks}
    relaxed = {r.constraint for r in found.relaxed}
    if "time" not in relaxed:
        assert sum(p.seconds for p in found.picks) <= budget_seconds(the_setting)
    for pick in found.picks:
        assert pick.candidate.needs <= gear  # never missing equipment
        assert rules.get(pick.candidate.name) != "no"  # never a HARD_NO
    for c in catalogue:
        fits = c.needs <= gear and c.name in rules and rules[c.name] == "yes"
        if fits and not relaxed:
            assert c.name in picked  # HARD_YES present when its slot is
    if not relaxed:
        assert found.structure_met and len(found.picks) >= low
    assert compose(the_setting).picks == found.picks  # deterministic
