"""History queries on both back ends: listings, e1RM rows, and the engine's History."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pytest

from flux_cli import paths
from flux_cli.engine.types import ConditioningPlan, LoggedSet
from flux_cli.rules_file import read_rules_file
from flux_cli.services.base import builtin_catalogue
from flux_cli.storage.database import Database
from flux_cli.storage.records import NewSet, SessionStatus
from flux_cli.storage.unit_of_work import SqlUnitOfWork as Session

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
    session = s.sessions.create(
        profile_id, day=TODAY - dt.timedelta(days=days_ago), status=status, **fields
    )
    rows = [
        item
        if isinstance(item, NewSet)
        else NewSet(exercise_id=_id(s, item[0]), weight_kg=item[1], reps=item[2])
        for item in sets
    ]
    s.sessions.add_sets(session.id, rows)
    return session.id


def _id(s: Session, name: str) -> int:
    found = s.exercises.resolve(name)
    assert found is not None, name
    return found.id


@pytest.fixture
def athlete(db: Database) -> int:
    """A profile with a varied history; returns its id."""
    with db.unit_of_work() as s:
        profile = s.profiles.get_or_create("default")
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
        other = s.profiles.get_or_create("other")
        _add(s, other.id, 1, [("Back Squat", 300, 1)], archetype="Strength_Type_A")
    return pid


def test_list_history_is_newest_first_with_sets_in_order(db: Database, athlete: int) -> None:
    with db.unit_of_work() as s:
        history = s.sessions.history(athlete)
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
        squats = s.sessions.history(athlete, exercise_id=_id(s, "squat (barbell)"))
        window = s.sessions.history(
            athlete, since=TODAY - dt.timedelta(10), until=TODAY - dt.timedelta(5)
        )
        latest_two = s.sessions.history(athlete, limit=2)
        unknown = s.sessions.history(athlete, exercise_id=_id(s, "Plank"))
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
        rows = s.sessions.e1rm_rows(athlete, _id(s, "Back Squat"))
        pallof = s.sessions.e1rm_rows(athlete, _id(s, "Pallof Press"))
    assert rows == [
        (TODAY - dt.timedelta(200), 90.0, 5, None),
        (TODAY - dt.timedelta(20), 100.0, 5, None),
        (TODAY - dt.timedelta(8), 105.0, 3, None),
        (TODAY, 110.0, 2, None),
        (TODAY + dt.timedelta(3), 120.0, 1, None),
    ]
    assert pallof == []


def test_e1rm_rows_carry_the_rpe_and_leave_warm_ups_out(db: Database) -> None:
    with db.unit_of_work() as s:
        pid = s.profiles.get_or_create("default").id
        squat = _id(s, "Back Squat")
        warm_up = {"set_type": "warmup"}
        _add(
            s,
            pid,
            1,
            [
                NewSet(exercise_id=squat, weight_kg=60, reps=5, metadata=warm_up),
                NewSet(exercise_id=squat, weight_kg=100, reps=5, rpe=8),
                NewSet(exercise_id=squat, weight_kg=100, reps=5),
            ],
        )
        rows = s.sessions.e1rm_rows(pid, squat)
    day = TODAY - dt.timedelta(1)
    assert rows == [(day, 100.0, 5, 8.0), (day, 100.0, 5, None)]


RULES = read_rules_file(paths.default_rules_path()).rules


def test_history_as_of_gives_the_engine_completed_sessions_aggregated(
    db: Database, athlete: int
) -> None:
    with db.unit_of_work() as s:
        history = s.history_as_of(athlete, TODAY, RULES)
    # Completed before today: 200 (SQUAT), 20 (SQUAT, PUSH), 10 (HINGE), 5 and 4 days ago.
    assert history.as_of == TODAY
    assert history.session_count == 5
    assert history.pattern_debt == {"SQUAT": 3, "PUSH": 3, "HINGE": 2}
    assert history.archetype_last_done == {
        "Strength_Type_A": TODAY - dt.timedelta(20),
        "Strength_Type_B": TODAY - dt.timedelta(10),
        "Conditioning": TODAY - dt.timedelta(4),
    }
    assert history.last_activity is None
    # In the 90-day window, before today, never from an abandoned session.
    squats = history.lift_sets["Back Squat"]
    assert [(d.date, d.set.weight_kg, d.set.reps) for d in squats] == [
        (TODAY - dt.timedelta(20), 100.0, 5)
    ], "an abandoned session's sets (105 x 3, eight days ago) never reach the engine"
    assert squats[0].set.exercise == "Back Squat"
    assert [d.set.weight_kg for d in history.lift_sets["Deadlift"]] == [140.0]


def test_history_as_of_parses_conditioning_attempts(db: Database, athlete: int) -> None:
    with db.unit_of_work() as s:
        history = s.history_as_of(athlete, TODAY, RULES)
    # The session whose plan has no conditioning block is not an attempt.
    (attempt,) = history.conditioning
    assert attempt.date == TODAY - dt.timedelta(5)
    assert attempt.prescription == ConditioningPlan.model_validate(HIIT)
    assert attempt.sets == (
        LoggedSet(exercise="Air Bike", seconds=30.0, metadata={"avg_watts": 270}),
        LoggedSet(exercise="Air Bike", seconds=30.0, metadata={"avg_watts": 265}),
    )


def test_a_session_trains_for_the_rotation_only_the_patterns_its_archetype_does(
    db: Database,
) -> None:
    """A row composed into a squat day is back work, not PULL's turn: the rotation's dates
    and hard sets count it only where its archetype trains PULL, or in an ad-hoc session;
    the sessions-since count (any set of the pattern) still sees it."""
    with db.unit_of_work() as s:
        pid = s.profiles.get_or_create("rower").id
        row = ("Barbell Row", 60.0, 8)
        _add(s, pid, 6, [row] * 5, archetype="Strength_Type_B")  # a pull day: counts
        _add(s, pid, 2, [("Back Squat", 100.0, 5), row, row, row], archetype="Strength_Type_A")
    with db.unit_of_work(read_only=True) as s:
        history = s.history_as_of(pid, TODAY, RULES)
    assert history.pattern_last_trained == {
        "PULL": TODAY - dt.timedelta(6),
        "SQUAT": TODAY - dt.timedelta(2),
    }
    assert history.pattern_hard_sets == {"PULL": 5, "SQUAT": 1}
    assert history.pattern_debt["PULL"] == 0
    with db.unit_of_work() as s:
        _add(s, pid, 1, [row], archetype=None)  # ad hoc: any pattern counts
    with db.unit_of_work(read_only=True) as s:
        history = s.history_as_of(pid, TODAY, RULES)
    assert history.pattern_last_trained["PULL"] == TODAY - dt.timedelta(1)
    assert history.pattern_hard_sets["PULL"] == 6


def test_history_as_of_only_sees_the_days_before(db: Database, athlete: int) -> None:
    with db.unit_of_work() as s:
        history = s.history_as_of(athlete, TODAY - dt.timedelta(15), RULES)
    assert history.session_count == 2
    assert history.archetype_last_done == {"Strength_Type_A": TODAY - dt.timedelta(20)}
    assert [d.date for d in history.lift_sets["Back Squat"]] == [TODAY - dt.timedelta(20)]
    assert history.conditioning == ()


def test_e1rm_rows_read_through_the_exercise_index(sqlite_url: str) -> None:
    from sqlalchemy import event

    statements: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        statements.append((statement, parameters))

    with Database.open(sqlite_url, catalogue=builtin_catalogue) as db, db.unit_of_work() as s:
        profile = s.profiles.get_or_create("default")
        squat = _id(s, "Back Squat")
        event.listen(db.engine, "before_cursor_execute", capture)
        s.sessions.e1rm_rows(profile.id, squat)
        event.remove(db.engine, "before_cursor_execute", capture)
        ((statement, parameters),) = statements
        explained = s.connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        plan = " ".join(str(row) for row in explained)
    assert "ix_workout_sets_exercise_session" in plan


def test_session_records_keep_utc_times_and_parsed_json(db: Database, athlete: int) -> None:
    """Records read with plain SQL keep times in UTC and JSON columns parsed, on both back ends."""
    with db.unit_of_work() as s:
        active = s.sessions.active(athlete)
        assert active is not None
        s.sessions.start(active.id)
    with db.unit_of_work(read_only=True) as s:
        recent = s.sessions.recent(athlete, 4)
        active = s.sessions.active(athlete)
        none_yet = s.sessions.recent(athlete + 1000, 4)
    assert len(recent) == 4
    assert [item.session.date for item in recent][:2] == [TODAY + dt.timedelta(3), TODAY]
    conditioning = next(item for item in recent if item.session.plan)
    assert conditioning.session.plan == {"conditioning": HIIT}
    assert conditioning.sets[0].metadata == {"avg_watts": 270}
    assert active is not None and active.started_at is not None
    assert active.started_at.tzinfo == dt.UTC
    assert none_yet == []


def test_resolve_finds_names_and_aliases_ignoring_case(db: Database) -> None:
    with db.unit_of_work(read_only=True) as s:
        squat = _id(s, "Back Squat")
        for name in ("back squat", "Squat (Barbell)", "squat (barbell)"):
            found = s.exercises.resolve(name)
            assert found is not None and (found.id, found.name) == (squat, "Back Squat")
        assert s.exercises.resolve("no such lift") is None


def test_logged_exercise_names_are_this_profiles_most_logged_first(
    db: Database, athlete: int
) -> None:
    with db.unit_of_work(read_only=True) as s:
        names = s.sessions.logged_exercise_names(athlete)
        nobody = s.sessions.logged_exercise_names(athlete + 1000)
    # Back Squat 5 sets (the other profile's set does not count), Air Bike 2, ties by name.
    assert names == ["Back Squat", "Air Bike", "Bench Press", "Deadlift", "Pallof Press"]
    assert nobody == []
