"""History queries on both back ends: listings, e1RM rows, and the engine's History."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pytest
from sqlalchemy.orm import Session

from flux_cli.engine.types import ConditioningPlan, LoggedSet
from flux_cli.storage import repository as repo
from flux_cli.storage.database import Database
from flux_cli.storage.records import NewSet, SessionStatus

TODAY = dt.date(2025, 6, 30)
HIIT = {
    "protocol": "HIIT",
    "kind": "intervals",
    "level": 2,
    "exercise": "Air Bike",
    "rounds": 8,
    "work_s": 30,
    "rest_s": 90,
    "intensity": 1.05,
    "target_watts": 263,
}


def _add(
    s: Session,
    profile_id: int,
    days_ago: int,
    sets: Sequence[NewSet | tuple[str, float | None, int | None]],
    *,
    status: SessionStatus = "completed",
    **fields: Any,
) -> int:
    session = repo.create_session(
        s, profile_id, day=TODAY - dt.timedelta(days=days_ago), status=status, **fields
    )
    rows = [
        item
        if isinstance(item, NewSet)
        else NewSet(exercise_id=_id(s, item[0]), weight_kg=item[1], reps=item[2])
        for item in sets
    ]
    repo.add_sets(s, session.id, rows)
    return session.id


def _id(s: Session, name: str) -> int:
    found = repo.resolve_exercise(s, name)
    assert found is not None, name
    return found.id


@pytest.fixture
def athlete(db: Database) -> int:
    """A profile with a varied history; returns its id."""
    with db.unit_of_work() as s:
        profile = repo.get_or_create_profile(s, "default")
        pid = profile.id
        _add(s, pid, 200, [("Back Squat", 90, 5)], archetype="Strength_Type_A")  # out of window
        _add(
            s,
            pid,
            20,
            [("Back Squat", 100, 5), ("Bench Press", 70, 5)],
            archetype="Strength_Type_A",
        )
        _add(
            s,
            pid,
            10,
            [("Deadlift", 140, 3), ("Pallof Press", None, 12)],
            archetype="Strength_Type_B",
        )
        _add(s, pid, 8, [("Back Squat", 105, 3)], status="abandoned", archetype="Strength_Type_A")
        bike = _id(s, "Air Bike")
        intervals = [
            NewSet(exercise_id=bike, seconds=30, metadata={"avg_watts": watts})
            for watts in (270, 265)
        ]
        _add(
            s,
            pid,
            5,
            intervals,
            archetype="Conditioning",
            conditioning_protocol="HIIT",
            plan={"conditioning": HIIT},
        )
        _add(s, pid, 4, [], archetype="Conditioning", conditioning_protocol="HIIT", plan={})
        _add(s, pid, 0, [("Back Squat", 110, 2)], status="active", archetype="Strength_Type_A")
        _add(s, pid, -3, [("Back Squat", 120, 1)], archetype="Strength_Type_A")  # the future
        other = repo.get_or_create_profile(s, "other")
        _add(s, other.id, 1, [("Back Squat", 300, 1)], archetype="Strength_Type_A")
    return pid


def test_list_history_is_newest_first_with_sets_in_order(db: Database, athlete: int) -> None:
    with db.unit_of_work() as s:
        history = repo.list_history(s, athlete)
    assert [item.session.date for item in history] == sorted(
        (item.session.date for item in history), reverse=True
    )
    assert len(history) == 8
    strength_a = next(item for item in history if item.session.date == TODAY - dt.timedelta(20))
    assert [(row.exercise, row.position) for row in strength_a.sets] == [
        ("Back Squat", 1),
        ("Bench Press", 2),
    ]


def test_list_history_filters_by_exercise_dates_and_limit(db: Database, athlete: int) -> None:
    with db.unit_of_work() as s:
        squats = repo.list_history(s, athlete, exercise="squat (barbell)")
        window = repo.list_history(
            s, athlete, since=TODAY - dt.timedelta(10), until=TODAY - dt.timedelta(5)
        )
        latest_two = repo.list_history(s, athlete, limit=2)
        unknown = repo.list_history(s, athlete, exercise="No Such Lift")
    assert len(squats) == 5
    assert all(row.exercise == "Back Squat" for item in squats for row in item.sets)
    assert [item.session.date for item in window] == [
        TODAY - dt.timedelta(5),
        TODAY - dt.timedelta(8),
        TODAY - dt.timedelta(10),
    ]
    assert [item.session.date for item in latest_two] == [TODAY + dt.timedelta(3), TODAY]
    assert unknown == []


def test_e1rm_rows_are_this_profiles_weighted_sets_oldest_first(db: Database, athlete: int) -> None:
    with db.unit_of_work() as s:
        rows = repo.e1rm_rows(s, athlete, _id(s, "Back Squat"))
        pallof = repo.e1rm_rows(s, athlete, _id(s, "Pallof Press"))
    assert rows == [
        (TODAY - dt.timedelta(200), 90.0, 5),
        (TODAY - dt.timedelta(20), 100.0, 5),
        (TODAY - dt.timedelta(8), 105.0, 3),
        (TODAY, 110.0, 2),
        (TODAY + dt.timedelta(3), 120.0, 1),
    ]
    assert pallof == []


def test_load_history_gives_the_engine_completed_sessions_and_their_patterns(
    db: Database, athlete: int
) -> None:
    with db.unit_of_work() as s:
        history = repo.load_history(
            s, athlete, today=TODAY, lift_names=["Back Squat", "Deadlift", "Nope"], window_days=90
        )
    assert [(p.date, p.archetype, p.patterns) for p in history.sessions] == [
        (TODAY - dt.timedelta(200), "Strength_Type_A", frozenset({"SQUAT"})),
        (TODAY - dt.timedelta(20), "Strength_Type_A", frozenset({"SQUAT", "PUSH"})),
        (TODAY - dt.timedelta(10), "Strength_Type_B", frozenset({"HINGE"})),
        (TODAY - dt.timedelta(5), "Conditioning", frozenset()),
        (TODAY - dt.timedelta(4), "Conditioning", frozenset()),
    ]
    squats = history.lift_sets["Back Squat"]
    assert [(d.date, d.set.weight_kg, d.set.reps) for d in squats] == [
        (TODAY - dt.timedelta(20), 100.0, 5),
        (TODAY, 110.0, 2),
    ], "an abandoned session's sets (105 x 3, eight days ago) never reach the engine"
    assert squats[0].set.exercise == "Back Squat"
    assert [d.set.weight_kg for d in history.lift_sets["Deadlift"]] == [140.0]
    assert "Nope" not in history.lift_sets


def test_load_history_parses_conditioning_attempts(db: Database, athlete: int) -> None:
    with db.unit_of_work() as s:
        history = repo.load_history(s, athlete, today=TODAY, lift_names=[], window_days=90)
    assert history.lift_sets == {}
    # The session whose plan has no conditioning block is not an attempt.
    (attempt,) = history.conditioning
    assert attempt.date == TODAY - dt.timedelta(5)
    assert attempt.prescription == ConditioningPlan.model_validate(HIIT)
    assert attempt.sets == (
        LoggedSet(exercise="Air Bike", seconds=30.0, metadata={"avg_watts": 270}),
        LoggedSet(exercise="Air Bike", seconds=30.0, metadata={"avg_watts": 265}),
    )


def test_load_history_only_sees_the_past_of_today(db: Database, athlete: int) -> None:
    with db.unit_of_work() as s:
        history = repo.load_history(
            s, athlete, today=TODAY - dt.timedelta(15), lift_names=["Back Squat"], window_days=7
        )
    assert [p.date for p in history.sessions] == [
        TODAY - dt.timedelta(200),
        TODAY - dt.timedelta(20),
    ]
    assert [d.date for d in history.lift_sets["Back Squat"]] == [TODAY - dt.timedelta(20)]
    assert history.conditioning == ()


def test_e1rm_rows_read_through_the_exercise_index(sqlite_url: str) -> None:
    from sqlalchemy import event

    statements: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        statements.append((statement, parameters))

    with Database.open(sqlite_url) as db, db.unit_of_work() as s:
        profile = repo.get_or_create_profile(s, "default")
        squat = _id(s, "Back Squat")
        event.listen(db.engine, "before_cursor_execute", capture)
        repo.e1rm_rows(s, profile.id, squat)
        event.remove(db.engine, "before_cursor_execute", capture)
        ((statement, parameters),) = statements
        explained = s.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        plan = " ".join(str(row) for row in explained)
    assert "ix_workout_sets_exercise_session" in plan


def test_todays_plain_reads_match_the_orm_records(db: Database, athlete: int) -> None:
    """The dashboard's first load reads with plain SQL; its records equal the ORM path's,
    times in UTC and JSON columns parsed, on both back ends."""
    from flux_cli.storage import reads

    with db.unit_of_work() as s:
        repo.start_session(s, repo.get_active_session(s, athlete).id)  # type: ignore[union-attr]
        orm_recent = repo.list_history(s, athlete, limit=4)
        orm_active = repo.get_active_session(s, athlete)
    with db.unit_of_work(read_only=True) as s:
        plain_recent = reads.recent_sessions(s, athlete, 4)
        plain_active = reads.active_session(s, athlete)
        none_yet = reads.recent_sessions(s, athlete + 1000, 4)
    assert plain_recent == orm_recent
    assert [item.session.date for item in plain_recent][:2] == [TODAY + dt.timedelta(3), TODAY]
    conditioning = next(item for item in plain_recent if item.session.plan)
    assert conditioning.session.plan == {"conditioning": HIIT}
    assert conditioning.sets[0].metadata == {"avg_watts": 270}
    assert plain_active == orm_active
    assert plain_active is not None and plain_active.started_at is not None
    assert plain_active.started_at.tzinfo == dt.UTC
    assert none_yet == []


def test_find_exercise_resolves_names_and_aliases_ignoring_case(db: Database) -> None:
    from flux_cli.storage import reads

    with db.unit_of_work(read_only=True) as s:
        squat = (_id(s, "Back Squat"), "Back Squat")
        assert reads.find_exercise(s, "back squat") == squat
        assert reads.find_exercise(s, "Squat (Barbell)") == squat
        assert reads.find_exercise(s, "squat (barbell)") == squat
        assert reads.find_exercise(s, "no such lift") is None


def test_logged_exercise_names_are_this_profiles_most_logged_first(
    db: Database, athlete: int
) -> None:
    from flux_cli.storage import reads

    with db.unit_of_work(read_only=True) as s:
        names = reads.logged_exercise_names(s, athlete)
        nobody = reads.logged_exercise_names(s, athlete + 1000)
    # Back Squat 5 sets (the other profile's set does not count), Air Bike 2, ties by name.
    assert names == ["Back Squat", "Air Bike", "Bench Press", "Deadlift", "Pallof Press"]
    assert nobody == []
