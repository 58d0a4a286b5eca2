"""A simulated athlete for the load scenarios: days of check-ins, sessions and Strava rides,
lived through the services on a SQLite file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from flux_cli import services
from flux_cli.engine.types import Plan
from flux_cli.services import Context
from flux_cli.services.importing import ImportSource, import_files

START = dt.date(2026, 3, 2)  # a Monday
STRAVA_HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,"
    "Moving Time,Average Heart Rate,Average Watts,Relative Effort"
)


def context(tmp_path: Path) -> Context:
    ctx = Context(profile="ana", db_url=f"sqlite:///{tmp_path / 'flux.db'}")
    services.profile_set(ctx, {"ftp_watts": "250"})
    return services.keep_open(ctx)


def train(
    ctx: Context,
    day: dt.date,
    readiness: dict[str, str],
    rpe: float = 7,
    session_rpe: float | None = None,
    minutes: float = 60,
) -> Plan:
    """Check in, do the day's plan as prescribed (at 60 kg when no load is given), complete.

    Sets are logged at `rpe`; the session at `session_rpe` (else `rpe`) for `minutes`.
    """
    plan = services.checkin(ctx, readiness, day).plan
    services.start_session(ctx, day)
    for exercise in plan.exercises:
        amount = f"{exercise.reps}" if exercise.reps else f"{exercise.seconds}s"
        load = f"{exercise.load_kg or 60}x" if exercise.reps else ""
        spec = f"{load}{amount}x{exercise.sets}"
        services.log_sets(ctx, exercise.name, [spec], day=day, rpe=rpe)
    if plan.conditioning is not None:
        block = plan.conditioning
        for _ in range(block.rounds):
            services.log_sets(
                ctx,
                block.exercise,
                [f"{block.work_s}s"],
                day=day,
                meta={"avg_watts": block.target_watts or 200},
            )
    services.complete_session(
        ctx, session_rpe=rpe if session_rpe is None else session_rpe, minutes=minutes
    )
    return plan


def rides(ctx: Context, tmp_path: Path, rows: list[tuple[dt.date, str, str, float, float]]) -> None:
    """Import Strava activities: (day, name, type, minutes, average watts)."""
    lines = [STRAVA_HEADER]
    for index, (day, name, kind, minutes, watts) in enumerate(rows, start=1):
        seconds = round(minutes * 60)
        lines.append(
            f"{9000 + index},{day.isoformat()} 07:00:00,{name},{kind},{seconds},40.0,"
            f"{seconds},,{watts if watts else ''},"
        )
    path = tmp_path / f"activities-{len(list(tmp_path.iterdir()))}.csv"
    path.write_text("\n".join(lines) + "\n")
    import_files(ctx, [ImportSource(name=path.name, path=path)])
