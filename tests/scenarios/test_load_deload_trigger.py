"""A crushing block drives form (TSB) under the rules' line: the fatigue trigger fires."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from flux_cli import services
from flux_cli.engine.fatigue import fatigue_deload_reasons
from flux_cli.services import Context
from flux_cli.services.base import known_profile, load_rules, unit_of_work
from tests.scenarios.load_support import START, context, rides, train

GREEN = {"knee_pain": "0", "energy": "9"}


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[Context]:
    kept = context(tmp_path)
    yield kept
    services.close(kept)


def _reasons(ctx: Context, day: dt.date) -> list[str]:
    with unit_of_work(ctx, read_only=True) as uow:
        rules = load_rules(ctx, uow).rules
        history = uow.history_as_of(known_profile(uow, ctx).id, day, rules)
    assert history.body is not None
    return fatigue_deload_reasons(rules, history.body, 250)


def test_a_tsb_below_the_line_for_three_days_is_a_deload_reason(
    ctx: Context, tmp_path: Path
) -> None:
    # Four easy weeks, then a week of hard sessions plus 2-h rides every day.
    days = [START + dt.timedelta(days=i) for i in range(35)]
    for day in days[:28:3]:
        train(ctx, day, GREEN, rpe=5)
    assert _reasons(ctx, days[28]) == []
    rides(ctx, tmp_path, [(day, f"Ride {i}", "Ride", 120, 230) for i, day in enumerate(days[28:])])
    for day in days[28:]:
        train(ctx, day, GREEN, rpe=9)
    reasons = _reasons(ctx, days[-1] + dt.timedelta(days=1))
    assert any(reason.startswith("form (TSB) below -30 for 3 days") for reason in reasons)
    assert any(reason.startswith("acute:chronic load") for reason in reasons)
