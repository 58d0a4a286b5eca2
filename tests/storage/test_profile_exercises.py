"""Exercises per profile: a profile's custom exercises, aliases and set counts are its own.

Also migration 0003, which gives existing custom exercises and made-up aliases an owner.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Connection, create_engine, text

from flux_cli.storage import schema
from flux_cli.storage.database import Database
from flux_cli.storage.records import ExerciseData, NewSet

DAY = dt.date(2024, 5, 1)
NOW = dt.datetime(2024, 5, 1, 10, tzinfo=dt.UTC)


def test_a_profile_sees_the_catalogue_and_only_its_own_names(db: Database) -> None:
    with db.unit_of_work() as uow:
        alice = uow.profiles.get_or_create("alice").id
        bob = uow.profiles.get_or_create("bob").id
        squat = uow.exercises.resolve("Back Squat")
        front = uow.exercises.resolve("Front Squat")
        assert squat is not None and front is not None
        uow.exercises.point_alias("Kniebeuge", squat.id, profile_id=alice)
        session = uow.sessions.create(alice, day=DAY, status="completed")
        uow.sessions.add_sets(session.id, [NewSet(exercise_id=squat.id, weight_kg=100, reps=5)])

    with db.unit_of_work() as uow:
        found = uow.exercises.resolve("kniebeuge", profile_id=alice)
        assert found is not None and found.name == "Back Squat"
        assert uow.exercises.resolve("Kniebeuge", profile_id=bob) is None
        assert uow.exercises.resolve("Kniebeuge") is None  # the catalogue alone
        assert "Back Squat" not in uow.exercises.suggest("Kniebeugee", profile_id=bob)
        assert uow.exercises.set_counts([squat.id], profile_id=alice) == {squat.id: 1}
        assert uow.exercises.set_counts([squat.id], profile_id=bob) == {}

        # Bob's alias of the same name points elsewhere; Alice's is untouched.
        uow.exercises.point_alias("kniebeuge", front.id, profile_id=bob)
    with db.unit_of_work(read_only=True) as uow:
        assert uow.exercises.resolve_many(["Kniebeuge"], profile_id=bob)["Kniebeuge"] == front
        assert uow.exercises.resolve_many(["Kniebeuge"], profile_id=alice)["Kniebeuge"] == squat


def test_a_profile_alias_shadows_a_shared_one(db: Database) -> None:
    with db.unit_of_work() as uow:
        alice = uow.profiles.get_or_create("alice").id
        front = uow.exercises.resolve("Front Squat")
        assert front is not None
        uow.exercises.point_alias("Squat (Barbell)", front.id, profile_id=alice)
    with db.unit_of_work(read_only=True) as uow:
        mine = uow.exercises.resolve("squat (barbell)", profile_id=alice)
        shared = uow.exercises.resolve("squat (barbell)")
        assert mine == front
        assert shared is not None and shared.name == "Back Squat"


def test_the_catalogue_upsert_stays_shared(db: Database) -> None:
    with db.unit_of_work() as uow:
        alice = uow.profiles.get_or_create("alice").id
        added, _ = uow.exercises.upsert([ExerciseData(name="Zercher Carry", source="builtin")])
        assert added == 1
    with db.unit_of_work(read_only=True) as uow:
        assert uow.exercises.resolve("zercher carry") is not None
        assert uow.exercises.resolve("zercher carry", profile_id=alice) is not None


# ------------------------------------------------------------------ migration 0003


def _insert(connection: Connection, statement: str, **values: object) -> None:
    connection.execute(text(statement), values)


def _at_previous_head(url: str, profiles: list[str]) -> None:
    """A database made by Alembic at 0002, with custom exercises, aliases and sets in it."""
    engine = create_engine(url)
    with engine.begin() as connection:
        schema.run_upgrade(connection, "0002")
        for number, name in enumerate(profiles, start=1):
            _insert(
                connection,
                "INSERT INTO profiles (id, name, settings, created_at)"
                " VALUES (:id, :name, '{}', :at)",
                id=number,
                name=name,
                at=NOW,
            )
        exercises = [
            (1, "Back Squat", '["Squat (Barbell)"]', "builtin"),
            (2, "Leg Press Keller", "[]", "custom"),
            (3, "Sled Push", "[]", "custom"),
            (4, "Unused Thing", "[]", "custom"),
        ]
        for number, name, aliases, source in exercises:
            _insert(
                connection,
                "INSERT INTO exercises (id, name, aliases, category, primary_muscles,"
                " secondary_muscles, tracking, load_type, source) VALUES"
                " (:id, :name, :aliases, 'strength', '[]', '[]', 'reps', 'none', :source)",
                id=number,
                name=name,
                aliases=aliases,
                source=source,
            )
        keys = [
            ("back squat", 1),
            ("squat (barbell)", 1),
            ("kniebeuge", 1),  # made with `flux exercises alias`
            ("leg press keller", 2),
            ("sled push", 3),
            ("unused thing", 4),
        ]
        for alias, exercise_id in keys:
            _insert(
                connection,
                "INSERT INTO exercise_aliases (alias, exercise_id) VALUES (:alias, :id)",
                alias=alias,
                id=exercise_id,
            )
        # Leg Press Keller is the first profile's alone; Sled Push is every profile's.
        users = {2: [1], 3: list(range(1, len(profiles) + 1)), 1: [1]}
        set_id = 0
        for exercise_id, profile_ids in users.items():
            for profile_id in profile_ids:
                set_id += 1
                _insert(
                    connection,
                    "INSERT INTO workout_sessions (id, profile_id, date, status, source)"
                    " VALUES (:id, :profile, :day, 'completed', 'flux')",
                    id=set_id,
                    profile=profile_id,
                    day=DAY,
                )
                _insert(
                    connection,
                    "INSERT INTO workout_sets (id, session_id, exercise_id, position, reps,"
                    " metadata, logged_at) VALUES (:id, :id, :exercise, 1, 5, '{}', :at)",
                    id=set_id,
                    exercise=exercise_id,
                    at=NOW,
                )
        if connection.dialect.name == "postgresql":  # explicit ids leave the sequences behind
            for table in ("profiles", "exercises", "workout_sessions", "workout_sets"):
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id))"
                        f" FROM {table}"
                    )
                )
        assert schema.current_revision(connection) == "0002"
    engine.dispose()


def _upgraded(url: str) -> Database:
    if url.startswith("postgresql"):
        Database.open(url, check_schema=False).upgrade()
    return Database.open(url)  # SQLite upgrades itself on open


def _names(db: Database, profile_id: int | None) -> set[str]:
    with db.unit_of_work(read_only=True) as uow:
        return {row.name for row in uow.exercises.all(source="custom", profile_id=profile_id)}


def _resolves(db: Database, name: str, profile_id: int) -> str | None:
    with db.unit_of_work(read_only=True) as uow:
        found = uow.exercises.resolve(name, profile_id=profile_id)
        return None if found is None else found.name


@pytest.mark.parametrize("profiles", [["alice", "bob"]])
def test_upgrade_gives_custom_exercises_to_the_profile_using_them(
    db_url: str, profiles: list[str]
) -> None:
    _at_previous_head(db_url, profiles)
    with _upgraded(db_url) as db:
        assert db.current() == schema.HEAD_REVISION
        alice, bob = 1, 2
        # Owned by its one user; used by both or by none: still shared.
        assert _names(db, alice) == {"Leg Press Keller", "Sled Push", "Unused Thing"}
        assert _names(db, bob) == {"Sled Push", "Unused Thing"}
        assert _resolves(db, "leg press keller", alice) == "Leg Press Keller"
        assert _resolves(db, "leg press keller", bob) is None
        assert _resolves(db, "sled push", bob) == "Sled Push"
        # Who made an alias of a shared exercise cannot be told with two profiles: shared.
        assert _resolves(db, "kniebeuge", bob) == "Back Squat"
        assert _resolves(db, "squat (barbell)", bob) == "Back Squat"
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM workout_sets")).scalar() == 4
            assert connection.execute(text("SELECT count(*) FROM exercise_aliases")).scalar() == 5
        with db.unit_of_work(read_only=True) as uow:
            counts = uow.exercises.set_counts([1, 2, 3], profile_id=alice)
            assert counts == {1: 1, 2: 1, 3: 1}
            assert uow.exercises.set_counts([1, 2, 3], profile_id=bob) == {3: 1}


def test_upgrade_with_one_profile_gives_it_every_custom_name(db_url: str) -> None:
    _at_previous_head(db_url, ["solo"])
    with _upgraded(db_url) as db:
        with db.unit_of_work() as uow:
            newcomer = uow.profiles.get_or_create("newcomer").id
        assert _names(db, 1) == {"Leg Press Keller", "Sled Push", "Unused Thing"}
        assert _names(db, newcomer) == set()
        assert _resolves(db, "kniebeuge", 1) == "Back Squat"
        assert _resolves(db, "kniebeuge", newcomer) is None
        assert _resolves(db, "squat (barbell)", newcomer) == "Back Squat"
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM workout_sets")).scalar() == 3
