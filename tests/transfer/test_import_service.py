"""`services.importing.import_files` and the 0002 migration, below the CLI."""

from __future__ import annotations

import io
import sqlite3
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from transfer_support import FIX_STRONG_2025, STRONG_HEADER, Counts, stored_counts

from flux_cli.services import Context
from flux_cli.services.importing import ImportSource, import_files
from flux_cli.storage import schema
from flux_cli.storage.database import Database


def _generated(sets: int) -> Iterator[str]:
    yield STRONG_HEADER + "\n"
    for number in range(sets // 10):
        stamp = f"2020-01-01 {number // 3600 % 24:02d}:{number // 60 % 60:02d}:{number % 60:02d}"
        for order in range(1, 11):
            yield f'{stamp},"W{number}",1h,"Squat (Barbell)",{order},100,5,0,0,"",,\n'


def test_progress_is_reported_in_bytes_up_to_the_file_size() -> None:
    seen: list[tuple[str, int]] = []
    source = ImportSource(name="strong.csv", path=FIX_STRONG_2025)

    import_files(Context(), [source], progress=lambda src, done: seen.append((src.name, done)))

    assert seen[-1] == ("strong.csv", FIX_STRONG_2025.stat().st_size)
    assert [done for _, done in seen] == sorted(done for _, done in seen)


def test_a_stream_source_is_read_and_left_open() -> None:
    stream = io.BytesIO(FIX_STRONG_2025.read_bytes())

    report = import_files(Context(), [ImportSource(name="<stdin>", stream=stream)])

    assert report.workouts_added == 4
    assert not stream.closed


def test_stdin_twice_is_refused() -> None:
    from flux_cli.errors import InputError

    stdin = io.BytesIO(b"")
    sources = [ImportSource.from_argument("-", stdin), ImportSource.from_argument("-", stdin)]
    with pytest.raises(InputError, match="stdin"):
        import_files(Context(), sources)


def _peak_import(tmp_path: Path, sets: int) -> int:
    path = tmp_path / f"gen-{sets}.csv"
    path.write_text("".join(_generated(sets)), encoding="utf-8")
    tracemalloc.start()
    try:
        report = import_files(Context(profile=f"p{sets}"), [ImportSource(path.name, path=path)])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.sets_added == sets
    return peak


def test_memory_grows_with_workouts_not_with_sets(tmp_path: Path) -> None:
    _peak_import(tmp_path, 1_000)  # first use: catalogue, caches, compiled statements
    small = _peak_import(tmp_path, 20_000)
    large = _peak_import(tmp_path, 60_000)
    # Only ids of workouts seen are kept (to skip duplicates): tens of bytes per set,
    # where holding the sets themselves would take hundreds.
    assert (large - small) / 40_000 < 100, (small, large)
    assert large < 16 * 2**20


def test_a_0001_database_is_upgraded_and_keeps_its_history(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    with engine.begin() as connection:
        schema.run_upgrade(connection, "0001")
        connection.execute(
            text(
                "INSERT INTO profiles (id, name, settings, created_at)"
                " VALUES (1, 'default', '{}', '2024-01-01 00:00:00.000000')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO workout_sessions (id, profile_id, date, status, source,"
                " session_name, started_at) VALUES (1, 1, '2024-01-02', 'completed', 'flux',"
                " 'Old', '2024-01-02 08:00:00.000000')"
            )
        )
    engine.dispose()

    Database.open(url).close()
    report = import_files(Context(db_url=url), [ImportSource("strong.csv", path=FIX_STRONG_2025)])

    with sqlite3.connect(tmp_path / "old.db") as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            schema.HEAD_REVISION,
        )
        assert connection.execute(
            "SELECT session_name FROM workout_sessions WHERE id = 1"
        ).fetchone() == ("Old",)
    assert report.workouts_added == 4
    assert stored_counts(tmp_path / "old.db") == Counts(workouts=5, sets=12)
