"""Movement rules and composition's recent-training read, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from flux_cli.storage.database import Database
from flux_cli.storage.records import NewSet
from flux_cli.storage.unit_of_work import SqlUnitOfWork

DAY = dt.date(2025, 3, 10)


def _id(s: SqlUnitOfWork, name: str) -> int:
    found = s.exercises.resolve(name)
    assert found is not None
    return found.id


def test_one_rule_per_profile_and_exercise(db: Database) -> None:
    with db.unit_of_work() as s:
        ana, bo = s.profiles.get_or_create("ana").id, s.profiles.get_or_create("bo").id
        fly = _id(s, "Chest Fly")
        assert s.moves.set(ana, fly, "no") is None
        assert s.moves.set(ana, fly, "yes") == "no"
        assert s.moves.set(bo, fly, "prefer") is None
    with db.unit_of_work(read_only=True) as s:
        assert s.moves.rules(ana) == {"Chest Fly": "yes"}
        assert s.moves.rules(bo) == {"Chest Fly": "prefer"}
    with db.unit_of_work() as s:
        assert s.moves.set(ana, fly, None) == "yes"
        assert s.moves.rules(ana) == {}


def test_recent_training_is_the_week_before_the_day(db: Database) -> None:
    statuses: list[tuple[int, str, Literal["completed", "abandoned"]]] = [
        (1, "Back Squat", "completed"),
        (3, "Back Squat", "completed"),
        (8, "Back Squat", "completed"),  # outside the week
        (2, "Bench Press", "abandoned"),  # never counts
        (0, "Deadlift", "completed"),  # the day itself: after the cutoff
    ]
    with db.unit_of_work() as s:
        ana = s.profiles.get_or_create("ana").id
        for days_ago, name, status in statuses:
            session = s.sessions.create(
                ana,
                day=DAY - dt.timedelta(days=days_ago),
                status="active",
                archetype="Strength_Type_A",
            )
            s.sessions.add_sets(
                session.id, [NewSet(exercise_id=_id(s, name), reps=5) for _ in range(3)]
            )
            s.sessions.finish(session.id, status, None)
    with db.unit_of_work(read_only=True) as s:
        recent = s.recent_training(ana, DAY, ["Strength_Type_A", "Recovery"])
    assert recent.set_counts == {"Back Squat": 6}
    assert recent.pattern_sessions == {"SQUAT": 2}
    assert recent.last_by_archetype == {
        "Strength_Type_A": frozenset({"Back Squat"}),
        "Recovery": frozenset(),
    }


def test_recency_reads_as_many_of_an_archetypes_last_sessions_as_asked(db: Database) -> None:
    # Accessories went A, B, A, B while only the last session was remembered: the rules'
    # `recency_sessions` reads more (completed sessions of the archetype before the day).
    sessions: list[tuple[int, str, list[str], Literal["completed", "abandoned"]]] = [
        (12, "Strength_Type_A", ["Chest Fly"], "completed"),
        (9, "Strength_Type_A", ["Leg Extension"], "completed"),
        (5, "Strength_Type_A", ["Calf Raise", "Chest Fly"], "completed"),
        (3, "Strength_Type_B", ["Leg Curl"], "completed"),
        (2, "Strength_Type_A", ["Lateral Raise", "Chest Fly"], "completed"),
        (1, "Strength_Type_A", ["Bench Press"], "abandoned"),
    ]
    with db.unit_of_work() as s:
        ana = s.profiles.get_or_create("ana").id
        for days_ago, archetype, names, status in sessions:
            session = s.sessions.create(
                ana, day=DAY - dt.timedelta(days=days_ago), status="active", archetype=archetype
            )
            s.sessions.add_sets(session.id, [NewSet(exercise_id=_id(s, n), reps=8) for n in names])
            s.sessions.finish(session.id, status, None)
    found = {}
    with db.unit_of_work(read_only=True) as s:
        for count in (1, 2, 3):
            found[count] = s.recent_training(ana, DAY, ["Strength_Type_A"], count)
    assert found[1].last_by_archetype == {"Strength_Type_A": {"Lateral Raise", "Chest Fly"}}
    assert found[2].last_by_archetype == {
        "Strength_Type_A": {"Lateral Raise", "Chest Fly", "Calf Raise"}
    }
    assert found[3].last_by_archetype["Strength_Type_A"] == {
        "Lateral Raise",
        "Chest Fly",
        "Calf Raise",
        "Leg Extension",
    }


def test_the_week_is_the_six_days_before_the_day_with_each_days_sets(db: Database) -> None:
    """With the day itself, 7 days: a session a week ago is last week's."""
    with db.unit_of_work() as s:
        ana = s.profiles.get_or_create("ana").id
        for days_ago, name, count in [(7, "Back Squat", 5), (6, "Deadlift", 4), (2, "Deadlift", 3)]:
            session = s.sessions.create(ana, day=DAY - dt.timedelta(days=days_ago), status="active")
            s.sessions.add_sets(
                session.id, [NewSet(exercise_id=_id(s, name), reps=5) for _ in range(count)]
            )
            s.sessions.finish(session.id, "completed", None)
    with db.unit_of_work(read_only=True) as s:
        recent = s.recent_training(ana, DAY, [])
    assert recent.set_counts == {"Deadlift": 7}
    assert recent.daily_counts == {
        DAY - dt.timedelta(days=6): {"Deadlift": 4},
        DAY - dt.timedelta(days=2): {"Deadlift": 3},
    }


def test_a_check_in_keeps_its_budget_and_equipment_until_replaced(db: Database) -> None:
    inputs = {"knee_pain": 1, "energy": 8}
    with db.unit_of_work() as s:
        ana = s.profiles.get_or_create("ana").id
        s.readiness.save(ana, DAY, inputs, "GREEN", minutes=30, equipment="@dumbbells,bench")
        plain = s.readiness.save(ana, DAY + dt.timedelta(days=1), inputs, "GREEN")
    assert (plain.minutes, plain.equipment) == (None, None)
    with db.unit_of_work(read_only=True) as s:
        stored = s.readiness.get(ana, DAY)
    assert stored is not None
    assert (stored.minutes, stored.equipment) == (30, "@dumbbells,bench")
    # A second check-in that day replaces all of the first, its budget too.
    with db.unit_of_work() as s:
        again = s.readiness.save(ana, DAY, inputs, "GREEN")
    assert (again.id, again.minutes, again.equipment) == (stored.id, None, None)
