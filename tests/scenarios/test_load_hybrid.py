"""A hybrid athlete's endurance week covers conditioning: it is not piled on top; a light
week does not (activities count by their load, not their date)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from flux_cli import services
from flux_cli.services import Context
from tests.scenarios.load_support import START, context, rides, train

GREEN = {"knee_pain": "0", "energy": "9"}


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[Context]:
    kept = context(tmp_path)
    yield kept
    services.close(kept)


def _weeks(ctx: Context, tmp_path: Path, minutes: float, watts: float) -> list[tuple[int, str]]:
    """Three weeks: rides on Tue/Thu/Sat/Sun, flux on the other days; (day, archetype) done."""
    done = []
    rows = []
    for offset in range(21):
        day = START + dt.timedelta(days=offset)
        if day.weekday() in (1, 3, 5, 6):
            rows.append((day, f"Ride {offset}", "Ride", minutes, watts))
    rides(ctx, tmp_path, rows)
    for offset in range(21):
        day = START + dt.timedelta(days=offset)
        if day.weekday() not in (1, 3, 5, 6):
            done.append((offset, train(ctx, day, GREEN).archetype))
    return done


def test_an_endurance_week_stops_conditioning_piling_on(ctx: Context, tmp_path: Path) -> None:
    # 4 × 90 min at 190 W on FTP 250: 4 × 1.5 × 0.76² × 100 ≈ 347 points a week, ≥ 300.
    done = _weeks(ctx, tmp_path, 90, 190)
    # From the second week on, the last 7 days always hold the four rides.
    assert [a for offset, a in done if offset >= 7 and a == "Conditioning"] == [], done
    plan = services.plan(ctx, GREEN, START + dt.timedelta(days=21))
    assert plan.archetype != "Conditioning"
    assert any(
        line.startswith("endurance in the last 7 days: 4 activities") for line in plan.rationale
    )


def test_a_light_endurance_week_still_gets_conditioning(ctx: Context, tmp_path: Path) -> None:
    # 4 × 30 min at 120 W: ≈ 46 points a week, far below 300; a date alone covers nothing.
    done = _weeks(ctx, tmp_path, 30, 120)
    assert [a for offset, a in done if offset >= 7].count("Conditioning") >= 2, done
