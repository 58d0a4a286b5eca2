"""Personal records per exercise: e1RM, 1/3/5/10-rep maxes, heaviest single, best set volume.

Computed from *candidate* sets: for each (reps, RPE) the heaviest set (storage answers
this with one aggregate, so PR charts never replay all history). Within one (reps, RPE)
group every record grows with the weight, so the heaviest set of each group is the only
one that can hold any record. Deload sessions never reach here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pydantic import BaseModel, Field

from flux_cli.engine.athlete import set_e1rm
from flux_cli.engine.rules import E1RMRules
from flux_cli.engine.types import E1RMFormula, LoggedSet

REP_MAXES: tuple[int, ...] = (1, 3, 5, 10)


@dataclass(frozen=True, slots=True)
class Candidate:
    """The heaviest set of one exercise for one (reps, RPE), and the first day it was done."""

    reps: int
    rpe: float | None
    weight_kg: float
    date: dt.date


class Record(BaseModel):
    """One record: its value (kg, or kg × reps for volume), the set that made it, and when."""

    value: float
    weight_kg: float
    reps: int
    date: dt.date


class Records(BaseModel):
    """An exercise's PR chart; a record missing was never set."""

    exercise: str
    e1rm: Record | None = None
    rep_maxes: dict[str, Record] = Field(default_factory=dict)
    heaviest_single: Record | None = None
    best_set_volume: Record | None = None


def _better(new: Record, old: Record | None) -> bool:
    # Ties keep the older record: a PR must be beaten, not matched.
    return old is None or new.value > old.value + 1e-9


def records(
    exercise: str,
    candidates: Iterable[Candidate],
    formula: E1RMFormula,
    rules: E1RMRules,
) -> Records:
    """The PR chart from candidate sets (oldest first wins ties)."""
    chart = Records(exercise=exercise)
    for c in sorted(candidates, key=lambda c: (c.date, -c.weight_kg)):
        if c.reps < 1 or c.weight_kg <= 0:
            continue
        logged = LoggedSet(exercise, weight_kg=c.weight_kg, reps=c.reps, rpe=c.rpe)
        e1rm = set_e1rm(logged, formula, rules)
        if e1rm is not None:
            record = Record(value=round(e1rm, 2), weight_kg=c.weight_kg, reps=c.reps, date=c.date)
            if _better(record, chart.e1rm):
                chart.e1rm = record
        for reps in REP_MAXES:
            if c.reps >= reps:
                record = Record(value=c.weight_kg, weight_kg=c.weight_kg, reps=c.reps, date=c.date)
                if _better(record, chart.rep_maxes.get(str(reps))):
                    chart.rep_maxes[str(reps)] = record
        if c.reps == 1:
            record = Record(value=c.weight_kg, weight_kg=c.weight_kg, reps=1, date=c.date)
            if _better(record, chart.heaviest_single):
                chart.heaviest_single = record
        volume = Record(
            value=round(c.weight_kg * c.reps, 2), weight_kg=c.weight_kg, reps=c.reps, date=c.date
        )
        if _better(volume, chart.best_set_volume):
            chart.best_set_volume = volume
    return chart


def candidates_of(sets: Sequence[LoggedSet], day: dt.date) -> list[Candidate]:
    """One day's working sets as candidates (warm-ups and sets without a load left out)."""
    return [
        Candidate(s.reps, s.rpe, s.weight_kg, day)
        for s in sets
        if s.reps is not None
        and s.reps >= 1
        and s.weight_kg is not None
        and s.weight_kg > 0
        and s.metadata.get("set_type") != "warmup"
    ]


def broken(before: Records, after: Records) -> list[str]:
    """The records `after` holds that `before` did not (keys like `e1rm`, `5rm`, `volume`)."""
    found = []
    if after.e1rm is not None and _better(after.e1rm, before.e1rm):
        found.append("e1rm")
    for reps in REP_MAXES:
        new = after.rep_maxes.get(str(reps))
        if new is not None and _better(new, before.rep_maxes.get(str(reps))):
            found.append(f"{reps}rm")
    if after.heaviest_single is not None and _better(after.heaviest_single, before.heaviest_single):
        found.append("heaviest_single")
    if after.best_set_volume is not None and _better(after.best_set_volume, before.best_set_volume):
        found.append("volume")
    return found
