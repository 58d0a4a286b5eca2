"""PostgreSQL session numbers follow on after an import instead of jumping to #1001 (#8.21)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import Flux, as_json

pytestmark = pytest.mark.postgres

HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE"
)


def _strong_export(path: Path, workouts: int) -> Path:
    rows = [
        f"2026-10-{day:02d} 07:00:00,Morning,1h,Squat (Barbell),1,100,5,0,0,,,"
        for day in range(1, workouts + 1)
    ]
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("workouts", "next_id"), [(1, 2), (3, 4), (5, 8)])
def test_the_session_after_an_import_is_numbered_close_after_it(
    flux: Flux, pg_url: str, tmp_path: Path, workouts: int, next_id: int
) -> None:
    assert flux("--db", pg_url, "db", "upgrade").exit_code == 0
    export = _strong_export(tmp_path / "strong.csv", workouts)
    imported = flux("--db", pg_url, "import", str(export), "--json")
    assert imported.exit_code == 0, imported.output
    as_json(
        flux("--db", pg_url, "checkin", "knee_pain=1", "energy=8", "--date", "2026-11-21", "--json")
    )
    started = as_json(flux("--db", pg_url, "session", "start", "--date", "2026-11-21", "--json"))
    # Blocks of 1, 2, 4, … ids: at most as many numbers skipped as workouts imported.
    assert started["session_id"] == next_id
