"""Modifiers of the day: deloads (time and performance triggers), layoffs, rest days.

Each decision is data with its reason in plain words, for the plan's rationale. Other
triggers (fatigue from the load ledger) join through `extra_triggers`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from flux_cli.engine.athlete import Exposure, session_e1rm
from flux_cli.engine.rules import Rules
from flux_cli.engine.strength import failure_streak
from flux_cli.engine.types import E1RMFormula, History


@dataclass(frozen=True, slots=True)
class DeloadDecision:
    """A deload in force today: why, from which day, until which day (inclusive)."""

    reason: str
    started: dt.date
    until: dt.date


def last_trained(history: History) -> dt.date | None:
    """The latest day with a completed session of any kind."""
    days = [
        *history.training_dates,
        *history.archetype_last_done.values(),
        *history.pattern_last_trained.values(),
        *(attempt.date for attempt in history.conditioning),
        *(sets[-1].date for sets in history.lift_sets.values() if sets),
    ]
    return max(days, default=None)


def days_off(history: History, today: dt.date) -> int | None:
    """Days since the last training day; None for an athlete with no history."""
    last = last_trained(history)
    return None if last is None else (today - last).days


def returning_days_off(rules: Rules, history: History, today: dt.date) -> int | None:
    """Days off when today ends a layoff longer than the rules' gap, else None."""
    off = days_off(history, today)
    return off if off is not None and off > rules.layoff.gap_days else None


def block_start(dates: Sequence[dt.date], gap_days: int, today: dt.date) -> dt.date | None:
    """The first day of the current run of training (no gap longer than `gap_days`)."""
    ordered = sorted(dates)
    if not ordered or (today - ordered[-1]).days > gap_days:
        return None
    start = ordered[-1]
    for earlier in reversed(ordered[:-1]):
        if (start - earlier).days > gap_days:
            break
        start = earlier
    return start


def days_in_a_row(history: History, today: dt.date) -> int:
    """Consecutive training days ending yesterday."""
    dates = set(history.training_dates)
    count = 0
    day = today - dt.timedelta(days=1)
    while day in dates:
        count += 1
        day -= dt.timedelta(days=1)
    return count


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _performance_triggers(
    rules: Rules,
    lead_lifts: Mapping[str, list[Exposure]],
    formula: E1RMFormula,
    since: dt.date | None,
) -> list[str]:
    settings = rules.deload
    down: list[tuple[str, float]] = []
    failing: list[str] = []
    for name, exposures in lead_lifts.items():
        recent = [e for e in exposures if not e.deload and (since is None or e.date > since)]
        if failure_streak(recent) >= settings.failed_exposures:
            failing.append(name)
        window = recent[-(settings.exposures + 1) :]
        values = [session_e1rm(e, formula, rules.e1rm) for e in window]
        if len(values) < 2 or values[-1] is None:
            continue
        earlier = [v for v in values[:-1] if v is not None]
        if not earlier:
            continue
        best = max(earlier)
        drop = 1 - values[-1] / best
        if drop >= settings.e1rm_drop:
            down.append((name, drop))
    triggers: list[str] = []
    if len(down) >= settings.min_lifts:
        names = " and ".join(name for name, _ in down)
        worst = max(drop for _, drop in down)
        triggers.append(
            f"{names} e1RM down {round(worst * 100)}% over {_plural(settings.exposures, 'session')}"
        )
    for name in failing:
        triggers.append(f"{name}: {settings.failed_exposures} failed sessions in a row")
    return triggers


def decide_deload(
    rules: Rules,
    history: History,
    today: dt.date,
    lead_lifts: Mapping[str, list[Exposure]],
    formula: E1RMFormula,
    extra_triggers: Sequence[str] = (),
) -> DeloadDecision | None:
    """The deload in force today, continuing or newly triggered, or None.

    Time: `every_weeks` of training (no layoff) since the last deload. Performance and
    failures: see `DeloadRules`. `extra_triggers` are reasons found elsewhere (fatigue).
    """
    settings = rules.deload
    mark = history.last_deload
    if mark is not None and mark.started <= today <= mark.until:
        return DeloadDecision(mark.reason, mark.started, mark.until)
    since = None if mark is None else mark.until
    triggers: list[str] = []
    start = block_start(history.training_dates, rules.layoff.gap_days, today)
    if start is not None and since is not None and start <= since:
        start = since + dt.timedelta(days=1)
    sessions = 0 if start is None else sum(1 for d in history.training_dates if d >= start)
    enough = settings.every_weeks * settings.min_sessions_per_week
    if (
        start is not None
        and (today - start).days >= settings.every_weeks * 7
        and sessions >= enough
    ):
        weeks = (today - start).days // 7
        what = "since the last deload" if mark is not None else "of training without one"
        triggers.append(f"{_plural(weeks, 'week')} {what}")
    triggers += _performance_triggers(rules, lead_lifts, formula, since)
    triggers += list(extra_triggers)
    if not triggers:
        return None
    until = today + dt.timedelta(days=settings.lasts_days - 1)
    return DeloadDecision("; ".join(triggers), today, until)
