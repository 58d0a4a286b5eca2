"""Knee pain 6 with energy 9: loaded squats and SIT/HIIT leave, upper-body work stays hard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from flux_cli import services
from flux_cli.engine.rpe import percent_of_1rm
from flux_cli.services import Context
from tests.scenarios.load_support import START, context, train

GREEN = {"knee_pain": "0", "energy": "9"}
SORE_KNEE = {"knee_pain": "6", "energy": "9"}


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[Context]:
    kept = context(tmp_path)
    yield kept
    services.close(kept)


def test_knee_pain_removes_loaded_squats_and_intervals_but_keeps_upper_body_hard(
    ctx: Context,
) -> None:
    days = [START + dt.timedelta(days=i) for i in range(12)]
    for day in days[:8]:
        train(ctx, day, GREEN)
    for day in days[8:]:
        sore = services.plan(ctx, SORE_KNEE, day)
        assert sore.state == "ORANGE"
        names = [e.name for e in sore.exercises]
        assert "Back Squat" not in names and "Box Squat" not in names
        if sore.conditioning is not None:
            assert sore.conditioning.protocol == "SS"
        for exercise in sore.exercises:
            if exercise.pattern in ("PUSH", "PULL") and exercise.block == "main":
                # GREEN's strength_main (5 × 5 @ RPE 8 by the chart), as on a pain-free day.
                assert (exercise.sets, exercise.reps, exercise.rpe) == (5, 5, 8.0)
                assert exercise.percent_e1rm == pytest.approx(percent_of_1rm(5, 8.0))
        train(ctx, day, SORE_KNEE)
    # Over the sore days the athlete still pressed and pulled at full intensity.
    history = services.history(ctx, since=days[8])
    done = {row.exercise for entry in history for row in entry.sets}
    assert done & {"Bench Press", "Barbell Row"}
    assert not done & {"Back Squat", "Box Squat"}
