"""What may warm an athlete up before lifting (and cool them down after): cardio a gym has, and
stretches, under every relaxation."""

from __future__ import annotations

from dataclasses import replace

import pytest
from compose_support import BIKE, ex, setting, slot

from flux_cli.engine.compose.candidates import needs_of, parse_equipment
from flux_cli.engine.compose.compose import compose
from flux_cli.engine.compose.model import qualifies
from flux_cli.engine.composition_rules import RELAXATION_ORDER, Qualifier

PRESS = ex("Bench Press", pattern="PUSH", mechanic="compound", equipment="barbell")


def names(found: object) -> list[str]:
    return [pick.candidate.name for pick in found.picks]  # type: ignore[attr-defined]


def test_swimming_needs_a_pool_no_preset_has() -> None:
    # Catalogues call swimming "body only": at a gym (or at home) it was a warm-up.
    assert needs_of("body only", "Swimming", "cardio") == {"pool"}
    assert needs_of("body only", "Walking", "cardio") == frozenset()
    for preset in ("@gym", "@home", "@dumbbells", "@bodyweight"):
        assert "pool" not in parse_equipment(preset)
    assert parse_equipment("@gym,pool") == parse_equipment("@gym") | {"pool"}
    swim = ex("Swimming", primary=["quadriceps"], category="cardio", equipment="body only")
    walk = ex("Walking", primary=["quadriceps"], category="cardio", equipment="body only")
    warm_up = [slot("warm_up", low=1, high=2, qualifies=Qualifier(categories=["cardio"]))]
    gym = compose(setting([swim, walk], warm_up, equipment=parse_equipment("@gym")))
    assert names(gym) == ["Walking"]
    pool = compose(setting([swim, walk], warm_up, equipment=parse_equipment("@gym,pool")))
    assert sorted(names(pool)) == ["Swimming", "Walking"]


@pytest.mark.parametrize(("kind", "category"), [("warm_up", "cardio"), ("cool_down", "stretching")])
def test_a_warm_up_or_cool_down_stays_its_kind_under_every_relaxation(
    kind: str, category: str
) -> None:
    # No cardio or stretch is equipped (the bike is not there): the slot stays empty
    # rather than taking a bench press for five easy minutes.
    only = slot(
        kind, sets=1, reps=None, seconds=300, rest_s=0, qualifies=Qualifier(categories=[category])
    )
    found = compose(setting([BIKE, PRESS], [only], equipment=frozenset({"barbell", "bench"})))
    assert found.picks == ()
    assert [r.constraint for r in found.relaxed][-2:] == ["emergency_minimum", "slots"]
    generic = replace(setting([BIKE, PRESS], [only]), relaxed=frozenset(RELAXATION_ORDER))
    assert not qualifies(only, PRESS, generic)
    # Nor does any slot of cardio or stretching, whatever its name: the kind of work holds.
    assert not qualifies(replace(only, slot="finisher"), PRESS, generic)
    # Slots of resistance work take other resistance categories once accept_generic is made.
    carry = slot("carry", qualifies=Qualifier(categories=["strongman"]))
    widened = compose(setting([PRESS], [carry], equipment=frozenset({"barbell", "bench"})))
    assert [p.candidate.name for p in widened.picks] == ["Bench Press"]
    assert "accept_generic" in [r.constraint for r in widened.relaxed]


def test_the_cool_down_stretches_what_the_lead_lift_trained() -> None:
    from flux_cli.engine.compose import FixedItem
    from flux_cli.engine.composition_rules import Qualifier

    stretches = [
        ex(name, primary=[muscle], category="stretching", equipment="body only", mechanic=None)
        for name, muscle in (
            ("Cat-Cow", "lower back"),
            ("Hamstring Stretch", "hamstrings"),
            ("Quad Stretch", "quadriceps"),
        )
    ]
    cool_down = [slot("cool_down", qualifies=Qualifier(categories=["stretching"]))]
    for lift, muscle, stretch in (
        ("Deadlift", "hamstrings", "Hamstring Stretch"),
        ("Back Squat", "quadriceps", "Quad Stretch"),
    ):
        main = ex(lift, primary=[muscle], mechanic="compound", equipment="barbell")
        fixed = [FixedItem("main", lift, 900, 5, main)]
        found = compose(setting(stretches, cool_down, fixed=fixed, minutes=90))
        assert names(found) == [stretch], lift
        assert "what the lead lift trains" in found.picks[0].why
