"""Use cases through the services' unit of work: against the in-memory fake and a SQLite file.

The same tests run on both, so the fake stays honest and the services never depend on
anything but the unit of work's protocol.
"""

from __future__ import annotations

import datetime as dt

import pytest

from flux_cli import services
from flux_cli.errors import DomainRefusal, InputError
from flux_cli.services import Context
from tests.plan_support import lead_exercise

DAY = dt.date(2025, 6, 2)
GREEN = {"knee_pain": "1", "energy": "8"}


def test_checkin_stores_the_day_and_plan_reads_it_back(ctx: Context) -> None:
    result = services.checkin(ctx, GREEN, DAY)
    assert result.plan.state == "GREEN" and result.plan.date == DAY
    assert services.plan(ctx, {}, DAY) == result.plan


def test_plan_without_a_checkin_is_refused_and_a_what_if_stores_nothing(ctx: Context) -> None:
    what_if = services.plan(ctx, {"knee_pain": "8", "energy": "8"}, DAY)
    assert what_if.state == "RED"
    with pytest.raises(DomainRefusal, match="no check-in for 2025-06-02"):
        services.plan(ctx, {}, DAY)


def test_a_failed_use_case_writes_nothing(ctx: Context) -> None:
    with pytest.raises(InputError, match="unknown exercise 'No Such Lift'"):
        services.log_sets(ctx, "No Such Lift", ["100x5"], day=DAY)
    with pytest.raises(DomainRefusal, match="no active session"):
        services.show_session(ctx)


def test_a_completed_session_counts_from_the_next_day_on(ctx: Context) -> None:
    morning = services.checkin(ctx, GREEN, DAY).plan
    view = services.start_session(ctx, DAY)
    assert view.plan == morning
    lead = lead_exercise(morning)
    for _ in range(lead.sets):
        services.log_sets(ctx, lead.name, [f"{lead.load_kg or 60}x{lead.reps or 5}"], day=DAY)
    done = services.complete_session(ctx)
    assert done.status == "completed"
    assert next(item for item in done.verdict.verification if item.item == lead.name).met
    # The cutoff rule: the day's own plan does not move once the work is done ...
    assert services.plan(ctx, {}, DAY) == morning
    # ... and the next day's sees it: its archetype was done a day ago, its anchor owes nothing.
    tomorrow = services.plan(ctx, GREEN, DAY + dt.timedelta(days=1))
    score = next(s for s in tomorrow.archetype_scores if s.archetype == morning.archetype)
    assert score.days_since_last == 1
    assert morning.anchor_pattern is not None
    assert tomorrow.pattern_debt[morning.anchor_pattern] == 0


def test_logging_without_a_session_makes_an_ad_hoc_one(ctx: Context) -> None:
    first = services.log_sets(ctx, "back squat", ["100x5", "100x5"], day=DAY)
    again = services.log_sets(ctx, "Back Squat", ["105x3"], day=DAY)
    assert first.created_session and not again.created_session
    assert again.session.id == first.session.id
    shown = services.show_session(ctx)
    assert [(row.exercise, row.weight_kg, row.reps, row.position) for row in shown.sets] == [
        ("Back Squat", 100.0, 5, 1),
        ("Back Squat", 100.0, 5, 2),
        ("Back Squat", 105.0, 3, 3),
    ]
