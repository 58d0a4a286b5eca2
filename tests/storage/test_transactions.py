"""Units of work: all or nothing, and concurrent flux processes on one SQLite file."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from flux_cli.services.base import builtin_catalogue
from flux_cli.storage.database import BUSY_TIMEOUT_S, Database
from flux_cli.storage.records import NewSet

REPO_ROOT = Path(__file__).resolve().parents[2]
DAY = dt.date(2025, 3, 3)

# What `flux log` does: find or start the active session, then append a set, in one unit
# of work. The pause between read and write invites another process to interleave.
LOG_ONE_SET = textwrap.dedent(
    """
    import datetime as dt, sys, time
    from flux_cli.services.base import builtin_catalogue
    from flux_cli.storage.database import Database
    from flux_cli.storage.records import NewSet

    db = Database.open(sys.argv[1], catalogue=builtin_catalogue)
    with db.unit_of_work() as s:
        profile = s.profiles.get_or_create("default")
        session = s.sessions.active(profile.id)
        time.sleep(0.2)
        if session is None:
            session = s.sessions.create(profile.id, day=dt.date(2025, 3, 3), status="active")
        squat = s.exercises.resolve("Back Squat")
        s.sessions.add_sets(session.id, [NewSet(exercise_id=squat.id, weight_kg=100, reps=5)])
    print("logged")
    """
)


def _counts(db: Database) -> tuple[int, int]:
    with db.unit_of_work(read_only=True) as s:
        sessions = s.connection.execute(text("SELECT count(*) FROM workout_sessions")).scalar_one()
        sets = s.connection.execute(text("SELECT count(*) FROM workout_sets")).scalar_one()
    return sessions, sets


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(sqlite_url: str) -> None:
    with (
        Database.open(sqlite_url, catalogue=builtin_catalogue) as db,
        db.engine.connect() as connection,
    ):
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        busy_ms = connection.exec_driver_sql("PRAGMA busy_timeout").scalar()
        assert busy_ms == BUSY_TIMEOUT_S * 1000 >= 30_000


def test_a_unit_of_work_rolls_back_everything_on_error(db: Database) -> None:
    with pytest.raises(RuntimeError, match="boom"), db.unit_of_work() as s:
        profile = s.profiles.get_or_create("default")
        session = s.sessions.create(profile.id, day=DAY, status="active")
        squat = s.exercises.resolve("Back Squat")
        assert squat is not None
        s.sessions.add_sets(session.id, [NewSet(exercise_id=squat.id, weight_kg=100, reps=5)])
        raise RuntimeError("boom")
    assert _counts(db) == (0, 0)
    with db.unit_of_work() as s:
        assert s.connection.execute(text("SELECT count(*) FROM profiles")).scalar_one() == 0


def test_a_unit_of_work_commits_when_it_ends(db: Database) -> None:
    with db.unit_of_work() as s:
        profile = s.profiles.get_or_create("default")
        s.sessions.create(profile.id, day=DAY, status="active")
    assert _counts(db) == (1, 0)


def test_a_process_killed_mid_transaction_leaves_nothing(sqlite_url: str, run_python) -> None:  # type: ignore[no-untyped-def]
    Database.open(sqlite_url, catalogue=builtin_catalogue).close()
    code = textwrap.dedent(
        """
        import datetime as dt, os, signal, sys
        from flux_cli.services.base import builtin_catalogue
        from flux_cli.storage.database import Database
        from flux_cli.storage.records import NewSet

        db = Database.open(sys.argv[1], catalogue=builtin_catalogue)
        with db.unit_of_work() as s:
            profile = s.profiles.get_or_create("default")
            session = s.sessions.create(profile.id, day=dt.date(2025, 3, 3), status="active")
            squat = s.exercises.resolve("Back Squat")
            s.sessions.add_sets(session.id, [NewSet(exercise_id=squat.id, weight_kg=100, reps=5)])
            s.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    result = run_python(code, sqlite_url)
    assert result.returncode == -9, result.stderr
    with Database.open(sqlite_url, catalogue=builtin_catalogue) as db:
        assert _counts(db) == (0, 0)
        with db.unit_of_work() as s:  # and the write lock died with the process
            s.profiles.get_or_create("after")


@pytest.mark.slow
@pytest.mark.parametrize("fresh", [True, False], ids=["fresh-file", "existing-file"])
def test_five_processes_logging_at_once_all_succeed(sqlite_url: str, fresh: bool) -> None:
    if not fresh:
        Database.open(sqlite_url, catalogue=builtin_catalogue).close()
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", LOG_ONE_SET, sqlite_url],
            cwd=REPO_ROOT,
            env=dict(os.environ),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(5)
    ]
    outcomes = [process.communicate(timeout=120) for process in processes]
    for process, (out, err) in zip(processes, outcomes, strict=True):
        assert process.returncode == 0, err
        assert out.strip() == "logged"
    with Database.open(sqlite_url, catalogue=builtin_catalogue) as db, db.unit_of_work() as s:
        profile = s.profiles.get_or_create("default")
        session = s.sessions.active(profile.id)
        assert session is not None
        # One session (the read-then-write was serialised), five sets in order.
        assert _counts(db) == (1, 5)
        assert [logged.position for logged in s.sessions.sets(session.id)] == [1, 2, 3, 4, 5]


def test_read_only_units_do_not_wait_for_a_writer(sqlite_url: str) -> None:
    with Database.open(sqlite_url, catalogue=builtin_catalogue) as db:
        writing = threading.Event()
        release = threading.Event()

        def writer() -> None:
            with db.unit_of_work() as s:
                s.profiles.get_or_create("writer")
                writing.set()
                release.wait(10)

        thread = threading.Thread(target=writer)
        thread.start()
        try:
            assert writing.wait(10)
            with db.unit_of_work(read_only=True) as s:
                assert s.exercises.resolve("Plank") is not None
        finally:
            release.set()
            thread.join()
