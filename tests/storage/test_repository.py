"""Repository functions on both back ends: profiles, readiness, sessions, sets, rule sets."""

from __future__ import annotations

import datetime as dt

import pytest

from flux_cli import paths
from flux_cli.rules_file import read_rules_file
from flux_cli.storage.database import Database
from flux_cli.storage.records import NewSet, SessionRecord
from flux_cli.storage.unit_of_work import SqlUnitOfWork as Session

DAY = dt.date(2025, 3, 3)


RULES = read_rules_file(paths.default_rules_path()).rules


def _exercise_id(s: Session, name: str) -> int:
    found = s.exercises.resolve(name)
    assert found is not None, name
    return found.id


def _session_with_sets(
    s: Session, profile_id: int, day: dt.date, sets: list[tuple[str, float | None, int | None]]
) -> SessionRecord:
    session = s.sessions.create(profile_id, day=day, status="active")
    s.sessions.add_sets(
        session.id,
        [
            NewSet(exercise_id=_exercise_id(s, name), weight_kg=kg, reps=reps)
            for name, kg, reps in sets
        ],
    )
    return session


def test_profiles_are_created_once_and_keep_their_settings(db: Database) -> None:
    with db.unit_of_work() as s:
        first = s.profiles.get_or_create("ana")
        assert first.settings == {}
        s.profiles.update_settings(first.id, {"ftp_watts": 250, "units": "kg"})
    with db.unit_of_work() as s:
        again = s.profiles.get_or_create("ana")
    assert again.id == first.id
    assert again.settings == {"ftp_watts": 250, "units": "kg"}


def test_a_second_check_in_the_same_day_replaces_the_first(db: Database) -> None:
    with db.unit_of_work() as s:
        profile = s.profiles.get_or_create("default")
        first = s.readiness.save(profile.id, DAY, {"knee_pain": 2, "energy": 8}, "GREEN")
        second = s.readiness.save(profile.id, DAY, {"knee_pain": 5, "energy": 8}, "ORANGE")
    assert second.id == first.id
    with db.unit_of_work() as s:
        stored = s.readiness.get(profile.id, DAY)
        assert s.readiness.get(profile.id, DAY + dt.timedelta(days=1)) is None
    assert stored is not None
    assert (stored.inputs, stored.state) == ({"knee_pain": 5, "energy": 8}, "ORANGE")
    assert stored.recorded_at.tzinfo is not None


def test_session_lifecycle(db: Database) -> None:
    plan = {"archetype": "Conditioning", "conditioning": None}
    with db.unit_of_work() as s:
        profile = s.profiles.get_or_create("default")
        planned = s.sessions.create(
            profile.id, day=DAY, status="planned", archetype="Conditioning", plan=plan
        )
        assert planned.started_at is None
        assert s.sessions.active(profile.id) is None
        active = s.sessions.start(planned.id)
        assert active.status == "active" and active.started_at is not None
        assert s.sessions.active(profile.id) == active
        done = s.sessions.finish(active.id, "completed", {"verification": []})
    assert (done.status, done.result, done.plan) == ("completed", {"verification": []}, plan)
    assert done.ended_at is not None
    with db.unit_of_work() as s:
        assert s.sessions.active(profile.id) is None
        assert s.sessions.get(profile.id, done.id) == done
        with pytest.raises(ValueError, match="completed or abandoned"):
            s.sessions.finish(done.id, "planned", None)


def test_sets_continue_positions_and_carry_names_and_metadata(db: Database) -> None:
    with db.unit_of_work() as s:
        profile = s.profiles.get_or_create("default")
        session = _session_with_sets(s, profile.id, DAY, [("Back Squat", 100, 5)])
        bike = _exercise_id(s, "assault bike")
        added = s.sessions.add_sets(
            session.id,
            [
                NewSet(exercise_id=bike, seconds=30, metadata={"avg_watts": 310, "peak_hr": 171}),
                NewSet(exercise_id=bike, seconds=30, rpe=9),
            ],
        )
    assert [row.position for row in added] == [2, 3]
    with db.unit_of_work() as s:
        listed = s.sessions.sets(session.id)
    assert [(row.exercise, row.position) for row in listed] == [
        ("Back Squat", 1),
        ("Air Bike", 2),
        ("Air Bike", 3),
    ]
    assert listed[0].weight_kg == 100.0 and listed[0].reps == 5
    assert listed[1].metadata == {"avg_watts": 310, "peak_hr": 171}
    assert listed[2].rpe == 9.0 and listed[2].metadata == {}


def test_one_profile_never_sees_anothers_data(db: Database) -> None:
    with db.unit_of_work() as s:
        ana = s.profiles.get_or_create("ana")
        ben = s.profiles.get_or_create("ben")
        s.readiness.save(ana.id, DAY, {"knee_pain": 1, "energy": 9}, "GREEN")
        session = _session_with_sets(s, ana.id, DAY, [("Back Squat", 100, 5)])
        s.sessions.finish(session.id, "completed", None)
        active = s.sessions.create(ana.id, day=DAY, status="active")
        squat = _exercise_id(s, "Back Squat")
    with db.unit_of_work() as s:
        assert s.readiness.get(ben.id, DAY) is None
        assert s.sessions.active(ben.id) is None
        assert s.sessions.get(ben.id, session.id) is None
        assert s.sessions.get(ben.id, active.id) is None
        assert s.sessions.history(ben.id) == []
        assert s.sessions.e1rm_rows(ben.id, squat) == []
        history = s.history_as_of(ben.id, DAY + dt.timedelta(days=1), RULES)
        assert history.session_count == 0 and history.lift_sets == {}
        assert s.history_as_of(ana.id, DAY + dt.timedelta(days=1), RULES).session_count == 1
        assert len(s.sessions.history(ana.id)) == 2


def test_rule_sets_are_stored_once_per_content_and_one_is_active(db: Database) -> None:
    with db.unit_of_work() as s:
        assert s.rule_sets.active() is None
        first, created_first = s.rule_sets.save("version: 1\n")
        second, created_second = s.rule_sets.save("version: 1\n# tweaked\n")
        again, created_again = s.rule_sets.save("version: 1\n")
    assert (created_first, created_second, created_again) == (True, True, False)
    assert again.id == first.id and again.active
    assert len(first.sha256) == 64 and first.sha256 != second.sha256
    with db.unit_of_work() as s:
        active = s.rule_sets.active()
    assert active is not None and active.id == first.id and active.text == "version: 1\n"


def test_exercises_resolve_by_name_or_alias_ignoring_case(db: Database) -> None:
    with db.unit_of_work() as s:
        squat = s.exercises.resolve("  SQUAT   (barbell) ")
        assert squat is not None and squat.name == "Back Squat"
        assert squat.pattern == "SQUAT" and squat.source == "builtin"
        assert s.exercises.resolve("back squat") == squat
        assert s.exercises.resolve("Underwater Basket Weaving") is None
        assert s.exercises.suggest("Bak Squat")[0] == "Back Squat"
        assert len(s.exercises.suggest("bench pres", limit=2)) == 2
        assert s.exercises.suggest("zzzzzz") == []
