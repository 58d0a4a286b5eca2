"""Helpers for import-parser tests: real samples, the project's own fixtures, text parsing."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from flux_cli.imports import parse_export
from flux_cli.imports.records import ImportedWorkout, ImportRecord, RowProblem

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLES = REPO_ROOT.parent / "shared" / "data" / "imports"
STRONG_CLASSIC = SAMPLES / "strong" / "breinsp-strong-charts__strong.csv"
STRONG_2025 = SAMPLES / "strong" / "dravenbc-gym-dashboard__strong.csv"
HEVY_KG = SAMPLES / "hevy" / "DaKheera47-strong-statistics__sample_hevy.csv"
STRAVA = SAMPLES / "strava" / "JoBoSo-Strava-Activity-Map__activities.csv"

HAVE_SAMPLES = SAMPLES.is_dir()
needs_samples = pytest.mark.skipif(
    not HAVE_SAMPLES,
    reason=f"real exports not found: {SAMPLES} is absent (../shared beside the project); "
    "the project's own fixtures in tests/imports/fixtures cover every format and quirk",
)

FIXTURES = REPO_ROOT / "tests" / "imports" / "fixtures"
FIX_STRONG_CLASSIC = FIXTURES / "strong" / "classic.csv"
FIX_STRONG_2025 = FIXTURES / "strong" / "2025-semicolon.csv"
FIX_STRONG_2026 = FIXTURES / "strong" / "2026-warmups.csv"
FIX_HEVY = FIXTURES / "hevy" / "kg-newest-first.csv"
FIX_HEVY_LBS = FIXTURES / "hevy" / "lbs-miles.csv"
FIX_STRAVA = FIXTURES / "strava" / "activities.csv"
FIX_FLUX_CSV = FIXTURES / "flux" / "export.csv"
FIX_FLUX_JSONL = FIXTURES / "flux" / "export.jsonl"
ALL_FIXTURES = [*sorted(FIXTURES.glob("*/*.csv")), FIX_FLUX_JSONL]
THIRD_PARTY_FIXTURES = sorted(
    path for path in FIXTURES.glob("*/*.csv") if path.parent.name != "flux"
)

STRONG_HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE"
)
HEVY_HEADER = (
    '"title","start_time","end_time","description","exercise_title","superset_id",'
    '"exercise_notes","set_index","set_type","weight_kg","reps","distance_km",'
    '"duration_seconds","rpe"'
)


def parse_text(text: str, *, name: str = "test.csv", **options: Any) -> list[ImportRecord]:
    """All records parsed from an inline export text."""
    return list(parse_export(io.StringIO(text, newline=""), name=name, **options))


def parse_file(path: Path, **options: Any) -> list[ImportRecord]:
    """All records parsed from a file opened the way the import service opens files."""
    with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as stream:
        return list(parse_export(stream, **options))


def workouts(records: list[ImportRecord]) -> list[ImportedWorkout]:
    return [record for record in records if isinstance(record, ImportedWorkout)]


def problems(records: list[ImportRecord]) -> list[RowProblem]:
    return [record for record in records if isinstance(record, RowProblem)]


def elapsed(workout: ImportedWorkout) -> dt.timedelta:
    """How long a workout ran; its end time must be known."""
    assert workout.ended_at is not None, f"{workout.name}: no end time"
    return workout.ended_at - workout.started_at


def csv_rows(path: Path, delimiter: str = ",") -> Iterator[tuple[int, dict[str, str]]]:
    """Plain `csv` reading (no flux code): each record with the physical line it starts on."""
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream, delimiter=delimiter)
        header = next(reader)
        line = reader.line_num + 1
        for fields in reader:
            yield line, dict(zip(header, fields, strict=True))
            line = reader.line_num + 1
