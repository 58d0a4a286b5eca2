"""Shared builders for engine tests: the default rules and small history factories."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from flux_cli.engine.rules import Rules
from flux_cli.engine.types import (
    ConditioningAttempt,
    ConditioningPlan,
    DatedSet,
    LoggedSet,
    PastSession,
)

CONFIG = Path(__file__).resolve().parents[2] / "config" / "program_config.yaml"
RULES_DATA: dict[str, Any] = yaml.safe_load(CONFIG.read_text())
RULES = Rules.model_validate(RULES_DATA)
TODAY = dt.date(2025, 6, 10)
GREEN = {"knee_pain": 2.0, "energy": 7.0}
ORANGE = {"knee_pain": 5.0, "energy": 7.0}
RED = {"knee_pain": 8.0, "energy": 7.0}


def rules_with(**changes: Any) -> Rules:
    """The default rules with top-level keys replaced."""
    return Rules.model_validate({**RULES_DATA, **changes})


def day(days_ago: int) -> dt.date:
    return TODAY - dt.timedelta(days=days_ago)


def session(days_ago: int, archetype: str | None, *patterns: str) -> PastSession:
    return PastSession(day(days_ago), archetype, frozenset(patterns))


def lift(name: str, weight_kg: float, reps: int, days_ago: int = 3, **meta: Any) -> DatedSet:
    return DatedSet(day(days_ago), LoggedSet(name, weight_kg=weight_kg, reps=reps, metadata=meta))


def conditioning_plan(
    protocol: str, level: int, ftp_watts: float | None = 250, rules: Rules = RULES
) -> ConditioningPlan:
    """The prescription the planner would give for `protocol` at `level`."""
    spec = rules.protocols[protocol]
    step = spec.levels[level - 1]
    return ConditioningPlan(
        protocol=protocol,
        kind=spec.kind,
        level=level,
        exercise=spec.exercise,
        rounds=step.rounds,
        work_s=step.work_s,
        rest_s=step.rest_s,
        intensity=step.intensity,
        target_watts=None if ftp_watts is None else round(ftp_watts * step.intensity),
    )


def intervals(
    count: int, seconds: float, watts: float | None, exercise: str = "Air Bike"
) -> tuple[LoggedSet, ...]:
    """`count` logged intervals; `watts=None` leaves avg_watts out of the metadata."""
    meta = {} if watts is None else {"avg_watts": watts}
    return tuple(LoggedSet(exercise, seconds=seconds, metadata=meta) for _ in range(count))


def attempt(
    protocol: str, level: int, sets: tuple[LoggedSet, ...], days_ago: int = 5
) -> ConditioningAttempt:
    return ConditioningAttempt(day(days_ago), conditioning_plan(protocol, level), sets)


def full(protocol: str, level: int) -> tuple[LoggedSet, ...]:
    """Every interval of the level logged at its target."""
    plan = conditioning_plan(protocol, level)
    return intervals(plan.rounds, plan.work_s, plan.target_watts, plan.exercise)
