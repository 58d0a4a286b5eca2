"""Item 6: flux accepts days from 1970-01-01 to 2100-12-31 wherever a date enters; others
are refused with exit 2 (CLI) or a row error (imports), never an OverflowError."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flux_cli.cli.options import parse_day
from flux_cli.engine.limits import MAX_DAY, MIN_DAY, check_day
from flux_cli.errors import InputError
from flux_cli.imports import RowProblem, parse_export
from flux_cli.imports.values import RowError, parse_datetime
from tests.hostile.conftest import Flux, no_traceback, strong_row, write_strong

ANY_DAY = st.dates(min_value=dt.date.min, max_value=dt.date.max)


@given(day=ANY_DAY)
def test_a_day_is_accepted_exactly_inside_the_declared_range(day: dt.date) -> None:
    inside = MIN_DAY <= day <= MAX_DAY
    try:
        assert parse_day(day.isoformat()) == day
        assert check_day(day) == day
        accepted = True
    except InputError as error:
        assert "1970-01-01" in (error.hint or "") and "2100-12-31" in (error.hint or "")
        accepted = False
    assert accepted == inside


@given(
    moment=st.datetimes(min_value=dt.datetime.min, max_value=dt.datetime.max),
    offset=st.integers(min_value=-23, max_value=23),
)
def test_import_dates_are_in_range_or_row_errors(moment: dt.datetime, offset: int) -> None:
    zone = dt.timezone(dt.timedelta(hours=offset))
    for text in (moment.isoformat(), moment.replace(tzinfo=zone).isoformat()):
        try:
            parsed = parse_datetime(text)
        except RowError:
            assert not MIN_DAY <= moment.date() <= MAX_DAY
            continue
        assert MIN_DAY <= parsed.date() <= MAX_DAY


@pytest.mark.parametrize("day", ["0001-01-01", "1969-12-31", "2101-01-01", "9999-12-31"])
@pytest.mark.parametrize(
    "command",
    [
        ("plan", "energy=7", "knee_pain=1", "--date"),
        ("checkin", "energy=7", "knee_pain=1", "--date"),
        ("session", "start", "--date"),
        ("log", "Back Squat", "100x5", "--date"),
        ("history", "--since"),
        ("history", "--until"),
        ("export", "--since"),
    ],
)
def test_days_outside_the_range_are_refused_everywhere(
    flux: Flux, command: tuple[str, ...], day: str
) -> None:
    result = flux(*command, day)
    assert result.exit_code == 2, result.output
    assert f"date {day} is out of range" in result.stderr
    assert "1970-01-01 to 2100-12-31" in result.stderr


def test_the_edges_of_the_range_are_accepted(flux: Flux) -> None:
    for day in ("1970-01-01", "2100-12-31"):
        result = flux("plan", "energy=7", "knee_pain=1", "--date", day, "--json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["date"] == day


def test_an_active_session_never_takes_a_set_of_a_refused_day(flux: Flux) -> None:
    assert flux("log", "Back Squat", "100x5").exit_code == 0  # an active ad-hoc session
    result = flux("log", "Back Squat", "100x5", "--date", "0001-01-01")
    assert result.exit_code == 2
    history = flux("history", "--json")
    assert [len(entry["sets"]) for entry in json.loads(history.stdout)] == [1]


def test_import_rows_with_dates_outside_the_range_are_row_errors(
    flux: Flux, tmp_path: Path
) -> None:
    export = write_strong(
        tmp_path / "strong.csv",
        [
            strong_row("Old", date="0001-01-01 00:00:00"),
            strong_row("Far", date="9999-12-31 23:00:00", duration="2h"),
            strong_row("Zoned", date="0001-01-01T00:00:00+05:00"),
            strong_row("Fine", date="2026-01-05 10:00:00"),
        ],
    )
    refused = flux("import", str(export), "--format", "strong")
    assert refused.exit_code == 2 and "line 2: date 0001-01-01 is outside" in refused.stderr
    result = flux("import", str(export), "--format", "strong", "--skip-invalid", "--json")
    no_traceback(result)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["workouts_added"] == 1
    assert [row["line"] for row in report["skipped_rows"]] == [2, 3, 4]


def test_flux_jsonl_dates_outside_the_range_are_row_errors() -> None:
    lines = [
        '{"record":"set","session_id":"a","date":"0001-01-01","exercise":"Squat","reps":5}',
        '{"record":"set","session_id":"b","date":"2026-01-05",'
        '"started_at":"9999-12-31T23:59:59-05:00","exercise":"Squat","reps":5}',
        '{"record":"activity","session_id":"1","date":"2026-01-05","activity_type":"Ride",'
        '"started_at":"0001-01-01T00:00:00+05:00"}',
    ]
    records = list(
        parse_export(io.StringIO("\n".join(lines) + "\n"), format="flux-jsonl", skip_invalid=True)
    )
    assert [type(record) for record in records] == [RowProblem] * 3
    assert [record.line for record in records if isinstance(record, RowProblem)] == [1, 2, 3]
