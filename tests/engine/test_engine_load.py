"""The load ledger: each formula against worked numbers from its source, and its properties."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from engine_support import RULES, TODAY, day
from hypothesis import given
from hypothesis import strategies as st

from flux_cli.engine.body import ActivityLoad, BodyHistory, CheckinState, SessionLoad
from flux_cli.engine.body_rules import LoadRules
from flux_cli.engine.fatigue import fatigue_deload_reasons
from flux_cli.engine.load import (
    activity_load,
    acwr,
    foster_load,
    hr_points,
    load_summary,
    pmc,
    session_load,
    trimp,
    tss,
    zone_of,
)

LOAD = LoadRules()


def test_foster_session_load_is_rpe_times_minutes() -> None:
    # Foster et al. 2001 (J Strength Cond Res 15:109): a 60-min session rated 7 ("very hard")
    # on the CR-10 scale scores 420 AU; 30 min at 5 ("hard") scores 150.
    assert foster_load(7, 60) == 420
    assert foster_load(5, 30) == 150


def test_tss_worked_examples() -> None:
    # Allen & Coggan: one hour at FTP is 100 TSS; two hours at IF 0.75 is 112.5.
    assert tss(1, 250, 250) == 100
    assert tss(2, 187.5, 250) == pytest.approx(112.5)
    # The long ride: 3 h at 180 W on an FTP of 250 W (IF 0.72).
    assert tss(3, 180, 250) == pytest.approx(155.52)


def test_banister_trimp_worked_example() -> None:
    # Morton, Fitz-Clarke & Banister 1990: 30 min at half the heart-rate reserve
    # = 30 × 0.5 × 0.64 × e^(1.92 × 0.5) = 25.07.
    assert trimp(30, 125, 60, 190) == pytest.approx(30 * 0.5 * 0.64 * math.exp(0.96))
    assert trimp(30, 125, 60, 190) == pytest.approx(25.07, abs=0.01)


def test_an_hour_at_threshold_heart_rate_scores_100_like_tss() -> None:
    assert hr_points(60, LOAD.hr_threshold, LOAD) == pytest.approx(100)
    assert hr_points(30, LOAD.hr_threshold, LOAD) == pytest.approx(50)


def test_session_load_prefers_reported_rpe_then_the_sets_then_the_default() -> None:
    reported = SessionLoad(day(1), "A", set_count=10, session_rpe=7, minutes=60)
    assert session_load(reported, LOAD).points == pytest.approx(420 / LOAD.au_per_point)
    assert session_load(reported, LOAD).source == "session_rpe"
    from_sets = SessionLoad(day(1), "A", set_count=10, set_rpes=(8.0,))
    entry = session_load(from_sets, LOAD)
    assert (entry.source, entry.minutes) == ("set_rpe", 10 * LOAD.minutes_per_set)
    assert entry.points == pytest.approx(8 * 30 / LOAD.au_per_point)
    assert session_load(SessionLoad(day(1), "A", set_count=1), LOAD).source == "default_rpe"


def test_activity_load_falls_back_from_power_to_hr_to_relative_effort_to_rpe() -> None:
    ride = ActivityLoad(day(1), "Ride", "Long Ride", minutes=180, avg_watts=180, avg_hr=150)
    assert activity_load(ride, 250, LOAD).source == "power"
    assert activity_load(ride, None, LOAD).source == "heart_rate"
    effort = ActivityLoad(day(1), "Ride", "Ride", minutes=60, relative_effort=80)
    assert activity_load(effort, None, LOAD).points == 80
    walk = ActivityLoad(day(1), "Walk", "Walk", minutes=84)
    assert activity_load(walk, None, LOAD).points == pytest.approx(2 * 84 / LOAD.au_per_point)
    kite = activity_load(ActivityLoad(day(1), "Kitesurf", "Kite", minutes=42), None, LOAD)
    assert kite.points == pytest.approx(4 * 42 / LOAD.au_per_point)
    assert "Kitesurf" in kite.note


def test_pmc_follows_goldencheetahs_recursion() -> None:
    # One day of 100 from zero: ATL = 100(1 − e^(−1/7)), CTL = 100(1 − e^(−1/42)).
    start = dt.date(2025, 1, 1)
    first, second = pmc({start: 100.0}, start, start + dt.timedelta(days=1), LOAD)
    assert first.atl == pytest.approx(13.31, abs=0.01)
    assert first.ctl == pytest.approx(2.35, abs=0.01)
    assert first.tsb == 0
    assert second.tsb == pytest.approx(2.353 - 13.312, abs=0.01), "TSB is yesterday's CTL − ATL"


def test_a_constant_load_converges_to_itself() -> None:
    start = dt.date(2024, 1, 1)
    daily = {start + dt.timedelta(days=i): 50.0 for i in range(400)}
    last = pmc(daily, start, start + dt.timedelta(days=399), LOAD)[-1]
    assert last.atl == pytest.approx(50, abs=0.01)
    assert last.ctl == pytest.approx(50, abs=0.05)


def test_acwr_waits_for_28_days_then_is_a_ratio_of_rolling_means() -> None:
    short = {TODAY - dt.timedelta(days=i): 40.0 for i in range(1, 28)}
    assert acwr(short, TODAY, LOAD) is None
    steady = {TODAY - dt.timedelta(days=i): 40.0 for i in range(1, 29)}
    assert acwr(steady, TODAY, LOAD) == pytest.approx(1.0)
    spike = {**steady, **{TODAY - dt.timedelta(days=i): 100.0 for i in range(1, 8)}}
    # acute 100; chronic (7×100 + 21×40) / 28 = 55.
    assert acwr(spike, TODAY, LOAD) == pytest.approx(100 / 55)


@pytest.mark.parametrize(
    ("tsb", "zone"),
    [
        (30, "transition"),
        (10, "fresh"),
        (0, "neutral"),
        (-20, "optimal training"),
        (-31, "high risk"),
    ],
)
def test_tsb_zones(tsb: float, zone: str) -> None:
    assert zone_of(tsb, LOAD.tsb_zones) == zone


def test_acwr_zones() -> None:
    assert [zone_of(v, LOAD.acwr_zones) for v in (1.6, 1.4, 1.0, 0.5, None)] == [
        "danger",
        "caution",
        "sweet spot",
        "low",
        None,
    ]


def test_the_ledger_reads_only_its_window() -> None:
    old = SessionLoad(TODAY - dt.timedelta(days=LOAD.window_days + 1), "old", 20, 9, 120)
    body = BodyHistory(as_of=TODAY, sessions=(old,))
    assert load_summary(body, None, LOAD).ctl == 0


durations = st.floats(min_value=0, max_value=600, allow_nan=False)
maybe = st.one_of(st.none(), st.floats(min_value=-50, max_value=2000, allow_nan=False))


@given(
    minutes=st.one_of(st.none(), durations),
    watts=maybe,
    hr=maybe,
    effort=maybe,
    ftp=maybe,
    kind=st.sampled_from(["Ride", "Run", "Walk", "Unknown"]),
)
def test_activity_load_is_never_negative(
    minutes: float | None,
    watts: float | None,
    hr: float | None,
    effort: float | None,
    ftp: float | None,
    kind: str,
) -> None:
    activity = ActivityLoad(day(1), kind, "x", minutes, watts, hr, effort)
    assert activity_load(activity, ftp, LOAD).points >= 0


@given(
    sets=st.integers(min_value=0, max_value=60),
    rpe=st.one_of(st.none(), st.floats(min_value=1, max_value=10)),
    minutes=st.one_of(st.none(), durations),
)
def test_session_load_is_never_negative(
    sets: int, rpe: float | None, minutes: float | None
) -> None:
    assert session_load(SessionLoad(day(1), "s", sets, rpe, minutes), LOAD).points >= 0


def _hard_block(days: int, points_rpe: float = 10) -> tuple[SessionLoad, ...]:
    return tuple(
        SessionLoad(TODAY - dt.timedelta(days=i), "hard", 20, points_rpe, 150)
        for i in range(1, days + 1)
    )


def test_deload_reasons_from_tsb_acwr_and_checkins() -> None:
    assert fatigue_deload_reasons(RULES, BodyHistory(as_of=TODAY), None) == []
    # Ten crushing days from nothing: the PMC starts at zero, so CTL is still building and
    # TSB reads as overreached for any new athlete; the trigger waits for ctl_days of load.
    cold = BodyHistory(as_of=TODAY, sessions=_hard_block(10))
    assert not any(r.startswith("form (TSB)") for r in fatigue_deload_reasons(RULES, cold, None))
    # The same block after six easy weeks (one session a week since 48 days ago).
    weekly = tuple(
        SessionLoad(TODAY - dt.timedelta(days=i), "easy", 5, 5, 60) for i in range(48, 10, -7)
    )
    crushed = BodyHistory(as_of=TODAY, sessions=weekly + _hard_block(10))
    reasons = fatigue_deload_reasons(RULES, crushed, None)
    assert any(r.startswith("form (TSB) below -30 for 3 days") for r in reasons)
    # A month of easy days then a hard week: ACWR above 1.5.
    easy = tuple(SessionLoad(TODAY - dt.timedelta(days=i), "easy", 5, 3, 30) for i in range(8, 40))
    spike = BodyHistory(as_of=TODAY, sessions=easy + _hard_block(7, 6))
    assert any("acute:chronic load" in r for r in fatigue_deload_reasons(RULES, spike, None))
    low = {"knee_pain": 0.0, "energy": 3.0}
    poor = tuple(CheckinState(TODAY - dt.timedelta(days=i), "ORANGE", low) for i in range(1, 6))
    checkins = BodyHistory(as_of=TODAY, checkins=poor)
    assert fatigue_deload_reasons(RULES, checkins, None) == [
        "RED/ORANGE on 5 of the last 5 check-ins (region inputs aside)"
    ]
