"""Helpers for import-parser tests: real samples, the project's own fixtures, text parsing."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from flux_cli.imports import parse_export
from flux_cli.imports.records import ImportedWorkout, ImportRecord, RowProblem
from tests.samples import (
    ALL_FIXTURES as ALL_FIXTURES,
)
from tests.samples import (
    FIX_FLUX_CSV as FIX_FLUX_CSV,
)
from tests.samples import (
    FIX_FLUX_JSONL as FIX_FLUX_JSONL,
)
from tests.samples import (
    FIX_HEVY as FIX_HEVY,
)
from tests.samples import (
    FIX_HEVY_LBS as FIX_HEVY_LBS,
)
from tests.samples import (
    FIX_STRAVA as FIX_STRAVA,
)
from tests.samples import (
    FIX_STRONG_2025 as FIX_STRONG_2025,
)
from tests.samples import (
    FIX_STRONG_2026 as FIX_STRONG_2026,
)
from tests.samples import (
    FIX_STRONG_CLASSIC as FIX_STRONG_CLASSIC,
)
from tests.samples import (
    FIXTURES as FIXTURES,
)
from tests.samples import (
    HAVE_SAMPLES as HAVE_SAMPLES,
)
from tests.samples import (
    HEVY_KG as HEVY_KG,
)
from tests.samples import (
    REPO_ROOT as REPO_ROOT,
)
from tests.samples import (
    SAMPLES as SAMPLES,
)
from tests.samples import (
    STRAVA as STRAVA,
)
from tests.samples import (
    STRONG_2025 as STRONG_2025,
)
from tests.samples import (
    STRONG_CLASSIC as STRONG_CLASSIC,
)
from tests.samples import (
    STRONG_HEADER as STRONG_HEADER,
)
from tests.samples import (
    THIRD_PARTY_FIXTURES as THIRD_PARTY_FIXTURES,
)
from tests.samples import (
    needs_samples as needs_samples,
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
