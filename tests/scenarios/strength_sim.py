"""A simulated athlete who lives through weeks of flux via the services (SQLite file).

Their true one-rep max per lift is set by the test; the reps they manage at a load and
the RPE they report come from the RTS chart (`engine.rpe`), the same published table the
coach reads, so a coach that tracks strength correctly sees a consistent athlete.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from flux_cli import services
from flux_cli.engine.rpe import percent_at_effective_reps
from flux_cli.engine.types import Plan
from flux_cli.services import Context

GREEN = {"knee_pain": "1", "energy": "8"}
FTP = 250
# Strength a consistent athlete brings to day one (kg): true 1RMs.
STARTING_1RM = {
    "Back Squat": 140.0,
    "Deadlift": 180.0,
    "Bench Press": 100.0,
    "Barbell Row": 90.0,
}

TrueMax = Callable[[str, dt.date], float]


def max_reps_at(load_kg: float, true_1rm: float) -> int:
    """The most reps the athlete manages at `load_kg` (0 when it is above their 1RM)."""
    reps = 0
    while reps < 15:
        percent = percent_at_effective_reps(reps + 1)
        if percent is None or load_kg > true_1rm * percent + 1e-9:
            break
        reps += 1
    return reps


def reported_rpe(load_kg: float, reps: int, true_1rm: float) -> float:
    """The RPE of `reps` at `load_kg` by the chart, to the nearest half point (6–10)."""
    fraction = load_kg / true_1rm
    # Effective reps whose chart value is this fraction of the 1RM (finest half step).
    effective = 1.0
    while effective < 15.5:
        percent = percent_at_effective_reps(effective + 0.5)
        if percent is None or percent < fraction:
            break
        effective += 0.5
    rpe = 10 - (effective - reps)
    return min(10.0, max(6.0, math.floor(rpe * 2 + 0.5) / 2))


@dataclass
class Athlete:
    """An athlete, their services context, and what flux prescribed them each day."""

    ctx: Context
    true_max: TrueMax
    plans: dict[dt.date, Plan] = field(default_factory=dict)
    logged: dict[dt.date, dict[str, tuple[float, int, float]]] = field(default_factory=dict)

    @classmethod
    def open(cls, tmp_path: Path, true_max: TrueMax) -> Athlete:
        ctx = services.keep_open(Context(profile="sim", db_url=f"sqlite:///{tmp_path / 'f.db'}"))
        services.profile_set(ctx, {"ftp_watts": str(FTP)})
        return cls(ctx, true_max)

    def close(self) -> None:
        services.close(self.ctx)

    def train(self, day: dt.date) -> Plan:
        """Check in GREEN, start the plan, do what the body allows, complete it."""
        plan = services.checkin(self.ctx, GREEN, day).plan
        self.plans[day] = plan
        services.start_session(self.ctx, day)
        done: dict[str, tuple[float, int, float]] = {}
        for item in plan.exercises:
            if item.seconds is not None:
                services.log_sets(self.ctx, item.name, [f"{item.seconds}s"] * item.sets, day=day)
                continue
            reps = item.reps or 8
            if item.name not in STARTING_1RM:
                services.log_sets(self.ctx, item.name, [str(reps)] * item.sets, day=day, rpe=8)
                continue
            true_1rm = self.true_max(item.name, day)
            load = item.load_kg
            if load is None:  # no e1RM yet: the athlete picks a load for the target RPE
                percent = percent_at_effective_reps(reps + 10 - (item.rpe or 8)) or 0.75
                load = math.floor(true_1rm * percent / 2.5) * 2.5
            managed = min(reps, max_reps_at(load, true_1rm))
            if managed == 0:
                continue
            rpe = 10.0 if managed < reps else reported_rpe(load, managed, true_1rm)
            services.log_sets(
                self.ctx, item.name, [f"{load}x{managed}x{item.sets}"], day=day, rpe=rpe
            )
            done[item.name] = (load, managed, rpe)
        block = plan.conditioning
        if block is not None:
            watts = (block.target_watts or FTP) + 5
            for _ in range(block.rounds):
                services.log_sets(
                    self.ctx,
                    block.exercise,
                    [f"{block.work_s}s"],
                    day=day,
                    meta={"avg_watts": watts},
                )
        if not plan.exercises and block is None:
            services.log_sets(self.ctx, "Plank", ["30s"], day=day)
        services.complete_session(self.ctx)
        self.logged[day] = done
        return plan

    def live(self, days: Iterable[dt.date]) -> None:
        for day in days:
            self.train(day)

    def loads(self, lift: str) -> list[tuple[dt.date, float, Plan]]:
        """(day, prescribed load, plan) of every plan that loaded `lift`, oldest first."""
        found = []
        for day, plan in sorted(self.plans.items()):
            for item in plan.exercises:
                if item.name == lift and item.load_kg is not None:
                    found.append((day, item.load_kg, plan))
        return found


def four_days_a_week(start: dt.date, weeks: int) -> list[dt.date]:
    """Monday, Tuesday, Thursday and Friday of each week from `start` (a Monday)."""
    return [
        start + dt.timedelta(days=7 * week + offset)
        for week in range(weeks)
        for offset in (0, 1, 3, 4)
    ]


def steady_gain(per_week: float, start: dt.date) -> TrueMax:
    """True 1RMs that grow by `per_week` (a fraction) every week from `start`."""

    def true_max(lift: str, day: dt.date) -> float:
        weeks = (day - start).days / 7
        return STARTING_1RM[lift] * (1 + per_week * weeks)

    return true_max
