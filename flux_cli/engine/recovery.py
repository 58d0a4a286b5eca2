"""Per-muscle fatigue and recovery from sets, activities and soreness (DESIGN §3).

Each logged set loads its exercise's primary muscles at 1.0 and secondary at 0.5 (the
rules' weights); each activity loads the muscles of the regions its type uses, one set per
`points_per_set` of its load. Fatigue decays exponentially per muscle group, to 5% after
the group's recovery days. Reported soreness s counts s·(1−r)^days (the Gainsly seed).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass

from flux_cli.engine.body import BodyHistory
from flux_cli.engine.body_rules import Region
from flux_cli.engine.load import LoadEntry, activity_load, load_entries
from flux_cli.engine.rules import Rules

# Fatigue left after a muscle group's recovery days: e^(-k·days) = 5%, k = ln 20 / days.
RESIDUAL_AT_RECOVERY = 0.05
SORENESS_MAX = 10.0


def decay(age_days: float, recovery_days: float) -> float:
    """The fraction of fatigue left `age_days` after it was made."""
    rate = math.log(1 / RESIDUAL_AT_RECOVERY) / recovery_days
    return math.exp(-rate * max(0.0, age_days))


def soreness_left(value: float, age_days: float, decay_rate: float) -> float:
    """Soreness `value` reported `age_days` ago, now: s·(1−r)^days."""
    return float(max(0.0, value) * (1 - decay_rate) ** max(0.0, age_days))


def _age(day: dt.date, as_of: dt.date) -> int:
    return (as_of - day).days


def activity_muscles(rules: Rules, kind: str) -> list[str]:
    """The muscles an activity type loads, through the regions the rules map it to."""
    regions = rules.regions.region_map(rules)
    names = rules.recovery.activity_regions.get(kind, rules.recovery.default_activity_regions)
    muscles: list[str] = []
    for name in names:
        for muscle in regions.get(name, Region()).muscles:
            if muscle not in muscles:
                muscles.append(muscle)
    return muscles


def muscle_fatigue(
    body: BodyHistory, rules: Rules, ftp_watts: float | None = None
) -> dict[str, float]:
    """Hard-set equivalents of fatigue left in each muscle group going into `body.as_of`."""
    recovery = rules.recovery
    since = body.as_of - dt.timedelta(days=recovery.window_days)
    fatigue = dict.fromkeys(recovery.recovery_days, 0.0)

    def add(muscle: str, amount: float, age: int) -> None:
        group = recovery.muscle_named(muscle)
        if group is not None:
            fatigue[group] += amount * decay(age, recovery.recovery_days[group])

    for logged in body.sets:
        if not since <= logged.date < body.as_of:
            continue
        facts = body.exercises.get(logged.exercise)
        if facts is None:
            continue
        age = _age(logged.date, body.as_of)
        for muscle in facts.primary:
            add(muscle, recovery.primary_weight, age)
        for muscle in facts.secondary:
            add(muscle, recovery.secondary_weight, age)
    for activity in body.activities:
        if not since <= activity.date < body.as_of:
            continue
        sets = activity_load(activity, ftp_watts, rules.load).points / recovery.points_per_set
        for muscle in activity_muscles(rules, activity.kind):
            add(muscle, sets, _age(activity.date, body.as_of))
    return fatigue


def soreness_now(body: BodyHistory, rules: Rules) -> dict[str, float]:
    """Each muscle group's reported soreness as it stands going into `body.as_of` (latest log)."""
    since = body.as_of - dt.timedelta(days=rules.recovery.window_days)
    latest: dict[str, tuple[dt.date, float]] = {}
    for log in body.soreness:
        group = rules.recovery.muscle_named(log.muscle)
        # Reported like readiness: the day's own report counts for that day.
        if group is None or not since <= log.date <= body.as_of:
            continue
        if group not in latest or log.date >= latest[group][0]:
            latest[group] = (log.date, log.value)
    return {
        group: soreness_left(value, _age(day, body.as_of), rules.recovery.soreness_decay)
        for group, (day, value) in latest.items()
    }


def recovery_percent(
    body: BodyHistory, rules: Rules, ftp_watts: float | None = None
) -> dict[str, int]:
    """Per muscle group, 0-100 %: 100 less fatigue (of `sets_to_exhaust`) less soreness."""
    fatigue = muscle_fatigue(body, rules, ftp_watts)
    sore = soreness_now(body, rules)
    percent = {}
    for muscle, sets in fatigue.items():
        spent = sets / rules.recovery.sets_to_exhaust + sore.get(muscle, 0.0) / SORENESS_MAX
        percent[muscle] = round(100 * (1 - min(1.0, spent)))
    return percent


@dataclass(frozen=True, slots=True)
class RegionDay:
    """The load one region took on one day, and the entries it came from."""

    points: float
    entries: tuple[LoadEntry, ...]


def region_load_on(
    body: BodyHistory, rules: Rules, region_name: str, day: dt.date, ftp_watts: float | None
) -> RegionDay:
    """Load points on `region_name` on `day`: activities of the types that use the region,
    and sessions by the share of that day's sets that load it."""
    region = rules.regions.region_map(rules).get(region_name, Region())
    entries = [entry for entry in load_entries(body, ftp_watts, rules.load) if entry.date == day]
    points = 0.0
    used: list[LoadEntry] = []
    day_sets = [logged for logged in body.sets if logged.date == day]
    loading = [logged for logged in day_sets if loads_region(body, logged.exercise, region)]
    share = len(loading) / len(day_sets) if day_sets else 0.0
    for entry in entries:
        if entry.what == "session":
            part = entry.points * share
        else:
            names = rules.recovery.activity_regions.get(
                entry.what, rules.recovery.default_activity_regions
            )
            part = entry.points if region_name in names else 0.0
        if part > 0:
            points += part
            used.append(entry)
    return RegionDay(points, tuple(used))


def loads_region(body: BodyHistory, exercise: str, region: Region) -> bool:
    """Whether an exercise loads a region: by its pattern or a primary muscle."""
    facts = body.exercises.get(exercise)
    if facts is None:
        return False
    if facts.pattern is not None and facts.pattern in region.patterns:
        return True
    return any(muscle in region.muscles for muscle in facts.primary)


def lowest_first(percent: Mapping[str, int]) -> list[tuple[str, int]]:
    """Muscle groups least recovered first; ties in the rules' order."""
    order = list(percent)
    return sorted(percent.items(), key=lambda item: (item[1], order.index(item[0])))
