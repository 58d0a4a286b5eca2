"""Repository functions on both back ends: profiles, readiness, sessions, sets, rule sets."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from flux_cli.storage import repository as repo
from flux_cli.storage.database import Database
from flux_cli.storage.records import NewSet, SessionRecord

DAY = dt.date(2025, 3, 3)


def _exercise_id(s: Session, name: str) -> int:
    found = repo.resolve_exercise(s, name)
    assert found is not None, name
    return found.id


def _session_with_sets(
    s: Session, profile_id: int, day: dt.date, sets: list[tuple[str, float | None, int | None]]
) -> SessionRecord:
    session = repo.create_session(s, profile_id, day=day, status="active")
    repo.add_sets(
        s,
        session.id,
        [
            NewSet(exercise_id=_exercise_id(s, name), weight_kg=kg, reps=reps)
            for name, kg, reps in sets
        ],
    )
    return session


def test_profiles_are_created_once_and_keep_their_settings(db: Database) -> None:
    with db.unit_of_work() as s:
        first = repo.get_or_create_profile(s, "ana")
        assert first.settings == {}
        repo.update_profile_settings(s, first.id, {"ftp_watts": 250, "units": "kg"})
    with db.unit_of_work() as s:
        again = repo.get_or_create_profile(s, "ana")
    assert again.id == first.id
    assert again.settings == {"ftp_watts": 250, "units": "kg"}


def test_a_second_check_in_the_same_day_replaces_the_first(db: Database) -> None:
    with db.unit_of_work() as s:
        profile = repo.get_or_create_profile(s, "default")
        first = repo.save_readiness(s, profile.id, DAY, {"knee_pain": 2, "energy": 8}, "GREEN")
        second = repo.save_readiness(s, profile.id, DAY, {"knee_pain": 5, "energy": 8}, "ORANGE")
    assert second.id == first.id
    with db.unit_of_work() as s:
        stored = repo.get_readiness(s, profile.id, DAY)
        assert repo.get_readiness(s, profile.id, DAY + dt.timedelta(days=1)) is None
    assert stored is not None
    assert (stored.inputs, stored.state) == ({"knee_pain": 5, "energy": 8}, "ORANGE")
    assert stored.recorded_at.tzinfo is not None


def test_session_lifecycle(db: Database) -> None:
    plan = {"archetype": "Conditioning", "conditioning": None}
    with db.unit_of_work() as s:
        profile = repo.get_or_create_profile(s, "default")
        planned = repo.create_session(
            s, profile.id, day=DAY, status="planned", archetype="Conditioning", plan=plan
        )
        assert planned.started_at is None
        assert repo.get_active_session(s, profile.id) is None
        active = repo.start_session(s, planned.id)
        assert active.status == "active" and active.started_at is not None
        assert repo.get_active_session(s, profile.id) == active
        done = repo.finish_session(s, active.id, "completed", {"verification": []})
    assert (done.status, done.result, done.plan) == ("completed", {"verification": []}, plan)
    assert done.ended_at is not None
    with db.unit_of_work() as s:
        assert repo.get_active_session(s, profile.id) is None
        assert repo.get_session(s, profile.id, done.id) == done
        with pytest.raises(ValueError, match="completed or abandoned"):
            repo.finish_session(s, done.id, "planned", None)


def test_sets_continue_positions_and_carry_names_and_metadata(db: Database) -> None:
    with db.unit_of_work() as s:
        profile = repo.get_or_create_profile(s, "default")
        session = _session_with_sets(s, profile.id, DAY, [("Back Squat", 100, 5)])
        bike = _exercise_id(s, "assault bike")
        added = repo.add_sets(
            s,
            session.id,
            [
                NewSet(exercise_id=bike, seconds=30, metadata={"avg_watts": 310, "peak_hr": 171}),
                NewSet(exercise_id=bike, seconds=30, rpe=9),
            ],
        )
    assert [row.position for row in added] == [2, 3]
    with db.unit_of_work() as s:
        listed = repo.list_sets(s, session.id)
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
        ana = repo.get_or_create_profile(s, "ana")
        ben = repo.get_or_create_profile(s, "ben")
        repo.save_readiness(s, ana.id, DAY, {"knee_pain": 1, "energy": 9}, "GREEN")
        session = _session_with_sets(s, ana.id, DAY, [("Back Squat", 100, 5)])
        repo.finish_session(s, session.id, "completed", None)
        active = repo.create_session(s, ana.id, day=DAY, status="active")
        squat = _exercise_id(s, "Back Squat")
    with db.unit_of_work() as s:
        assert repo.get_readiness(s, ben.id, DAY) is None
        assert repo.get_active_session(s, ben.id) is None
        assert repo.get_session(s, ben.id, session.id) is None
        assert repo.get_session(s, ben.id, active.id) is None
        assert repo.list_history(s, ben.id) == []
        assert repo.e1rm_rows(s, ben.id, squat) == []
        history = repo.load_history(s, ben.id, today=DAY, lift_names=["Back Squat"], window_days=90)
        assert history.sessions == () and history.lift_sets == {}
        assert len(repo.list_history(s, ana.id)) == 2


def test_rule_sets_are_stored_once_per_content_and_one_is_active(db: Database) -> None:
    with db.unit_of_work() as s:
        assert repo.get_active_rule_set(s) is None
        first, created_first = repo.save_rule_set(s, "version: 1\n")
        second, created_second = repo.save_rule_set(s, "version: 1\n# tweaked\n")
        again, created_again = repo.save_rule_set(s, "version: 1\n")
    assert (created_first, created_second, created_again) == (True, True, False)
    assert again.id == first.id and again.active
    assert len(first.sha256) == 64 and first.sha256 != second.sha256
    with db.unit_of_work() as s:
        active = repo.get_active_rule_set(s)
    assert active is not None and active.id == first.id and active.text == "version: 1\n"


def test_exercises_resolve_by_name_or_alias_ignoring_case(db: Database) -> None:
    with db.unit_of_work() as s:
        squat = repo.resolve_exercise(s, "  SQUAT   (barbell) ")
        assert squat is not None and squat.name == "Back Squat"
        assert squat.pattern == "SQUAT" and squat.source == "builtin"
        assert repo.resolve_exercise(s, "back squat") == squat
        assert repo.resolve_exercise(s, "Underwater Basket Weaving") is None
        assert repo.suggest_exercises(s, "Bak Squat")[0] == "Back Squat"
        assert len(repo.suggest_exercises(s, "bench pres", limit=2)) == 2
        assert repo.suggest_exercises(s, "zzzzzz") == []
