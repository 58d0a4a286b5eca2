"""The body's use cases: soreness logs, recovery per muscle group, and load trends.

Each reads through one unit of work; `log_soreness` writes all of its values or none.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from flux_cli.errors import InputError
from flux_cli.services.base import (
    Context,
    known_profile,
    load_rules,
    profile_for_write,
    settings_of,
    unit_of_work,
)

if TYPE_CHECKING:
    from flux_cli.engine.load import LoadSummary
    from flux_cli.engine.records import Records
    from flux_cli.engine.rules import Rules
    from flux_cli.engine.trends import MuscleVolume
    from flux_cli.services.ports import UnitOfWork
    from flux_cli.storage.records import ProfileRecord

SORENESS_RANGE = (0.0, 10.0)
MAX_SESSION_MINUTES = 24 * 60
MAX_TREND_WEEKS = 104


def check_effort(session_rpe: float | None, minutes: float | None) -> None:
    """A session RPE from 1 to 10 and minutes from 1 to a day, or an input error."""
    if session_rpe is not None and not (math.isfinite(session_rpe) and 1 <= session_rpe <= 10):
        raise InputError(
            f"session RPE must be from 1 to 10, got {session_rpe:g}",
            hint="how hard the whole session felt, e.g. --rpe 7",
        )
    if minutes is not None and not (math.isfinite(minutes) and 0 < minutes <= MAX_SESSION_MINUTES):
        raise InputError(
            f"minutes must be above 0 and at most {MAX_SESSION_MINUTES}, got {minutes:g}",
            hint="the session's length, e.g. --minutes 60",
        )


def parse_soreness(rules: Rules, raw: Mapping[str, str]) -> dict[str, float]:
    """`MUSCLE=VALUE` pairs into muscle group → 0-10; any bad pair refuses them all."""
    if not raw:
        raise InputError(
            "no soreness given", hint="give MUSCLE=0..10, e.g. flux soreness quads=6 hamstrings=3"
        )
    values: dict[str, float] = {}
    for name, text in raw.items():
        muscle = rules.recovery.muscle_named(name)
        if muscle is None:
            groups = ", ".join(sorted(rules.recovery.recovery_days))
            raise InputError(f"unknown muscle group '{name}'", hint=f"muscle groups: {groups}")
        if soreness_problem(text) is not None:
            raise InputError(
                f"soreness for {name} must be a number from 0 to 10, got '{text}'",
                hint="0 none … 10 worst, e.g. quads=6",
            )
        values[muscle] = float(text)
    return values


def soreness_problem(text: str) -> str | None:
    """Why `text` is not a soreness value (`not a number`, `0-10 only`), else None.

    The one check: `flux soreness` and the dashboard's check-in both ask it.
    """
    try:
        value = float(text.strip())
    except ValueError:
        return "not a number"
    if not math.isfinite(value):
        return "not a number"
    low, high = SORENESS_RANGE
    return None if low <= value <= high else "0-10 only"


@dataclass(frozen=True, slots=True)
class SorenessForm:
    """What the check-in form asks about soreness: the rules' muscle groups, and what the
    athlete already reported for the day."""

    groups: list[str]
    today: dict[str, float]


def soreness_form(ctx: Context, day: dt.date) -> SorenessForm:
    """The muscle groups soreness can be reported for, with the day's reports so far."""
    with unit_of_work(ctx, read_only=True) as uow:
        rules = load_rules(ctx, uow).rules
        groups = list(rules.recovery.recovery_days)
        profile = known_profile(uow, ctx)
        logged = uow.body.soreness(profile.id, day, day + dt.timedelta(days=1))
        return SorenessForm(groups, {log.muscle: log.value for log in logged})


@dataclass(frozen=True, slots=True)
class SorenessResult:
    day: dt.date
    values: dict[str, float]


def log_soreness(ctx: Context, raw: Mapping[str, str], day: dt.date) -> SorenessResult:
    """Record soreness per muscle group for `day` (a second report that day replaces it)."""
    with unit_of_work(ctx) as uow:
        rules = load_rules(ctx, uow).rules
        values = parse_soreness(rules, raw)
        profile = profile_for_write(uow, ctx)
        uow.body.log_soreness(profile.id, day, values)
        return SorenessResult(day=day, values=values)


@dataclass(frozen=True, slots=True)
class MuscleRecovery:
    muscle: str
    percent: int
    fatigue_sets: float
    soreness: float


@dataclass(frozen=True, slots=True)
class RecoveryView:
    """Recovery per muscle group going into `day`, least recovered first, and the load."""

    day: dt.date
    muscles: list[MuscleRecovery]
    load: LoadSummary


def recovery(ctx: Context, day: dt.date) -> RecoveryView:
    """Each muscle group's recovery going into `day` (what that day's plan sees)."""
    from flux_cli.engine.load import load_summary
    from flux_cli.engine.recovery import (
        lowest_first,
        muscle_fatigue,
        recovery_percent,
        soreness_now,
    )

    with unit_of_work(ctx, read_only=True) as uow:
        loaded = load_rules(ctx, uow)
        profile = known_profile(uow, ctx)
        ftp = settings_of(profile).facts(profile.name).ftp_watts
        history = uow.history_as_of(profile.id, day, loaded.rules)
    body = history.body
    assert body is not None, "storage always reads the body"
    rules = loaded.rules
    percent = recovery_percent(body, rules, ftp)
    fatigue = muscle_fatigue(body, rules, ftp)
    sore = soreness_now(body, rules)
    return RecoveryView(
        day=day,
        muscles=[
            MuscleRecovery(muscle, value, round(fatigue[muscle], 1), round(sore.get(muscle, 0), 1))
            for muscle, value in lowest_first(percent)
        ],
        load=load_summary(body, ftp, rules.load),
    )


@dataclass(frozen=True, slots=True)
class TrendDay:
    date: dt.date
    load: float
    atl: float
    ctl: float
    tsb: float


@dataclass(frozen=True, slots=True)
class TrendWeek:
    start: dt.date
    load: float
    sessions: int
    activities: int
    sets_by_muscle: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TrendsView:
    """Daily PMC and weekly totals over the last `weeks` weeks before `day`."""

    day: dt.date
    weeks: int
    days: list[TrendDay]
    by_week: list[TrendWeek]
    load: LoadSummary
    # Lead lifts (each pattern's GREEN selection): best e1RM per day in the weeks shown.
    e1rm: dict[str, list[tuple[dt.date, float]]] = field(default_factory=dict)
    units: str = "kg"
    # The rules' weekly targets (composition.weekly_targets): muscle group → (floor, cap).
    targets: dict[str, tuple[float, float]] = field(default_factory=dict)
    # PR charts of the lead lifts (each pattern's selection in the mildest state), from
    # the sets before `day`; a lift never logged with a load has none.
    records: list[Records] = field(default_factory=list)

    def volume(self, week: int = -1) -> list[MuscleVolume]:
        """One week's hard sets per targeted muscle group against its target (default: the
        last week, the 7 days before `day`)."""
        from flux_cli.engine.trends import weekly_volume

        sets = self.by_week[week].sets_by_muscle if self.by_week else {}
        return weekly_volume(sets, self.targets)


def trends(ctx: Context, weeks: int, day: dt.date) -> TrendsView:
    """Load, ATL/CTL/TSB and weekly sets per muscle group for the last `weeks` weeks."""
    from flux_cli.engine.load import load_summary
    from flux_cli.engine.trends import weekly_trends

    if not 1 <= weeks <= MAX_TREND_WEEKS:
        raise InputError(
            f"--weeks must be from 1 to {MAX_TREND_WEEKS}, got {weeks}", hint="e.g. --weeks 12"
        )
    with unit_of_work(ctx, read_only=True) as uow:
        loaded = load_rules(ctx, uow)
        profile = known_profile(uow, ctx)
        ftp = settings_of(profile).facts(profile.name).ftp_watts
        units = settings_of(profile).units
        # The same reads as a plan's, over the weeks shown plus the ledger's warm-up.
        rules = loaded.rules
        span = weeks * 7
        wider = rules.model_copy(
            update={
                "load": rules.load.model_copy(
                    update={"window_days": span + rules.load.window_days}
                ),
                "recovery": rules.recovery.model_copy(update={"window_days": span}),
            }
        )
        history = uow.history_as_of(profile.id, day, wider)
        e1rm = _lead_lift_trends(uow, profile, rules, day - dt.timedelta(days=span), day)
        records = _lead_lift_records(uow, profile, rules, day)
    assert history.body is not None, "storage always reads the body"
    found = weekly_trends(history.body, wider, ftp, weeks)
    return TrendsView(
        day=day,
        weeks=weeks,
        days=[
            TrendDay(d.date, round(d.load, 1), round(d.atl, 1), round(d.ctl, 1), round(d.tsb, 1))
            for d in found.days
        ],
        by_week=[
            TrendWeek(w.start, w.load, w.sessions, w.activities, w.sets_by_muscle)
            for w in found.weeks
        ],
        load=load_summary(history.body, ftp, loaded.rules.load),
        e1rm=e1rm,
        units=units,
        targets={
            muscle: (target.floor, target.cap)
            for muscle, target in rules.composition.weekly_targets.items()
        },
        records=records,
    )


def _lead_lifts(rules: Rules) -> list[str]:
    """Each pattern's selection in the mildest state (the catch-all state comes last)."""
    mildest = rules.state_names[-1]
    return list(dict.fromkeys(rules.selections[pattern][mildest] for pattern in rules.patterns))


def _lead_lift_records(
    uow: UnitOfWork, profile: ProfileRecord, rules: Rules, day: dt.date
) -> list[Records]:
    """The lead lifts' PR charts from their sets before `day` (deload sessions never count).

    Storage answers with the heaviest set per (reps, RPE) and the first day it was done, so
    a chart for a past `day` leaves out a lighter set of the same reps and RPE that a later
    heavier one replaced: exact for today, conservative before it.
    """
    from flux_cli.engine.records import records

    formula = settings_of(profile).e1rm_formula
    resolved = {
        lift: found
        for lift in _lead_lifts(rules)
        if (found := uow.exercises.resolve(lift, profile_id=profile.id)) is not None
    }
    candidates = uow.pr_candidates(profile.id, sorted({r.id for r in resolved.values()}))
    charts = []
    for lift, exercise in resolved.items():
        before = [c for c in candidates.get(exercise.id, []) if c.date < day]
        chart = records(lift, before, formula, rules.e1rm)
        if chart.e1rm or chart.best_set_volume or chart.rep_maxes:
            charts.append(chart)
    return charts


def _lead_lift_trends(
    uow: UnitOfWork,
    profile: ProfileRecord,
    rules: Rules,
    since: dt.date,
    day: dt.date,
) -> dict[str, list[tuple[dt.date, float]]]:
    """Best e1RM per day of each pattern's lead lift (its mildest state's selection)."""
    from flux_cli.engine.athlete import e1rm_trend

    profile_id = profile.id
    formula = settings_of(profile).e1rm_formula
    found: dict[str, list[tuple[dt.date, float]]] = {}
    for lift in _lead_lifts(rules):
        exercise = uow.exercises.resolve(lift, profile_id=profile_id)
        if exercise is None:
            continue
        rows = [r for r in uow.sessions.e1rm_rows(profile_id, exercise.id, since) if r[0] < day]
        series = e1rm_trend(rows, formula, rules.e1rm)
        if series:
            found[lift] = [(date, round(value, 1)) for date, value in series]
    return found
