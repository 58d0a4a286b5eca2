"""Look-alike candidates (alike to every constraint: muscles, pattern, one side or two, time)
are thinned to the best few per slot before the model is built; the session is the same."""

from __future__ import annotations

import random

import pytest
from compose_support import ex, setting, slot

from flux_cli.engine.compose import Candidate
from flux_cli.engine.compose import model as model_module
from flux_cli.engine.compose.compose import compose
from flux_cli.engine.compose.model import LOOK_ALIKES_KEPT, build

MUSCLES = ["biceps", "triceps", "chest", "lats", "quadriceps"]


def _curls(count: int) -> list[Candidate]:
    return [ex(f"Curl {i:02d}", primary=["biceps"], secondary=["forearms"]) for i in range(count)]


def test_only_the_best_few_look_alikes_enter_the_model_and_movement_rules_stay() -> None:
    pool = [*_curls(12), ex("Triceps Pushdown", primary=["triceps"])]
    # The last curl by name would be thinned out, but a movement rule keeps it in.
    the_setting = setting(pool, [slot("a", high=2)], moves={"Curl 11": "prefer"})
    names = {candidate.name for _, _, candidate, _, _ in build(the_setting).choices}
    curls = sorted(name for name in names if name.startswith("Curl"))
    assert LOOK_ALIKES_KEPT == 3
    assert curls == ["Curl 00", "Curl 01", "Curl 02", "Curl 11"]
    assert "Triceps Pushdown" in names
    assert "Curl 11" in {p.candidate.name for p in compose(the_setting).picks}  # preferred


@pytest.mark.parametrize("seed", range(8))
def test_thinning_never_changes_the_best_score(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    generator = random.Random(seed)
    # About a dozen of each kind: thinning applies to every slot.
    pool = [
        ex(
            f"Exercise {i:02d}",
            primary=[generator.choice(MUSCLES)],
            unilateral=generator.random() < 0.1,
        )
        for i in range(60)
    ]
    slots = [slot("a", index=0, high=2, set_range=(2, 4)), slot("b", index=1, high=2)]
    the_setting = setting(
        pool,
        slots,
        minutes=generator.choice([15, 25, 40]),
        last=frozenset(c.name for c in generator.sample(pool, 8)),
        weekly_sets={m: generator.choice([0, 6, 12]) for m in MUSCLES},
        weekly_targets={m: {"floor": 8, "cap": 16} for m in MUSCLES},
    )
    thinned = compose(the_setting)
    monkeypatch.setattr(model_module, "LOOK_ALIKES_KEPT", 10_000)
    whole = compose(the_setting)
    assert thinned.status == whole.status == "optimal"
    assert sum(p.score for p in thinned.picks) == sum(p.score for p in whole.picks)
