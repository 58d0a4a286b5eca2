"""Today shows the Pattern Strength Index as `flux prs` computes it, and a proposed FTP."""

from __future__ import annotations

import datetime as dt

import pytest

from flux_cli import services
from flux_cli.services.strength import personal_records
from flux_cli.tui.app import FluxApp, make_app
from tests.tui.conftest import (
    DAY,
    SMALL,
    FakeClock,
    check_in,
    screen_text,
    squat_history,
    wait_text,
)

pytestmark = pytest.mark.asyncio


async def test_today_shows_each_patterns_strength_index_as_flux_prs_does(
    app: FluxApp, ctx: services.Context
) -> None:
    squat_history(ctx)
    check_in(ctx)
    expected = personal_records(ctx, today=DAY).strength_index
    assert [item.pattern for item in expected] == ["SQUAT", "HINGE"]
    async with app.run_test(size=SMALL) as pilot:
        await wait_text(pilot, f"SQUAT {expected[0].index:5.1f}")
        text = screen_text(app)
        assert "Strength index" in text
    for item in expected:
        assert f"{item.pattern} {item.index:5.1f}" in text
    # Back Squat 100→112.5 kg x5 over four weeks: index well above 100.
    assert expected[0].index > 105


async def test_a_new_user_sees_no_strength_index(app: FluxApp, ctx: services.Context) -> None:
    check_in(ctx)
    async with app.run_test(size=SMALL) as pilot:
        await wait_text(pilot, "readiness: knee_pain 1")
        assert "Strength index" not in screen_text(app)


async def test_today_proposes_the_ftp_that_recent_power_says_until_accepted(
    app: FluxApp, ctx: services.Context
) -> None:
    services.profile_set(ctx, {"ftp_watts": "250"})
    day = DAY - dt.timedelta(days=3)
    services.log_sets(ctx, "Stationary Bike", ["20min"], meta={"avg_watts": 290}, day=day)
    services.complete_session(ctx)
    check_in(ctx)
    async with app.run_test(size=SMALL) as pilot:
        # Allen & Coggan: 95 % of the best 20-minute power, 290 W → 276 W.
        await wait_text(pilot, "FTP estimate 276 W (95% of 290 W held 20 min)")
    services.profile_set(ctx, {"ftp_watts": "276"})
    again = make_app(ctx, clock=FakeClock(DAY))
    async with again.run_test(size=SMALL) as pilot:
        await wait_text(pilot, "readiness: knee_pain 1")
        assert "FTP estimate" not in screen_text(again)


async def test_an_old_twenty_minutes_proposes_nothing(app: FluxApp, ctx: services.Context) -> None:
    services.profile_set(ctx, {"ftp_watts": "250"})
    old = DAY - dt.timedelta(days=60)  # past the six weeks a proposal looks back
    services.log_sets(ctx, "Stationary Bike", ["20min"], meta={"avg_watts": 290}, day=old)
    services.complete_session(ctx)
    check_in(ctx)
    async with app.run_test(size=SMALL) as pilot:
        await wait_text(pilot, "readiness: knee_pain 1")
        assert "FTP estimate" not in screen_text(app)
