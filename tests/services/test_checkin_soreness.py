"""A check-in may carry soreness: stored as `flux soreness` stores it, read by the day's plan,
and a bad value refuses the whole check-in with nothing written."""

from __future__ import annotations

import datetime as dt

import pytest

from flux_cli import services
from flux_cli.errors import DomainRefusal, InputError
from flux_cli.services import Context
from flux_cli.services.body import recovery, soreness_form, soreness_problem

DAY = dt.date(2026, 5, 4)
FINE = {"knee_pain": "1", "energy": "8"}


def _sore(ctx: Context) -> dict[str, float]:
    return {m.muscle: m.soreness for m in recovery(ctx, DAY).muscles if m.soreness}


def test_soreness_with_the_check_in_is_stored_and_read_by_the_plan(ctx: Context) -> None:
    fresh = services.checkin(ctx, FINE, DAY).plan
    assert fresh.recovery is not None and fresh.recovery["quadriceps"] == 100
    sore = services.checkin(ctx, FINE, DAY, soreness={"quads": "10", "hamstrings": "3"}).plan
    assert _sore(ctx) == {"quadriceps": 10.0, "hamstrings": 3.0}
    # Soreness 10 alone leaves a group 0% recovered (rules: recovery section).
    assert sore.recovery is not None and sore.recovery["quadriceps"] == 0
    form = soreness_form(ctx, DAY)
    assert form.today == {"quadriceps": 10.0, "hamstrings": 3.0}
    assert form.groups[:3] == ["quadriceps", "hamstrings", "glutes"]


@pytest.mark.parametrize(
    ("soreness", "message"),
    [
        ({"quads": "11"}, "soreness for quads must be a number from 0 to 10, got '11'"),
        ({"quads": "x"}, "soreness for quads must be a number from 0 to 10, got 'x'"),
        ({"toes": "3"}, "unknown muscle group 'toes'"),
    ],
)
def test_a_bad_soreness_value_refuses_the_whole_check_in(
    ctx: Context, soreness: dict[str, str], message: str
) -> None:
    with pytest.raises(InputError) as caught:
        services.checkin(ctx, FINE, DAY, soreness={"hamstrings": "3", **soreness})
    assert caught.value.message == message
    assert _sore(ctx) == {}
    with pytest.raises(DomainRefusal):
        services.plan(ctx, {}, DAY)  # no check-in stored either


def test_the_one_soreness_check() -> None:
    assert soreness_problem("0") is None and soreness_problem(" 10 ") is None
    assert soreness_problem("10.5") == "0-10 only"
    assert soreness_problem("-1") == "0-10 only"
    assert soreness_problem("nan") == "not a number"
    assert soreness_problem("six") == "not a number"
