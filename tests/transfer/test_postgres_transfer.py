"""The same import and export on PostgreSQL (the server named by FLUX_TEST_DATABASE_URL)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from transfer_support import (
    ALL_SAMPLES,
    COUNTABLE_FIXTURES,
    FIX_STRONG_2025,
    Counts,
    Flux,
    expected_counts,
    needs_samples,
    report,
    write_strong,
)

pytestmark = pytest.mark.postgres


def _counts(url: str, profile: str = "default") -> Counts:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            workouts, sets = connection.execute(
                text(
                    "SELECT count(DISTINCT s.id), count(w.id) FROM workout_sessions s"
                    " JOIN profiles p ON p.id = s.profile_id"
                    " LEFT JOIN workout_sets w ON w.session_id = s.id WHERE p.name = :name"
                ),
                {"name": profile},
            ).one()
            activities = connection.execute(
                text(
                    "SELECT count(*) FROM activities a JOIN profiles p ON p.id = a.profile_id"
                    " WHERE p.name = :name"
                ),
                {"name": profile},
            ).scalar_one()
    finally:
        engine.dispose()
    return Counts(workouts=workouts, sets=sets, activities=activities)


@pytest.fixture(
    params=[
        pytest.param(COUNTABLE_FIXTURES, id="fixtures"),
        pytest.param(ALL_SAMPLES, id="samples", marks=needs_samples),
    ]
)
def exports(request: pytest.FixtureRequest) -> list[Path]:
    """The project's fixtures, and the real samples when ../shared is there."""
    files: list[Path] = request.param
    return files


@pytest.fixture
def pg(flux: Flux, pg_url: str) -> str:
    assert flux("--db", pg_url, "db", "upgrade").exit_code == 0
    return pg_url


def test_core_import_on_postgres(flux: Flux, pg: str, exports: list[Path]) -> None:
    expected = [expected_counts(path) for path in exports]
    total = Counts(
        workouts=sum(c.workouts for c in expected),
        sets=sum(c.sets for c in expected),
        activities=sum(c.activities for c in expected),
    )

    dry = report(flux("--db", pg, "import", *exports, "--dry-run", "--json"))
    assert _counts(pg) == Counts()
    first = report(flux("--db", pg, "import", *exports, "--json"))
    again = report(flux("--db", pg, "import", *exports, "--json"))

    assert _counts(pg) == total
    assert (first["workouts_added"], first["sets_added"], first["activities_added"]) == (
        total.workouts,
        total.sets,
        total.activities,
    )
    assert dry["custom_exercises"] == first["custom_exercises"]
    assert again["duplicates_skipped"] == total.workouts + total.activities


def test_postgres_exports_what_sqlite_exports(flux: Flux, pg: str, exports: list[Path]) -> None:
    report(flux("--db", pg, "import", *exports, "--json"))
    report(flux("import", *exports, "--json"))  # the default SQLite database

    for fmt in ("csv", "jsonl", "strong"):
        on_postgres = flux("--db", pg, "export", "--format", fmt)
        on_sqlite = flux("export", "--format", fmt)
        assert on_postgres.exit_code == on_sqlite.exit_code == 0
        assert on_postgres.stdout == on_sqlite.stdout, fmt


def test_round_trip_on_postgres(flux: Flux, pg: str, tmp_path: Path, exports: list[Path]) -> None:
    report(flux("--db", pg, "import", *exports, "--json"))
    first = flux("--db", pg, "export", "--format", "jsonl").stdout
    path = tmp_path / "history.jsonl"
    path.write_text(first, encoding="utf-8")

    report(flux("--db", pg, "--profile", "copy", "import", path, "--json"))

    assert flux("--db", pg, "--profile", "copy", "export", "--format", "jsonl").stdout == first


def test_a_refused_import_writes_nothing_on_postgres(flux: Flux, pg: str, tmp_path: Path) -> None:
    report(flux("--db", pg, "import", FIX_STRONG_2025, "--json"))
    bad = write_strong(
        tmp_path / "bad.csv",
        [
            '2024-05-01 10:00:00,"A",1h,"Brand New Exercise",1,100,5,0,0,"",,\n',
            '2024-05-02 10:00:00,"A",1h,"Squat (Barbell)",1,lots,5,0,0,"",,\n',
        ],
    )

    result = flux("--db", pg, "import", bad)

    assert result.exit_code == 2
    assert "line 3: weight 'lots' is not a number" in result.stderr
    assert _counts(pg) == expected_counts(FIX_STRONG_2025)
    customs = flux("--db", pg, "exercises", "list", "--custom", "--json").stdout
    assert "Brand New Exercise" not in customs
