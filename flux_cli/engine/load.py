"""The daily training-load ledger: each day's load, fitness, fatigue and form (DESIGN §3).

Load is in points where one hour at FTP is 100 (Coggan's TSS). A flux session's load is
Foster's session RPE × minutes, converted at the rules' `au_per_point`; an activity's load
comes from power, else heart rate, else Strava's Relative Effort, else the rules' RPE for
its type × minutes. ATL/CTL/TSB follow GoldenCheetah's PMC; ACWR is a rolling-average ratio.
All of it is computed over the rules' window before the day, never over all history.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

from flux_cli.engine.body import ActivityLoad, BodyHistory, SessionLoad
from flux_cli.engine.body_rules import LoadRules, Zone

# Coggan's TSS (Allen & Coggan, "Training and Racing with a Power Meter", 2nd ed., ch. 7):
# TSS = hours × IF² × 100, IF = power ÷ FTP; one hour at FTP scores 100. Without a power
# file flux uses average power for IF (an underestimate of normalized power on surges).
TSS_PER_HOUR_AT_FTP = 100.0
# Banister's TRIMP (Morton, Fitz-Clarke & Banister 1990, J Appl Physiol 69:1171):
# TRIMP = minutes × ΔHR × 0.64 × e^(1.92 × ΔHR), ΔHR the fraction of heart-rate reserve.
# Below this an FTP is a typo, not a benchmark: power-based load then falls back to heart rate.
MIN_FTP_WATTS = 30.0
TRIMP_A = 0.64
TRIMP_B = 1.92

LoadSource = Literal[
    "session_rpe",
    "set_rpe",
    "default_rpe",
    "power",
    "heart_rate",
    "relative_effort",
    "activity_rpe",
]


def foster_load(session_rpe: float, minutes: float) -> float:
    """Foster's session load (Foster et al. 2001, J Strength Cond Res 15:109): RPE × minutes, AU."""
    return max(0.0, session_rpe) * max(0.0, minutes)


def tss(hours: float, avg_watts: float, ftp_watts: float) -> float:
    """Coggan's Training Stress Score from duration and (average) power."""
    intensity_factor = avg_watts / ftp_watts
    return max(0.0, hours) * intensity_factor**2 * TSS_PER_HOUR_AT_FTP


def trimp(minutes: float, avg_hr: float, rest_hr: float, max_hr: float) -> float:
    """Banister's TRIMP; heart rates outside rest..max are clamped to it."""
    reserve = min(1.0, max(0.0, (avg_hr - rest_hr) / (max_hr - rest_hr)))
    return max(0.0, minutes) * reserve * TRIMP_A * math.exp(TRIMP_B * reserve)


def hr_points(minutes: float, avg_hr: float, rules: LoadRules) -> float:
    """TRIMP scaled so an hour at threshold heart rate scores 100, as TSS does (an hrTSS)."""
    hour_at_threshold = trimp(60, rules.hr_threshold, rules.hr_rest, rules.hr_max)
    return trimp(minutes, avg_hr, rules.hr_rest, rules.hr_max) / hour_at_threshold * 100


@dataclass(frozen=True, slots=True)
class LoadEntry:
    """One session's or activity's load, with where it came from in plain words."""

    date: dt.date
    name: str
    points: float
    source: LoadSource
    minutes: float
    what: str  # "Ride", "session"
    note: str = ""


def session_minutes(session: SessionLoad, rules: LoadRules) -> float:
    """Reported minutes, else timed work plus the rules' minutes per set."""
    if session.minutes is not None and session.minutes > 0:
        return min(session.minutes, rules.max_session_minutes)
    estimate = session.work_seconds / 60 + session.set_count * rules.minutes_per_set
    return min(estimate, rules.max_session_minutes)


def session_load(session: SessionLoad, rules: LoadRules) -> LoadEntry:
    """A flux session's load: session RPE (reported, else the sets' mean) × minutes."""
    source: LoadSource
    if session.session_rpe is not None:
        rpe, source = session.session_rpe, "session_rpe"
    elif session.set_rpes:
        rpe, source = sum(session.set_rpes) / len(session.set_rpes), "set_rpe"
    else:
        rpe, source = rules.default_session_rpe, "default_rpe"
    minutes = session_minutes(session, rules)
    points = foster_load(rpe, minutes) / rules.au_per_point
    return LoadEntry(session.date, session.name, points, source, minutes, "session")


def activity_minutes(activity: ActivityLoad) -> float:
    return max(0.0, activity.minutes or 0.0)


def activity_load(activity: ActivityLoad, ftp_watts: float | None, rules: LoadRules) -> LoadEntry:
    """An activity's load: power, else heart rate, else Relative Effort, else RPE × minutes."""
    minutes = activity_minutes(activity)
    note = ""
    source: LoadSource
    watts = activity.avg_watts or 0.0
    if watts > 0 and ftp_watts is not None and ftp_watts >= MIN_FTP_WATTS and minutes > 0:
        points, source = tss(minutes / 60, watts, ftp_watts), "power"
    elif activity.avg_hr is not None and activity.avg_hr > 0 and minutes > 0:
        points, source = hr_points(minutes, activity.avg_hr, rules), "heart_rate"
    elif activity.relative_effort and activity.relative_effort > 0:
        points = activity.relative_effort * rules.relative_effort_points
        source = "relative_effort"
    else:
        rpe = rules.activity_rpe.get(activity.kind)
        if rpe is None:
            rpe = rules.default_activity_rpe
            note = f"activity type '{activity.kind}' is not in the rules: RPE {rpe:g} assumed"
        points, source = foster_load(rpe, minutes) / rules.au_per_point, "activity_rpe"
    return LoadEntry(
        activity.date, activity.name, max(0.0, points), source, minutes, activity.kind, note
    )


def load_entries(body: BodyHistory, ftp_watts: float | None, rules: LoadRules) -> list[LoadEntry]:
    """Every session's and activity's load in the window, oldest first."""
    start = body.as_of - dt.timedelta(days=rules.window_days)
    entries = [session_load(s, rules) for s in body.sessions if start <= s.date < body.as_of]
    entries += [
        activity_load(a, ftp_watts, rules) for a in body.activities if start <= a.date < body.as_of
    ]
    return sorted(entries, key=lambda entry: (entry.date, entry.what, entry.name))


def daily_loads(entries: Iterable[LoadEntry]) -> dict[dt.date, float]:
    """Total load per day."""
    days: dict[dt.date, float] = {}
    for entry in entries:
        days[entry.date] = days.get(entry.date, 0.0) + entry.points
    return days


@dataclass(frozen=True, slots=True)
class PmcDay:
    """GoldenCheetah's PMC for one day: its load, ATL and CTL after it, TSB going into it."""

    date: dt.date
    load: float
    atl: float
    ctl: float
    tsb: float


def pmc(
    daily: Mapping[dt.date, float], start: dt.date, end: dt.date, rules: LoadRules
) -> list[PmcDay]:
    """ATL/CTL/TSB for each day from `start` to `end` inclusive, starting from zero.

    GoldenCheetah src/Metrics/PMCData.cpp: with ste = e^(-1/stsDays), lte = e^(-1/ltsDays),
    sts[d] = load[d]·(1−ste) + sts[d−1]·ste (ATL), lts likewise (CTL), and the stress
    balance going into day d is sb[d] = lts[d−1] − sts[d−1] (TSB).
    """
    short_decay = math.exp(-1.0 / rules.atl_days)
    long_decay = math.exp(-1.0 / rules.ctl_days)
    atl = ctl = 0.0
    days: list[PmcDay] = []
    day = start
    while day <= end:
        tsb = ctl - atl
        load = daily.get(day, 0.0)
        atl = load * (1 - short_decay) + atl * short_decay
        ctl = load * (1 - long_decay) + ctl * long_decay
        days.append(PmcDay(day, load, atl, ctl, tsb))
        day += dt.timedelta(days=1)
    return days


def acwr(daily: Mapping[dt.date, float], today: dt.date, rules: LoadRules) -> float | None:
    """Acute:chronic workload ratio going into `today` (rolling averages, Hulin et al. 2014,
    Br J Sports Med 48:708), or None until `chronic_days` of data exist or when it is 0."""
    loaded = [day for day, load in daily.items() if load > 0 and day < today]
    if not loaded or min(loaded) > today - dt.timedelta(days=rules.chronic_days):
        return None

    def mean_over(days: int) -> float:
        since = today - dt.timedelta(days=days)
        return sum(load for day, load in daily.items() if since <= day < today) / days

    chronic = mean_over(rules.chronic_days)
    return None if chronic <= 0 else mean_over(rules.acute_days) / chronic


def zone_of(value: float | None, zones: Sequence[Zone]) -> str | None:
    """The label of the first zone whose `above` `value` exceeds (the last catches all)."""
    if value is None:
        return None
    for zone in zones:
        if zone.above is None or value > zone.above:
            return zone.label
    return None


class LoadSummary(BaseModel):
    """Plan JSON `load`: fatigue (ATL), fitness (CTL), form (TSB) and ACWR going into a day."""

    atl: float
    ctl: float
    tsb: float
    acwr: float | None
    tsb_zone: str | None = None
    acwr_zone: str | None = None
    yesterday: float = 0.0
    week: float = 0.0


def pmc_window(
    body: BodyHistory, ftp_watts: float | None, rules: LoadRules
) -> tuple[list[LoadEntry], list[PmcDay]]:
    """The window's entries and the PMC for every day of it up to the day before `as_of`."""
    entries = load_entries(body, ftp_watts, rules)
    start = body.as_of - dt.timedelta(days=rules.window_days)
    return entries, pmc(daily_loads(entries), start, body.as_of - dt.timedelta(days=1), rules)


def load_summary(body: BodyHistory, ftp_watts: float | None, rules: LoadRules) -> LoadSummary:
    """ATL and CTL after yesterday, TSB for today (CTL − ATL), ACWR, and their zones."""
    entries, days = pmc_window(body, ftp_watts, rules)
    daily = daily_loads(entries)
    last = days[-1]
    tsb = last.ctl - last.atl
    ratio = acwr(daily, body.as_of, rules)
    week_start = body.as_of - dt.timedelta(days=7)
    return LoadSummary(
        atl=round(last.atl, 1),
        ctl=round(last.ctl, 1),
        tsb=round(tsb, 1),
        acwr=None if ratio is None else round(ratio, 2),
        tsb_zone=zone_of(tsb, rules.tsb_zones),
        acwr_zone=zone_of(ratio, rules.acwr_zones),
        yesterday=round(last.load, 1),
        week=round(sum(load for day, load in daily.items() if day >= week_start), 1),
    )
