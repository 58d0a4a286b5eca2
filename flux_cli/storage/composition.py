"""What composition needs of the recent past: last week's sets, patterns, last sessions.

The cutoff rule is `storage.history`'s: completed sessions dated strictly before the day.
Reads are bounded: the week before the day, and each archetype's latest sessions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Connection, Date, bindparam, text

# Composition looks back one week (DESIGN §3: weekly volume, weekly pattern uses): the
# 7 days ending with the day, so the 6 before it are read (reading 7 made an 8-day "week":
# last Monday's sets counted toward this Monday's floor, and a real week fell short).
WEEK_DAYS = 7

_DONE = "s.profile_id = :profile_id AND s.status = 'completed' AND s.date < :day"
_WEEK_SETS = (
    text(
        "SELECT e.name, e.pattern, s.id, s.date, COUNT(*) AS sets FROM workout_sets w"
        " JOIN workout_sessions s ON s.id = w.session_id"
        " JOIN exercises e ON e.id = w.exercise_id"
        f" WHERE {_DONE} AND s.date >= :since GROUP BY e.name, e.pattern, s.id, s.date"
    )
    .bindparams(bindparam("day", type_=Date), bindparam("since", type_=Date))
    .columns(date=Date)
)
_LAST_OF_ARCHETYPE = text(
    "SELECT DISTINCT e.name FROM workout_sets w JOIN exercises e ON e.id = w.exercise_id"
    " WHERE w.session_id IN (SELECT s.id FROM workout_sessions s"
    f"  WHERE {_DONE} AND s.archetype = :archetype ORDER BY s.date DESC, s.id DESC"
    "  LIMIT :sessions)"
).bindparams(bindparam("day", type_=Date))


@dataclass(frozen=True, slots=True)
class RecentTraining:
    """Sets per exercise (in all, and per day) and sessions per pattern in the week before a
    day, and the exercises of each archetype's last sessions (as many as asked)."""

    set_counts: dict[str, int] = field(default_factory=dict)
    pattern_sessions: dict[str, int] = field(default_factory=dict)
    last_by_archetype: dict[str, frozenset[str]] = field(default_factory=dict)
    daily_counts: dict[dt.date, dict[str, int]] = field(default_factory=dict)


def recent_training(
    connection: Connection,
    profile_id: int,
    day: dt.date,
    archetypes: Iterable[str],
    sessions: int = 1,
) -> RecentTraining:
    """The week before `day`, and per archetype the exercises of its last `sessions`."""
    since = day - dt.timedelta(days=WEEK_DAYS - 1)
    params = {"profile_id": profile_id, "day": day, "since": since}
    counts: dict[str, int] = {}
    daily: dict[dt.date, dict[str, int]] = {}
    sessions_by_pattern: dict[str, set[int]] = {}
    for row in connection.execute(_WEEK_SETS, params):
        counts[row.name] = counts.get(row.name, 0) + int(row.sets)
        on_day = daily.setdefault(row.date, {})
        on_day[row.name] = on_day.get(row.name, 0) + int(row.sets)
        if row.pattern:
            sessions_by_pattern.setdefault(row.pattern, set()).add(int(row.id))
    last: dict[str, frozenset[str]] = {}
    for archetype in archetypes:
        names = connection.execute(
            _LAST_OF_ARCHETYPE,
            {"profile_id": profile_id, "day": day, "archetype": archetype, "sessions": sessions},
        ).scalars()
        last[archetype] = frozenset(names)
    return RecentTraining(
        set_counts=counts,
        pattern_sessions={p: len(ids) for p, ids in sorted(sessions_by_pattern.items())},
        last_by_archetype=last,
        daily_counts={d: daily[d] for d in sorted(daily)},
    )
