"""Modifiers of the day: deloads (time and performance triggers), layoffs, rest days.

Each decision is data with its reason in plain words, for the plan's rationale. Fatigue
triggers come from the load ledger (`engine.fatigue`); other callers' reasons join through
`extra_triggers`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from flux_cli.engine.athlete import LOAD_TOLERANCE, Exposure, session_e1rm
from flux_cli.engine.conditions import format_number
from flux_cli.engine.fatigue import fatigue_deload_reasons
from flux_cli.engine.rules import Rules
from flux_cli.engine.strength import failure_streak
from flux_cli.engine.types import DeloadMark, E1RMFormula, History


@dataclass(frozen=True, slots=True)
class DeloadDecision:
    """A deload in force today: why, from which day, until which day (inclusive).

    A deload declared in sessions also carries how many (`sessions`) and which one
    today's is (`session`, from 1).
    """

    reason: str
    started: dt.date
    until: dt.date
    sessions: int | None = None
    session: int | None = None


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


def _same_work(a: Exposure, b: Exposure) -> bool:
    """Both days' top sets at the same load (within the load tolerance) and reps."""
    load_a, load_b = a.top_load_kg, b.top_load_kg
    if load_a is None or load_b is None or load_a <= 0:
        return False
    reps_a = {s.reps for s in a.top_sets()}
    reps_b = {s.reps for s in b.top_sets()}
    return abs(load_b - load_a) <= LOAD_TOLERANCE * load_a and reps_a == reps_b


def top_rpe(exposure: Exposure) -> float | None:
    """The mean RPE of the day's top sets that have one, else None."""
    rpes = [s.rpe for s in exposure.top_sets() if s.rpe is not None]
    return sum(rpes) / len(rpes) if rpes else None


def rpe_creep(exposures: Sequence[Exposure], count: int) -> tuple[float, float] | None:
    """(first, last) RPE when the last `count` exposures are the same work and its RPE crept.

    Same work: the top sets of each at the first's load (within 3%) and reps. Crept: the
    last exposure's RPE is the highest of them; the caller compares last − first with the
    rules' `rpe_creep`. None when the exposures differ or lack an RPE.
    """
    window = list(exposures[-count:])
    if len(window) < count:
        return None
    rpes = [top_rpe(e) for e in window]
    if any(r is None for r in rpes) or not all(_same_work(window[0], e) for e in window[1:]):
        return None
    known = [r for r in rpes if r is not None]
    if known[-1] < max(known):
        return None
    return known[0], known[-1]


def _creep_triggers(
    rules: Rules, lead_lifts: Mapping[str, list[Exposure]], since: dt.date | None
) -> list[str]:
    settings = rules.deload
    crept: list[tuple[str, float, float, float]] = []
    for name, exposures in lead_lifts.items():
        recent = [e for e in exposures if not e.deload and (since is None or e.date > since)]
        found = rpe_creep(recent, settings.creep_exposures)
        if found is None or found[1] - found[0] < settings.rpe_creep - 1e-9:
            continue
        load = recent[-1].top_load_kg or 0
        crept.append((name, load, *found))
    if len(crept) < settings.creep_lifts:
        return []
    described = ", ".join(
        f"{name} {format_number(load)} kg from RPE {format_number(first)} to {format_number(last)}"
        for name, load, first, last in crept
    )
    return [
        f"RPE creeping at the same load over {_plural(settings.creep_exposures, 'session')}: "
        f"{described}"
    ]


def _deload_sessions_done(history: History, mark: DeloadMark, today: dt.date) -> list[dt.date]:
    """The days of the deload's sessions done before today (one per day)."""
    return sorted(d for d in history.deload_dates if mark.started <= d < today and d <= mark.until)


def _deload_end(history: History, mark: DeloadMark, today: dt.date) -> dt.date | None:
    """The last day of the latest deload, or None while it is still in force today.

    A deload in days ends on `until`; one in sessions on the day of its last session, or
    on `until` when the athlete did not get through them by then.
    """
    if mark.sessions is not None:
        done = _deload_sessions_done(history, mark, today)
        if len(done) >= mark.sessions:
            return done[mark.sessions - 1]
    if mark.started <= today <= mark.until:
        return None
    return mark.until


def decide_deload(
    rules: Rules,
    history: History,
    today: dt.date,
    lead_lifts: Mapping[str, list[Exposure]],
    formula: E1RMFormula,
    extra_triggers: Sequence[str] = (),
    ftp_watts: float | None = None,
) -> DeloadDecision | None:
    """The deload in force today, continuing or newly triggered, or None.

    Time: `every_weeks` of training (no layoff) since the last deload. Performance,
    failures and RPE creep: see `DeloadRules`. Fatigue (`engine.fatigue`, from
    `history.body`) and `extra_triggers` (reasons found elsewhere) count once a deload's
    length has passed since the last one ended: a deload week lowers the chronic load, so
    the first normal week after it reads as a spike that is not fatigue.
    """
    settings = rules.deload
    mark = history.last_deload
    since = None if mark is None else _deload_end(history, mark, today)
    if mark is not None and since is None:
        done = _deload_sessions_done(history, mark, today)
        if mark.sessions is None:
            return DeloadDecision(mark.reason, mark.started, mark.until)
        return DeloadDecision(mark.reason, mark.started, mark.until, mark.sessions, len(done) + 1)
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
    triggers += _creep_triggers(rules, lead_lifts, since)
    if mark is None or since is None or (today - since).days > (since - mark.started).days + 1:
        triggers += list(extra_triggers)
        if history.body is not None:
            triggers += fatigue_deload_reasons(rules, history.body, ftp_watts, since=since)
    if not triggers:
        return None
    until = today + dt.timedelta(days=settings.longest_days - 1)
    if settings.lasts_sessions is not None:
        return DeloadDecision("; ".join(triggers), today, until, settings.lasts_sessions, 1)
    return DeloadDecision("; ".join(triggers), today, until)
