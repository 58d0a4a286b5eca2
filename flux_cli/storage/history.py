"""History as of a day: the one place that decides what the engine sees of the past.

**The cutoff rule**: the history as of day D is everything dated strictly before D:
completed sessions, their sets, conditioning attempts and imported activities. Nothing
of D itself is in it, so a day's plan does not move while the day goes on (logging sets,
completing a session); what comes after a day's work is the plan for D + 1, and
completing a session judges it against the history as of the day after it (so an earlier
session the same day counts first).

Reads are bounded, not a replay of all history: each pattern's debt and each archetype's
last date come from index walks that stop at the latest match; e1RM sets come from the
rules' window; conditioning from each protocol's latest attempts back to the last one
whose outcome settles the standing (`engine.progression.resets_standing`). Abandoned
sessions never count.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import ValidationError
from sqlalchemy import JSON, Connection, Date, bindparam, text

from flux_cli.engine import limits
from flux_cli.engine.rules import Rules
from flux_cli.engine.types import (
    ConditioningAttempt,
    ConditioningPlan,
    DatedSet,
    DeloadMark,
    History,
    LiftTarget,
    LoggedSet,
)
from flux_cli.storage.activities import last_activity_before
from flux_cli.storage.body import body_history
from flux_cli.storage.records import alias_key, chunks

_DONE = "s.profile_id = :profile_id AND s.status = 'completed' AND s.date < :day"
_DAY = bindparam("day", type_=Date)
_LAST_WITH_PATTERN = (
    text(
        f"SELECT s.id, s.date FROM workout_sessions s WHERE {_DONE} AND EXISTS ("
        " SELECT 1 FROM workout_sets w JOIN exercises e ON e.id = w.exercise_id"
        " WHERE w.session_id = s.id AND e.pattern = :pattern)"
        " ORDER BY s.date DESC, s.id DESC LIMIT 1"
    )
    .bindparams(_DAY)
    .columns(date=Date)
)
# A range from `after_date` on (an OR of dates would scan every date before `day`).
_DONE_AFTER = text(
    f"SELECT COUNT(*) FROM workout_sessions s WHERE {_DONE} AND s.date >= :after_date"
    " AND NOT (s.date = :after_date AND s.id <= :after_id)"
).bindparams(_DAY, bindparam("after_date", type_=Date))
# Every completed session, less those from `day` on: the first count is answered from the
# (profile_id, status) index alone, the second walks only the dates from `day` on.
_DONE_COUNT = text(
    "SELECT (SELECT COUNT(*) FROM workout_sessions s"
    "  WHERE s.profile_id = :profile_id AND s.status = 'completed')"
    " - (SELECT COUNT(*) FROM workout_sessions s"
    "  WHERE s.profile_id = :profile_id AND s.date >= :day AND s.status = 'completed')"
).bindparams(_DAY)
_ARCHETYPE_LAST = (
    text(
        f"SELECT s.date FROM workout_sessions s WHERE {_DONE} AND s.archetype = :archetype"
        " ORDER BY s.date DESC LIMIT 1"
    )
    .bindparams(_DAY)
    .columns(date=Date)
)
# The profile's own name keys come last, so they win over the shared ones.
_EXERCISE_IDS = text(
    "SELECT alias, exercise_id, 1 AS shared FROM exercise_aliases WHERE alias IN :keys"
    " UNION ALL SELECT alias, exercise_id, 0 FROM profile_aliases"
    " WHERE profile_id = :profile_id AND alias IN :keys ORDER BY 3 DESC"
).bindparams(bindparam("keys", expanding=True))
_LOGGED = "w.weight_kg, w.reps, w.seconds, w.distance_m, w.rpe, w.metadata"
_LIFT_SETS = (
    text(
        f"SELECT s.date, w.exercise_id, {_LOGGED} FROM workout_sets w"
        " JOIN workout_sessions s ON s.id = w.session_id"
        " WHERE s.profile_id = :profile_id AND w.exercise_id IN :exercise_ids"
        " AND s.status != 'abandoned' AND s.date >= :since AND s.date < :day"
        " ORDER BY s.date, w.session_id, w.position"
    )
    .bindparams(bindparam("exercise_ids", expanding=True), bindparam("since", type_=Date), _DAY)
    .columns(date=Date, metadata=JSON)
)
# Conditioning attempts older than this never count: a protocol whose standing no attempt in
# the last year settles (only failures, or runs of successes) replays the year, not all time.
CONDITIONING_WINDOW_DAYS = 365
_CONDITIONING_PAGE = (
    text(
        f"SELECT s.id, s.date, s.plan FROM workout_sessions s WHERE {_DONE}"
        " AND s.conditioning_protocol IS NOT NULL AND s.date >= :since"
        " ORDER BY s.date DESC, s.id DESC LIMIT :limit OFFSET :offset"
    )
    .bindparams(_DAY)
    .columns(date=Date, plan=JSON)
)
_SESSION_SETS = (
    text(
        f"SELECT w.session_id, e.name, {_LOGGED} FROM workout_sets w"
        " JOIN exercises e ON e.id = w.exercise_id"
        " WHERE w.session_id IN :session_ids ORDER BY w.session_id, w.position, w.id"
    )
    .bindparams(bindparam("session_ids", expanding=True))
    .columns(metadata=JSON)
)
_PAGE = 16
# What counts as training a pattern (rules `rotation`): the session's archetype is of a
# counted family and trains that pattern (or the session has none: imports, ad-hoc), and the
# set was not logged too easy. A row composed into a squat day is work for the back, not
# PULL's turn: the archetype that trains PULL keeps its own rotation. `:counted` is the
# archetypes counted for `:pattern`.
_EASY = "(w.rpe IS NULL OR w.rpe > :easy_rpe)"
_COUNTS = f"(s.archetype IS NULL OR s.archetype IN :counted) AND {_EASY}"
_LAST_COUNTED = (
    text(
        f"SELECT s.date FROM workout_sessions s WHERE {_DONE} AND s.date >= :since AND EXISTS ("
        " SELECT 1 FROM workout_sets w JOIN exercises e ON e.id = w.exercise_id"
        f" WHERE w.session_id = s.id AND e.pattern = :pattern AND {_COUNTS})"
        " ORDER BY s.date DESC, s.id DESC LIMIT 1"
    )
    .bindparams(_DAY, bindparam("since", type_=Date), bindparam("counted", expanding=True))
    .columns(date=Date)
)
_LAST_UNPLANNED = (
    text(
        f"SELECT s.date FROM workout_sessions s WHERE {_DONE} AND s.source != 'flux'"
        " AND s.date >= :since AND EXISTS ("
        " SELECT 1 FROM workout_sets w JOIN exercises e ON e.id = w.exercise_id"
        " WHERE w.session_id = s.id AND e.pattern = :pattern)"
        " ORDER BY s.date DESC, s.id DESC LIMIT 1"
    )
    .bindparams(_DAY, bindparam("since", type_=Date))
    .columns(date=Date)
)
_HARD_SETS = text(
    "SELECT e.pattern, s.archetype, COUNT(*) FROM workout_sets w"
    " JOIN workout_sessions s ON s.id = w.session_id JOIN exercises e ON e.id = w.exercise_id"
    f" WHERE {_DONE} AND s.date >= :since AND e.pattern IS NOT NULL AND {_EASY}"
    " GROUP BY e.pattern, s.archetype"
).bindparams(_DAY, bindparam("since", type_=Date))
_TRAINING_DATES = (
    text(
        f"SELECT DISTINCT s.date FROM workout_sessions s WHERE {_DONE} AND s.date >= :since"
        " ORDER BY s.date"
    )
    .bindparams(_DAY, bindparam("since", type_=Date))
    .columns(date=Date)
)
_PLANS = (
    text(
        f"SELECT s.date, s.plan FROM workout_sessions s WHERE {_DONE} AND s.date >= :since"
        " AND s.plan IS NOT NULL ORDER BY s.date, s.id"
    )
    .bindparams(_DAY, bindparam("since", type_=Date))
    .columns(date=Date, plan=JSON)
)


def history_as_of(connection: Connection, profile_id: int, day: dt.date, rules: Rules) -> History:
    """The engine's view of the past as of the start of `day` (see the module docstring)."""
    where = {"profile_id": profile_id, "day": day}
    debt, session_count = _pattern_debt(connection, where, rules.patterns)
    targets, deload_dates, last_deload = _planned(connection, where, rules)
    last_done = _archetype_last_done(connection, where, rules.archetypes)
    return History(
        as_of=day,
        session_count=session_count,
        pattern_debt=debt,
        archetype_last_done=last_done,
        last_activity=last_activity_before(connection, profile_id, day),
        lift_sets=_lift_sets(connection, where, rules.exercise_names(), rules.e1rm.window_days),
        conditioning=_conditioning_tails(connection, where, rules),
        lift_targets=targets,
        deload_dates=deload_dates,
        last_deload=last_deload,
        **_rotation(connection, where, rules, last_done),
        body=body_history(connection, profile_id, day, rules),
    )


def coaching_window_days(rules: Rules) -> int:
    """How far back plans and training dates are read: the e1RM window, or a deload cycle
    plus a layoff gap when that is longer."""
    cycle = rules.deload.every_weeks * 7 + rules.deload.longest_days + rules.layoff.gap_days
    return max(rules.e1rm.window_days, cycle)


def _rotation(
    connection: Connection,
    where: dict[str, Any],
    rules: Rules,
    archetype_last_done: dict[str, dt.date],
) -> dict[str, Any]:
    """Pattern dates that count, imported pattern dates, weekly hard sets, training dates.

    All inside the coaching window: a pattern not trained in it reads as never trained;
    imported dates are read only for the patterns of archetypes never done in flux.
    """
    since = where["day"] - dt.timedelta(days=coaching_window_days(rules))
    counted = {
        pattern: sorted(
            name
            for name, a in rules.archetypes.items()
            if a.family in rules.rotation.families and pattern in a.patterns
        )
        for pattern in rules.patterns
    }
    counts = {**where, "since": since, "easy_rpe": rules.rotation.ignore_rpe_at_or_below}
    last_trained: dict[str, dt.date] = {}
    for pattern in rules.patterns:
        found = connection.execute(
            _LAST_COUNTED, {**counts, "pattern": pattern, "counted": counted[pattern] or [""]}
        ).scalar()
        if isinstance(found, dt.date):
            last_trained[pattern] = found
    undone = {
        pattern
        for name, archetype in rules.archetypes.items()
        if name not in archetype_last_done
        for pattern in archetype.patterns
    }
    unplanned: dict[str, dt.date] = {}
    for pattern in sorted(undone):
        found = connection.execute(
            _LAST_UNPLANNED, {**where, "since": since, "pattern": pattern}
        ).scalar()
        if isinstance(found, dt.date):
            unplanned[pattern] = found
    week = {**counts, "since": where["day"] - dt.timedelta(days=7)}
    hard_sets: dict[str, int] = {}
    for pattern, archetype, sets in connection.execute(_HARD_SETS, week):
        if archetype is None or archetype in counted.get(str(pattern), ()):
            hard_sets[str(pattern)] = hard_sets.get(str(pattern), 0) + int(sets)
    dates = tuple(connection.execute(_TRAINING_DATES, {**where, "since": since}).scalars())
    return {
        "pattern_last_trained": last_trained,
        "pattern_last_unplanned": unplanned,
        "pattern_hard_sets": hard_sets,
        "training_dates": dates,
    }


def _planned(
    connection: Connection, where: dict[str, Any], rules: Rules
) -> tuple[dict[str, dict[dt.date, LiftTarget]], frozenset[dt.date], DeloadMark | None]:
    """From the plans of the window's sessions: each lift's target per day, deload days, and
    the latest deload (its first day in the window, its end, its reason)."""
    since = where["day"] - dt.timedelta(days=coaching_window_days(rules))
    targets: dict[str, dict[dt.date, LiftTarget]] = defaultdict(dict)
    deload_dates: set[dt.date] = set()
    latest: DeloadMark | None = None
    for day, plan in connection.execute(_PLANS, {**where, "since": since}):
        if not isinstance(plan, dict):
            continue
        for item in plan.get("exercises") or ():
            target = _target(item)
            if target is not None:
                targets[str(item["name"])][day] = target
        mark = _deload_of(day, plan.get("deload"))
        if mark is None:
            continue
        deload_dates.add(day)
        if latest is not None and latest.until == mark.until:
            continue  # the same deload, started earlier
        latest = mark
    return dict(targets), frozenset(deload_dates), latest


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _target(item: Any) -> LiftTarget | None:
    if not isinstance(item, dict) or not isinstance(item.get("name"), str):
        return None
    sets, reps = item.get("sets"), item.get("reps")
    if not isinstance(sets, int) or not (reps is None or isinstance(reps, int)):
        return None
    style = item.get("style")
    return LiftTarget(
        sets=sets,
        reps=reps,
        load_kg=_number(item.get("load_kg")),
        rpe=_number(item.get("rpe")),
        style=style if isinstance(style, str) else None,
    )


def _deload_of(day: dt.date, value: Any) -> DeloadMark | None:
    if not isinstance(value, dict):
        return None
    try:
        until = dt.date.fromisoformat(str(value.get("until")))
    except ValueError:
        return None
    sessions = value.get("sessions")
    return DeloadMark(
        started=day,
        until=until,
        reason=str(value.get("reason") or "deload"),
        sessions=sessions if isinstance(sessions, int) and not isinstance(sessions, bool) else None,
    )


def _pattern_debt(
    connection: Connection, where: dict[str, Any], patterns: Iterable[str]
) -> tuple[dict[str, int], int]:
    """Sessions since each pattern was last trained (never trained: absent), and all sessions."""
    debt: dict[str, int] = {}
    for pattern in patterns:
        last = connection.execute(_LAST_WITH_PATTERN, {**where, "pattern": pattern}).first()
        if last is not None:
            after = {**where, "after_date": last.date, "after_id": last.id}
            debt[pattern] = int(connection.execute(_DONE_AFTER, after).scalar_one())
    return debt, int(connection.execute(_DONE_COUNT, where).scalar_one())


def _archetype_last_done(
    connection: Connection, where: dict[str, Any], archetypes: Iterable[str]
) -> dict[str, dt.date]:
    found: dict[str, dt.date] = {}
    for name in archetypes:
        last = connection.execute(_ARCHETYPE_LAST, {**where, "archetype": name}).scalar()
        if isinstance(last, dt.date):
            found[name] = last
    return found


def _logged(name: str, values: Sequence[Any]) -> LoggedSet:
    """A stored set for the engine; a figure outside flux's ranges (stored by an older flux)
    reads as unrecorded, so it never becomes an infinite e1RM or a NaN prescription.
    """
    weight_kg, reps, seconds, distance_m, rpe, metadata = values
    return LoggedSet(
        exercise=name,
        weight_kg=limits.WEIGHT_KG.stored(weight_kg),
        reps=None if limits.REPS.stored(reps) is None else reps,
        seconds=limits.SECONDS.stored(seconds),
        distance_m=limits.DISTANCE_M.stored(distance_m),
        rpe=limits.RPE.stored(rpe),
        metadata=_finite_metadata(metadata or {}),
    )


def _finite_metadata(metadata: Mapping[str, Any]) -> Mapping[str, Any]:
    """Metadata without non-finite numbers (`avg_watts: NaN` from an older flux)."""
    if all(not isinstance(value, float) or math.isfinite(value) for value in metadata.values()):
        return metadata
    return {
        key: value
        for key, value in metadata.items()
        if not isinstance(value, float) or math.isfinite(value)
    }


def _lift_sets(
    connection: Connection, where: dict[str, Any], lift_names: Iterable[str], window_days: int
) -> dict[str, tuple[DatedSet, ...]]:
    """Per exercise name, its sets in [day - window_days, day), oldest first."""
    keys = {name: alias_key(name) for name in lift_names}
    if not keys:
        return {}
    rows = connection.execute(
        _EXERCISE_IDS, {"keys": sorted(set(keys.values())), "profile_id": where["profile_id"]}
    )
    ids_by_key: dict[str, int] = {alias: exercise_id for alias, exercise_id, _ in rows}
    names_by_id: dict[int, list[str]] = defaultdict(list)
    for name, key in keys.items():
        if key in ids_by_key:
            names_by_id[ids_by_key[key]].append(name)
    if not names_by_id:
        return {}
    since = where["day"] - dt.timedelta(days=window_days)
    found: dict[str, list[DatedSet]] = defaultdict(list)
    query = {**where, "exercise_ids": sorted(names_by_id), "since": since}
    for day, exercise_id, *values in connection.execute(_LIFT_SETS, query):
        for name in names_by_id[exercise_id]:
            found[name].append(DatedSet(date=day, set=_logged(name, values)))
    return {name: tuple(sets) for name, sets in found.items()}


def _conditioning_tails(
    connection: Connection, where: dict[str, Any], rules: Rules
) -> tuple[ConditioningAttempt, ...]:
    """Each protocol's latest attempts back to the one that settles its standing, oldest first.

    Replaying these gives the same standings as replaying every attempt ever made
    (`engine.progression.resets_standing`); a protocol never settled reads its attempts of
    the last `CONDITIONING_WINDOW_DAYS`.
    """
    from flux_cli.engine.progression import first_of_two_successes, resets_standing

    open_protocols = set(rules.protocols)
    runs: dict[str, int] = {}  # protocol → level of a run of successes that need two
    since = where["day"] - dt.timedelta(days=CONDITIONING_WINDOW_DAYS)
    tails: list[tuple[dt.date, int, ConditioningAttempt]] = []
    offset = 0
    while open_protocols:
        page = connection.execute(
            _CONDITIONING_PAGE, {**where, "since": since, "limit": _PAGE, "offset": offset}
        ).all()
        offset += len(page)
        prescriptions: dict[int, ConditioningPlan] = {}
        for session_id, _day, plan in page:
            prescription = _prescription(plan)
            if prescription is not None and prescription.protocol in open_protocols:
                prescriptions[session_id] = prescription
        sets = _sets_of(connection, sorted(prescriptions))
        for session_id, day, _plan in page:  # newest first
            prescription = prescriptions.get(session_id)
            if prescription is None or prescription.protocol not in open_protocols:
                continue
            attempt = ConditioningAttempt(day, prescription, tuple(sets.get(session_id, ())))
            tails.append((day, session_id, attempt))
            protocol, level = prescription.protocol, prescription.level
            in_run = first_of_two_successes(rules, attempt)
            if protocol in runs and not (in_run and runs[protocol] == level):
                open_protocols.discard(protocol)  # the run before it settles the standing
            elif in_run:
                runs[protocol] = level
            elif resets_standing(rules, attempt):
                open_protocols.discard(protocol)
        if len(page) < _PAGE:
            break
    return tuple(attempt for _day, _id, attempt in sorted(tails, key=lambda t: t[:2]))


def _prescription(plan: Any) -> ConditioningPlan | None:
    """The plan's conditioning block, or None when it has no valid one (an import, say)."""
    try:
        return ConditioningPlan.model_validate((plan or {})["conditioning"])
    except (KeyError, TypeError, ValidationError):
        return None


def _sets_of(connection: Connection, session_ids: Sequence[int]) -> dict[int, list[LoggedSet]]:
    sets: dict[int, list[LoggedSet]] = defaultdict(list)
    for chunk in chunks(session_ids):
        rows = connection.execute(_SESSION_SETS, {"session_ids": list(chunk)})
        for session_id, name, *values in rows:
            sets[session_id].append(_logged(name, values))
    return sets
