"""Trends: the daily PMC, weekly load and hard sets per muscle group over the last weeks, and
each week's sets against the rules' weekly targets.

A hard set: a logged set of a completed session not logged at RPE
`rotation.ignore_rpe_at_or_below` or lower (the rotation's own rule for what trains a
pattern); it counts `recovery.primary_weight` for each primary muscle and
`recovery.secondary_weight` for each secondary one, as composition counts weekly sets. The
targets are composition's `weekly_targets` (floor and cap per muscle group): one source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from flux_cli.engine.body import BodyHistory
from flux_cli.engine.load import PmcDay, pmc_window
from flux_cli.engine.rules import Rules


@dataclass(frozen=True, slots=True)
class WeekTrend:
    """One week (starting `start`): its load, sessions, activities and hard sets per muscle
    group (weighted, see the module docstring)."""

    start: dt.date
    load: float = 0.0
    sessions: int = 0
    activities: int = 0
    sets_by_muscle: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Trends:
    days: list[PmcDay]
    weeks: list[WeekTrend]


def weekly_trends(body: BodyHistory, rules: Rules, ftp_watts: float | None, weeks: int) -> Trends:
    """The last `weeks` weeks before `body.as_of`, oldest first (weeks end the day before)."""
    entries, days = pmc_window(body, ftp_watts, rules.load)
    first = body.as_of - dt.timedelta(days=weeks * 7)
    starts = [first + dt.timedelta(days=7 * index) for index in range(weeks)]

    def week_of(day: dt.date) -> int | None:
        index = (day - first).days // 7
        return index if 0 <= index < weeks and day < body.as_of else None

    loads = [0.0] * weeks
    sessions = [0] * weeks
    activities = [0] * weeks
    sets: list[dict[str, float]] = [{} for _ in range(weeks)]
    for entry in entries:
        index = week_of(entry.date)
        if index is None:
            continue
        loads[index] += entry.points
        if entry.what == "session":
            sessions[index] += 1
        else:
            activities[index] += 1
    recovery = rules.recovery
    easy = rules.rotation.ignore_rpe_at_or_below
    for logged in body.sets:
        index = week_of(logged.date)
        facts = body.exercises.get(logged.exercise)
        if index is None or facts is None or (logged.rpe is not None and logged.rpe <= easy):
            continue
        for muscles, weight in (
            (facts.primary, recovery.primary_weight),
            (facts.secondary, recovery.secondary_weight),
        ):
            for muscle in muscles:
                group = recovery.muscle_named(muscle)
                if group is not None:
                    sets[index][group] = sets[index].get(group, 0.0) + weight
    return Trends(
        days=[day for day in days if day.date >= first],
        weeks=[
            WeekTrend(
                starts[i],
                round(loads[i], 1),
                sessions[i],
                activities[i],
                {m: round(v, 1) for m, v in sorted(sets[i].items())},
            )
            for i in range(weeks)
        ],
    )


VolumeStatus = Literal["below", "within", "above"]


@dataclass(frozen=True, slots=True)
class MuscleVolume:
    """A muscle group's hard sets in a week against its weekly target (floor–cap)."""

    muscle: str
    sets: float
    floor: float
    cap: float
    status: VolumeStatus


def weekly_volume(
    sets: Mapping[str, float], targets: Mapping[str, tuple[float, float]]
) -> list[MuscleVolume]:
    """Each targeted muscle group's week against its (floor, cap), in the targets' order.

    Below the floor is `below`, over the cap `above`, anything from floor to cap `within`.
    Groups without a target are left out: the rules ask nothing of them.
    """
    found = []
    for muscle, (floor, cap) in targets.items():
        done = round(sets.get(muscle, 0.0), 1)
        status: VolumeStatus = "below" if done < floor else "above" if done > cap else "within"
        found.append(MuscleVolume(muscle, done, floor, cap, status))
    return found
