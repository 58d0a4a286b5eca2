"""A 3-hour hard ride yesterday moves the heavy lower-body anchor to an upper-body one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from flux_cli import services
from flux_cli.services import Context
from tests.scenarios.load_support import START, context, rides, train

GREEN = {"knee_pain": "0", "energy": "9"}


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[Context]:
    kept = context(tmp_path)
    yield kept
    services.close(kept)


def _lower_anchor_day(ctx: Context) -> dt.date:
    """Train until the next plan leads with a lower-body pattern; that day."""
    day = START
    for _ in range(20):
        plan = services.plan(ctx, GREEN, day)
        if plan.anchor_pattern in ("SQUAT", "HINGE"):
            return day
        train(ctx, day, GREEN)
        day += dt.timedelta(days=1)
    raise AssertionError("no lower-body anchor in 20 days")


def test_a_hard_ride_yesterday_moves_the_lower_anchor_to_the_upper_body(
    ctx: Context, tmp_path: Path
) -> None:
    day = _lower_anchor_day(ctx)
    before = services.plan(ctx, GREEN, day)
    rides(ctx, tmp_path, [(day - dt.timedelta(days=1), "Long Ride", "Ride", 180, 200)])
    after = services.plan(ctx, GREEN, day)
    assert before.anchor_pattern in ("SQUAT", "HINGE")
    assert after.anchor_pattern in ("PUSH", "PULL")
    assert after.archetype == before.archetype
    # 3 h at 200 W on an FTP of 250 W: TSS = 3 × 0.8² × 100 = 192.
    assert after.load is not None and after.load.yesterday == 192
    head = "yesterday: Long Ride (Ride, 3 h, load 192): lower body took load 192 (≥ 120), "
    assert f"{head}so it rests: Conditioning priority × 0.3" in after.rationale
    assert f"{head}so it rests: {after.anchor_pattern} leads" in after.rationale
    assert after.recovery is not None and after.recovery["quadriceps"] < 100


def test_an_easy_spin_yesterday_changes_nothing(ctx: Context, tmp_path: Path) -> None:
    day = _lower_anchor_day(ctx)
    before = services.plan(ctx, GREEN, day)
    rides(ctx, tmp_path, [(day - dt.timedelta(days=1), "Coffee Spin", "Ride", 45, 120)])
    after = services.plan(ctx, GREEN, day)
    assert (after.archetype, after.anchor_pattern) == (before.archetype, before.anchor_pattern)
