"""The athlete model for strength: exposures per lift and a smoothed, detrained e1RM estimate.

Recomputed from `History` every time (so it never disagrees with it), over the rules'
e1RM window only. A set with RPE reads the RTS chart (`engine.rpe`); a set without one
uses the profile's formula. Session estimates are smoothed oldest first: a new best is
taken quickly, a bad day slowly (`E1RMRules.smoothing_up/down`); a single at RPE 10 or
an explicit 1RM from the profile is a tested max and replaces the estimate outright.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from flux_cli.engine.e1rm import BRZYCKI_MAX_REPS, estimate_e1rm
from flux_cli.engine.rpe import rpe_e1rm
from flux_cli.engine.rules import E1RMRules
from flux_cli.engine.types import DatedSet, E1RMFormula, History, LiftTarget, LoggedSet

# A logged set within this fraction below the prescribed load still counts as at the load.
LOAD_TOLERANCE = 0.03
# A set logged this many RPE points above target is a harder day, not a met one.
RPE_SLACK = 0.5

Result = Literal["success", "failure", "partial"]


@dataclass(frozen=True, slots=True)
class Exposure:
    """One day's working sets of one lift, with what that day's plan asked for (if known)."""

    date: dt.date
    sets: tuple[LoggedSet, ...]
    target: LiftTarget | None
    deload: bool

    @property
    def top_load_kg(self) -> float | None:
        loads = [s.weight_kg for s in self.sets if s.weight_kg is not None]
        return max(loads) if loads else None

    def top_sets(self) -> list[LoggedSet]:
        """The sets at the day's top load (or every set when none has a load)."""
        top = self.top_load_kg
        return [s for s in self.sets if top is None or s.weight_kg == top]

    @property
    def result(self) -> Result | None:
        """How the day went against its target; None when nothing was prescribed (imports)."""
        target = self.target
        if target is None or target.reps is None:
            return None
        floor = None if target.load_kg is None else target.load_kg * (1 - LOAD_TOLERANCE)

        def at_load(logged: LoggedSet) -> bool:
            return floor is None or (logged.weight_kg or 0) >= floor

        loaded = [s for s in self.sets if at_load(s)]
        if any((s.reps or 0) < target.reps for s in loaded) or not loaded:
            return "failure"
        hits = sum(1 for s in loaded if (s.reps or 0) >= target.reps)
        if hits < target.sets:
            return "partial"
        rpes = [s.rpe for s in loaded if s.rpe is not None]
        if target.rpe is not None and rpes and max(rpes) > target.rpe + RPE_SLACK:
            return "partial"
        return "success"

    def describe(self) -> tuple[int, int | None, float | None, float | None]:
        """(sets, reps, load, RPE) of the top sets: the fewest reps and the highest RPE."""
        top = self.top_sets()
        reps = [s.reps for s in top if s.reps is not None]
        rpes = [s.rpe for s in top if s.rpe is not None]
        return len(top), min(reps) if reps else None, self.top_load_kg, max(rpes, default=None)


def exposures_of(history: History, name: str) -> list[Exposure]:
    """The lift's working days in the window, oldest first (warm-ups left out)."""
    by_day: dict[dt.date, list[LoggedSet]] = {}
    for dated in history.lift_sets.get(name, ()):
        if dated.set.metadata.get("set_type") == "warmup":
            continue
        by_day.setdefault(dated.date, []).append(dated.set)
    targets = history.lift_targets.get(name, {})
    return [
        Exposure(day, tuple(sets), targets.get(day), day in history.deload_dates)
        for day, sets in sorted(by_day.items())
    ]


def set_e1rm(logged: LoggedSet, formula: E1RMFormula, rules: E1RMRules) -> float | None:
    """One set's e1RM: by the RTS chart when it has an RPE, else by the profile's formula.

    Sets logged below `rules.rpe_floor` (easy work says little about a max), over
    `rules.max_reps` reps, or without a positive load say nothing.
    """
    return e1rm_of(logged.weight_kg, logged.reps, logged.rpe, formula, rules)


def e1rm_trend(
    rows: Iterable[tuple[dt.date, float, int, float | None]],
    formula: E1RMFormula,
    rules: E1RMRules,
) -> list[tuple[dt.date, float]]:
    """The best set e1RM of each day from `(date, weight_kg, reps, rpe)` working sets, oldest
    first: each set read as `set_e1rm` reads it, so a trend and a PR chart agree."""
    best: dict[dt.date, float] = {}
    for day, weight, reps, rpe in rows:
        value = e1rm_of(weight, reps, rpe, formula, rules)
        if value is not None and value > best.get(day, -1.0):
            best[day] = value
    return sorted(best.items())


def e1rm_of(
    weight: float | None,
    reps: int | None,
    rpe: float | None,
    formula: E1RMFormula,
    rules: E1RMRules,
) -> float | None:
    """`set_e1rm` of a set given by its numbers."""
    if weight is None or reps is None or not math.isfinite(weight) or weight <= 0:
        return None
    if not 1 <= reps <= min(rules.max_reps, BRZYCKI_MAX_REPS):
        return None
    if rpe is not None and rpe < rules.rpe_floor:
        return None
    if rpe is not None and rpe <= 10:
        by_chart = rpe_e1rm(weight, reps, rpe)
        if by_chart is not None:
            return by_chart
    return estimate_e1rm(weight, reps, formula)


def session_e1rm(exposure: Exposure, formula: E1RMFormula, rules: E1RMRules) -> float | None:
    """The best set e1RM of one day."""
    values = [v for s in exposure.sets if (v := set_e1rm(s, formula, rules)) is not None]
    return max(values) if values else None


def _tested_max(exposure: Exposure) -> float | None:
    """The heaviest single at RPE 10 that day: a tested 1RM."""
    singles = [
        s.weight_kg
        for s in exposure.sets
        if s.reps == 1 and s.rpe is not None and s.rpe >= 10 and s.weight_kg
    ]
    return max(singles) if singles else None


def _has_rpe(exposure: Exposure) -> bool:
    return any(s.rpe is not None for s in exposure.sets)


@dataclass(frozen=True, slots=True)
class Estimate:
    """A lift's e1RM today: `value` after detraining, `trained` before it."""

    value: float
    trained: float
    last_date: dt.date
    days_since: int
    tested: bool

    @property
    def detrained(self) -> bool:
        return self.value < self.trained


def detraining_factor(days_since: int, rules: E1RMRules) -> float:
    """The share of an e1RM kept after `days_since` days without the lift."""
    if days_since <= rules.detrain_after_days:
        return 1.0
    weeks = (days_since - rules.detrain_after_days) / 7
    return max(rules.detrain_floor, 1 - rules.detrain_per_week * weeks)


def smooth(previous: float, session: float, rules: E1RMRules) -> float:
    """The running estimate after a session: up fast, down slowly."""
    rate = rules.smoothing_up if session > previous else rules.smoothing_down
    return previous + rate * (session - previous)


def estimate(
    exposures: Sequence[Exposure],
    formula: E1RMFormula,
    rules: E1RMRules,
    today: dt.date,
    override: tuple[dt.date, float] | None = None,
) -> Estimate | None:
    """The smoothed e1RM as of `today`; None with no usable set and no explicit 1RM.

    Deload days without RPE may raise the estimate but never lower it (they are light on
    purpose, and a formula reads a light set as a weak one); with RPE they count as any day.
    """
    value: float | None = None
    tested = False
    last: dt.date | None = None
    events: list[tuple[dt.date, int, Exposure | None]] = [(e.date, 1, e) for e in exposures]
    if override is not None and override[0] <= today:
        events.append((override[0], 0, None))
    for day, _order, exposure in sorted(events, key=lambda item: (item[0], item[1])):
        if exposure is None:
            assert override is not None
            value, tested, last = override[1], True, day
            continue
        single = _tested_max(exposure)
        session = session_e1rm(exposure, formula, rules)
        if single is not None and (session is None or single >= session * 0.97):
            value, tested, last = single, True, day
            continue
        if session is None:
            continue
        last = day
        if value is None:
            value = session
        elif not (exposure.deload and session < value and not _has_rpe(exposure)):
            value = smooth(value, session, rules)
            tested = tested and session <= value
    if value is None or last is None:
        return None
    days = (today - last).days
    return Estimate(
        value=value * detraining_factor(days, rules),
        trained=value,
        last_date=last,
        days_since=days,
        tested=tested,
    )


def lift_estimate(
    history: History,
    name: str,
    formula: E1RMFormula,
    rules: E1RMRules,
    today: dt.date,
    override: tuple[dt.date, float] | None = None,
) -> Estimate | None:
    """`estimate` over the lift's exposures in `history`."""
    return estimate(exposures_of(history, name), formula, rules, today, override)


def best_set_e1rm(sets: Iterable[DatedSet], formula: E1RMFormula, rules: E1RMRules) -> float | None:
    """The highest single-set e1RM among working sets (for PR charts)."""
    values = [
        v
        for dated in sets
        if dated.set.metadata.get("set_type") != "warmup"
        and (v := set_e1rm(dated.set, formula, rules)) is not None
    ]
    return max(values) if values else None


@dataclass(frozen=True, slots=True)
class StrengthIndex:
    """A pattern's strength now against the start of the window: 100 = unchanged."""

    pattern: str
    lift: str
    index: float
    e1rm_kg: float
    reference_kg: float
    reference_date: dt.date


def strength_index(
    patterns_to_lifts: Sequence[tuple[str, str]],
    history: History,
    formula: E1RMFormula,
    rules: E1RMRules,
    today: dt.date,
) -> list[StrengthIndex]:
    """Pattern Strength Index: each pattern's lead lift, e1RM today ÷ its first estimate in the
    rules' window × 100 (patterns whose lead lift has no estimate are left out)."""
    found = []
    for pattern, lift in patterns_to_lifts:
        exposures = exposures_of(history, lift)
        now = estimate(exposures, formula, rules, today)
        first = next((e for e in exposures if session_e1rm(e, formula, rules) is not None), None)
        if now is None or first is None:
            continue
        reference = estimate([first], formula, rules, first.date + dt.timedelta(days=1))
        if reference is None or reference.trained <= 0:
            continue
        found.append(
            StrengthIndex(
                pattern=pattern,
                lift=lift,
                index=round(now.value / reference.trained * 100, 1),
                e1rm_kg=round(now.value, 1),
                reference_kg=round(reference.trained, 1),
                reference_date=first.date,
            )
        )
    return found
