"""Dates and times survive `flux export` → `flux import` in every format (issue 8, defect 5).

Strong's CSV knows a workout's day only from its start, so a session logged for an earlier day
(`flux log --date`, stamped when it was logged) used to be written at the moment of logging:
re-importing it collapsed a month of back-dated sessions onto one day.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from transfer_support import Flux, report

FORMATS = ("csv", "jsonl", "strong")
DAYS = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31))
SECONDS = st.integers(min_value=0, max_value=24 * 3600 - 1)


@st.composite
def sessions(draw: st.DrawFn) -> list[tuple[dt.date, dt.datetime]]:
    """(day, start) pairs: most start on their day, some were stamped days later."""
    count = draw(st.integers(min_value=1, max_value=25))
    found = []
    for _ in range(count):
        day = draw(DAYS)
        late = draw(st.integers(min_value=0, max_value=40)) if draw(st.booleans()) else 0
        midnight = dt.datetime.combine(day, dt.time(), dt.UTC)
        found.append((day, midnight + dt.timedelta(days=late, seconds=draw(SECONDS))))
    return found


def flux_jsonl(items: list[tuple[dt.date, dt.datetime]]) -> str:
    """A flux JSONL export of one squat session per item, oldest day first."""
    lines = []
    for number, (day, start) in enumerate(sorted(items)):
        end = start + dt.timedelta(minutes=45)
        for position in (1, 2):
            record = {
                "record": "set",
                "session_id": f"session-{number}",
                "source": "flux",
                "date": day.isoformat(),
                "started_at": start.isoformat(),
                "ended_at": end.isoformat(),
                "status": "completed",
                "session_name": f"Session {number}",
                "position": position,
                "exercise": "Back Squat",
                "weight_kg": 100.0,
                "reps": 5,
                "logged_at": start.isoformat(),
            }
            lines.append(json.dumps(record) + "\n")
    return "".join(lines)


Sessions = list[tuple[str, dt.datetime]]


def stored(db: Path) -> Sessions:
    """(date, start in UTC) of every stored session, sorted."""
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT date, started_at FROM workout_sessions").fetchall()
    return sorted(
        (day, dt.datetime.fromisoformat(start).replace(tzinfo=dt.UTC)) for day, start in rows
    )


def round_trip(flux: Flux, folder: Path, text: str, fmt: str) -> tuple[Sessions, Sessions]:
    """Sessions stored from `text`, and after export in `fmt` and import into a new database."""
    source, copy = folder / "source.db", folder / "copy.db"
    authored = folder / "authored.jsonl"
    authored.write_text(text, encoding="utf-8")
    report(flux("--db", f"sqlite:///{source}", "import", authored, "--json"))
    exported = flux("--db", f"sqlite:///{source}", "export", "--format", fmt)
    assert exported.exit_code == 0, exported.output
    again = folder / f"export.{fmt}"
    again.write_text(exported.stdout, encoding="utf-8")
    data = report(flux("--db", f"sqlite:///{copy}", "import", again, "--json"))
    assert data["skipped_rows"] == [] and data["duplicates_skipped"] == 0
    return stored(source), stored(copy)


@pytest.mark.parametrize("fmt", FORMATS)
@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(items=sessions())
def test_dates_and_times_survive_a_round_trip(
    flux: Flux, fmt: str, items: list[tuple[dt.date, dt.datetime]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        before, after = round_trip(flux, Path(folder), flux_jsonl(items), fmt)

    assert len(after) == len(before) == len(items)
    assert [day for day, _ in after] == [day for day, _ in before]
    if fmt != "strong":
        assert after == before
        return
    # Strong: a start on its own day survives to the second; a later stamp keeps its time
    # of day, on the session's day.
    expected = sorted(
        (day, start if start.date().isoformat() == day else
         dt.datetime.combine(dt.date.fromisoformat(day), start.time(), dt.UTC))
        for day, start in before
    )  # fmt: skip
    assert after == expected


def test_a_month_of_back_dated_sessions_keeps_its_days_through_strong(
    flux: Flux, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    days = [dt.date(2026, 10, 1) + dt.timedelta(days=3 * n) for n in range(10)]
    for day in days:  # logged today, each for its own earlier day
        for command in (
            ("log", "Back Squat", "100x5", "--date", day.isoformat()),
            ("session", "complete"),
        ):
            result = flux(*command)
            assert result.exit_code == 0, result.output
    text = flux("export", "--format", "strong").stdout
    path = tmp_path / "strong.csv"
    path.write_text(text, encoding="utf-8")

    monkeypatch.setenv("FLUX_HOME", str(tmp_path / "elsewhere"))
    data = report(flux("import", path, "--json"))

    assert data["workouts_added"] == len(days)
    dates = [day for day, _ in stored(tmp_path / "elsewhere" / "flux.db")]
    assert dates == [day.isoformat() for day in days]
    assert [line[:10] for line in text.splitlines()[1:]] == dates
