"""What counts as training a pattern, read from a SQLite file through the services."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from flux_cli import services
from flux_cli.services import Context

DAY = dt.date(2026, 3, 10)
GREEN = {"knee_pain": "1", "energy": "8"}
RED = {"knee_pain": "8", "energy": "8"}


def _ad_hoc(ctx: Context, day: dt.date, exercise: str, spec: str, rpe: float | None) -> None:
    services.log_sets(ctx, exercise, [spec], day=day, rpe=rpe)
    services.complete_session(ctx)


def test_easy_regressions_and_recovery_days_do_not_train_a_pattern(tmp_path: Path) -> None:
    ctx = services.keep_open(Context(profile="ana", db_url=f"sqlite:///{tmp_path / 'f.db'}"))
    try:
        _ad_hoc(ctx, DAY - dt.timedelta(days=9), "Back Squat", "100x5x3", 8)
        _ad_hoc(ctx, DAY - dt.timedelta(days=4), "Back Squat", "60x10x2", 4)  # RPE 4: no
        # A RED day's Recovery session (recovery family): its regressions do not count.
        services.checkin(ctx, RED, DAY - dt.timedelta(days=2))
        view = services.start_session(ctx, DAY - dt.timedelta(days=2))
        assert view.plan is not None and view.plan.archetype == "Recovery"
        for item in view.plan.exercises:
            spec = f"{item.seconds}s" if item.seconds else f"{item.reps or 10}"
            services.log_sets(ctx, item.name, [spec] * item.sets, day=view.session.date)
        services.complete_session(ctx)
        _ad_hoc(ctx, DAY - dt.timedelta(days=1), "Deadlift", "140x5x4", 8)
        plan = services.plan(ctx, GREEN, DAY)
    finally:
        services.close(ctx)
    assert plan.pattern_days["SQUAT"] == 9
    assert plan.pattern_days["HINGE"] == 1
    assert plan.pattern_days["PUSH"] is None and plan.pattern_days["PULL"] is None
    # The session count debt still sees every session (the JSON contract is unchanged).
    assert plan.pattern_debt["SQUAT"] == 1
