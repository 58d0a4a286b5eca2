"""The day's session and the logbook through the services, on a SQLite file and on PostgreSQL:
abandoned and empty sessions never reach the plan, ad-hoc sets are adopted, activities listed."""

from __future__ import annotations

import datetime as dt

import pytest

from flux_cli import services
from flux_cli.errors import DomainRefusal, InputError
from flux_cli.services import logbook
from flux_cli.storage.database import Database
from flux_cli.storage.records import ActivityRecord, SessionWithSets

DAY = dt.date(2026, 11, 21)
NEXT = DAY + dt.timedelta(days=1)
GREEN = {"knee_pain": "1", "energy": "8"}


@pytest.fixture
def ctx(db_url: str) -> services.Context:
    """The athlete "default" on a blank database of each back end, at the head revision."""
    if db_url.startswith("postgresql"):
        Database.open(db_url, check_schema=False).upgrade()
    return services.Context(db_url=db_url)


def _as(ctx: services.Context, profile: str) -> services.Context:
    return services.Context(profile=profile, db_url=ctx.db_url)


def test_an_abandoned_session_never_changes_the_next_plan(ctx: services.Context) -> None:
    services.checkin(ctx, GREEN, DAY)
    services.start_session(ctx, DAY)
    # Heavy sets of every lift the rules know: counted, they would set e1RM-based loads.
    for lift in ("Back Squat", "Deadlift", "Bench Press", "Overhead Press"):
        services.log_sets(ctx, lift, ["200x5x3"], rpe=8)
    services.abandon_session(ctx)
    fresh = _as(ctx, "fresh")

    after = services.plan(ctx, GREEN, NEXT).model_dump()
    untouched = services.plan(fresh, GREEN, NEXT).model_dump()

    assert [e["load_kg"] for e in after["exercises"]] == [
        e["load_kg"] for e in untouched["exercises"]
    ]
    assert {**after, "profile": "fresh"} == untouched


def test_an_empty_session_is_refused_and_never_counts(ctx: services.Context) -> None:
    services.checkin(ctx, GREEN, DAY)
    started = services.start_session(ctx, DAY)

    with pytest.raises(DomainRefusal, match="has no sets logged"):
        services.complete_session(ctx)

    assert services.show_session(ctx).session.id == started.session.id, "still active"
    services.abandon_session(ctx)
    after = services.plan(ctx, GREEN, NEXT)
    untouched = services.plan(_as(ctx, "fresh"), GREEN, NEXT)
    assert (after.archetype, after.priority_score) == (untouched.archetype, None)
    assert after.pattern_debt == untouched.pattern_debt


def test_start_adopts_the_days_adhoc_session_with_its_sets(ctx: services.Context) -> None:
    logged = services.log_sets(ctx, "Back Squat", ["60x5x2"], day=DAY)
    services.checkin(ctx, GREEN, DAY)

    view = services.start_session(ctx, DAY)

    assert view.plan is not None
    assert view.session.id == logged.session.id
    assert view.session.archetype == view.plan.archetype
    assert view.session.plan == view.plan.model_dump(mode="json")
    assert [row.id for row in view.sets] == [row.id for row in logged.sets]
    assert services.complete_session(ctx).session_id == logged.session.id


def test_a_second_session_needs_again(ctx: services.Context) -> None:
    services.checkin(ctx, GREEN, DAY)
    services.start_session(ctx, DAY)
    services.log_sets(ctx, "Back Squat", ["60x5"])
    services.complete_session(ctx)

    with pytest.raises(DomainRefusal, match="already completed"):
        services.start_session(ctx, DAY)
    second = services.start_session(ctx, DAY, again=True)

    assert second.session.status == "active" and second.session.date == DAY
    assert second.session.id != services.history(ctx, status="completed")[0].session.id


def test_log_with_another_day_than_the_active_session_writes_nothing(
    ctx: services.Context,
) -> None:
    services.checkin(ctx, GREEN, DAY)
    services.start_session(ctx, DAY)

    with pytest.raises(DomainRefusal, match=f"sets for {NEXT.isoformat()} cannot go into it"):
        services.log_sets(ctx, "Back Squat", ["60x5"], day=NEXT)

    assert services.show_session(ctx).sets == []


def _import_strava(ctx: services.Context, tmp_path_factory: pytest.TempPathFactory) -> None:
    from flux_cli.services import importing

    path = tmp_path_factory.mktemp("strava") / "activities.csv"
    path.write_text(
        "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance\n"
        '7,"2026-11-20 06:30:00",Morning Run,Run,1800,5.0\n'
        '8,"2026-11-22 07:00:00",Long Ride,Ride,7200,60.0\n',
        encoding="utf-8",
    )
    report = importing.import_files(ctx, [importing.ImportSource(name=path.name, path=path)])
    assert report.activities_added == 2


def test_history_entries_merge_sessions_and_activities(
    ctx: services.Context, tmp_path_factory: pytest.TempPathFactory
) -> None:
    _import_strava(ctx, tmp_path_factory)
    services.log_sets(ctx, "Back Squat", ["60x5"], day=DAY)
    services.abandon_session(ctx)

    entries = logbook.history_entries(ctx)
    dated = [
        ("session", e.session.date, e.session.status)
        if isinstance(e, SessionWithSets)
        else ("activity", e.date, e.kind)
        for e in entries
    ]
    assert dated == [
        ("activity", NEXT, "Ride"),
        ("session", DAY, "abandoned"),
        ("activity", DAY - dt.timedelta(days=1), "Run"),
    ]
    (ride,) = logbook.history_entries(ctx, limit=1)
    assert isinstance(ride, ActivityRecord) and ride.distance_m == 60000.0
    assert logbook.history_entries(ctx, status="completed") == []
    assert len(logbook.history_entries(ctx, kind="activities", since=DAY)) == 1
    assert len(logbook.history_entries(ctx, kind="sessions", status="abandoned")) == 1
    with pytest.raises(InputError, match="bad --kind"):
        logbook.history_entries(ctx, kind="rides")
