"""Fatigue deloads through the services: a crushing block drives form (TSB) under the rules'
line and the acute:chronic load over its line, and a deload starts named by its trigger;
poor whole-body check-ins start one; a sore knee on an otherwise fine day never does."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from flux_cli import services
from flux_cli.engine.fatigue import fatigue_deload_reasons
from flux_cli.engine.types import Plan
from flux_cli.services import Context
from flux_cli.services.base import known_profile, load_rules, unit_of_work
from tests.scenarios.load_support import START, context, rides, train

GREEN = {"knee_pain": "0", "energy": "9"}
SORE_KNEE = {"knee_pain": "6", "energy": "9"}
LOW_ENERGY = {"knee_pain": "0", "energy": "3"}
RULES = Path(__file__).parents[2] / "config" / "program_config.yaml"


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


def _easy_weeks(ctx: Context) -> list[dt.date]:
    """Six easy weeks (one hour-long session a week, too few for the time trigger)."""
    days = [START + dt.timedelta(days=i) for i in range(56)]
    for day in days[:42:7]:
        train(ctx, day, GREEN, rpe=7, session_rpe=5)
    return days[42:]


def _crush(ctx: Context, tmp_path: Path, day: dt.date, index: int) -> None:
    """A 2-h ride at 230 W (92% of FTP) and a hard 90-min session on the same day."""
    rides(ctx, tmp_path, [(day, f"Ride {index}", "Ride", 120, 230)])
    train(ctx, day, GREEN, rpe=7, session_rpe=9, minutes=90)


def _until_deload(ctx: Context, tmp_path: Path, days: list[dt.date]) -> dict[dt.date, Plan]:
    plans: dict[dt.date, Plan] = {}
    for index, day in enumerate(days):
        plans[day] = services.plan(ctx, GREEN, day)
        if plans[day].deload is not None:
            break
        _crush(ctx, tmp_path, day, index)
    return plans


def test_a_tsb_below_the_line_for_three_days_is_a_deload_reason(
    ctx: Context, tmp_path: Path
) -> None:
    block = _easy_weeks(ctx)
    assert _reasons(ctx, block[0]) == []
    for index, day in enumerate(block[:7]):
        _crush(ctx, tmp_path, day, index)
    reasons = _reasons(ctx, block[7])
    assert any(reason.startswith("form (TSB) below -30 for 3 days") for reason in reasons)
    assert any(reason.startswith("acute:chronic load") for reason in reasons)


def test_a_crushing_block_starts_a_deload_named_by_its_trigger(
    ctx: Context, tmp_path: Path
) -> None:
    plans = _until_deload(ctx, tmp_path, _easy_weeks(ctx))
    day, plan = max(plans.items())
    assert plan.deload is not None, "no deload after a week of crushing load"
    assert all(p.deload is None for d, p in plans.items() if d < day)
    # One crushing day doubles the acute load against six easy weeks: ACWR says it first.
    assert (day - min(plans)).days == 1
    assert plan.load is not None and plan.load.acwr is not None and plan.load.acwr > 1.5
    assert plan.deload.reason.startswith("acute:chronic load")
    assert plan.deload.until == day + dt.timedelta(days=6)
    assert f"deload until {plan.deload.until.isoformat()}: {plan.deload.reason}" in plan.rationale
    # The deload is a real one: the work is lighter than the same day's plan would be.
    assert all(item.sets <= 3 for item in plan.exercises if item.block == "main")


def test_tsb_below_the_line_for_three_days_starts_a_deload(ctx: Context, tmp_path: Path) -> None:
    # The same athlete with the ACWR line out of reach: form alone decides, on the third
    # day that it is below −30.
    text = RULES.read_text().replace("deload_acwr_above: 1.5", "deload_acwr_above: 5")
    assert "deload_acwr_above: 5" in text
    (tmp_path / "rules.yaml").write_text(text)
    ruled = services.keep_open(
        Context(profile="ana", db_url=ctx.db_url, config_path=tmp_path / "rules.yaml")
    )
    try:
        plans = _until_deload(ruled, tmp_path, _easy_weeks(ruled))
    finally:
        services.close(ruled)
    day, plan = max(plans.items())
    assert plan.deload is not None, "no deload after a week of crushing load"
    below = [d for d, p in plans.items() if p.load is not None and p.load.tsb < -30]
    assert len(below) == 3 and below[-1] == day
    assert all(p.deload is None for d, p in plans.items() if d < day)
    assert plan.deload.reason.startswith("form (TSB) below -30 for 3 days")
    assert any(
        line.startswith(f"deload until {plan.deload.until.isoformat()}: form (TSB) below -30")
        for line in plan.rationale
    )


def test_a_sore_knee_day_after_day_never_deloads(ctx: Context) -> None:
    days = [START + dt.timedelta(days=i) for i in range(22)]
    for day in days[:8]:
        train(ctx, day, GREEN)
    for day in days[8:]:
        plan = train(ctx, day, SORE_KNEE)
        assert plan.state == "ORANGE"
        assert plan.deload is None, f"{day}: a knee-only ORANGE deloaded the body"
    # Fourteen knee-only ORANGE check-ins in a row are no whole-body fatigue.
    assert _reasons(ctx, days[-1] + dt.timedelta(days=1)) == []


def test_low_energy_check_ins_in_a_row_start_a_deload(ctx: Context) -> None:
    days = [START + dt.timedelta(days=i) for i in range(16)]
    for day in days[:8]:
        train(ctx, day, GREEN)
    plans = {day: train(ctx, day, LOW_ENERGY) for day in days[8:]}
    started = [day for day, plan in plans.items() if plan.deload is not None]
    # Rules: 5 poor check-ins of the last 7; the check-ins before the day count.
    assert started and started[0] == days[8 + 5]
    plan = plans[started[0]]
    assert plan.deload is not None
    assert plan.deload.reason == "RED/ORANGE on 5 of the last 7 check-ins (region inputs aside)"
