"""PR candidates: per exercise, the heaviest set for each (reps, RPE), from one aggregate.

`engine.records` turns them into PR charts. Warm-ups, deload sessions and unfinished
sessions never count. The read grows only with the number of (reps, RPE) pairs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import Connection, Date, bindparam, text

from flux_cli.engine.records import Candidate
from flux_cli.storage.sessions import not_warmup


def _query(dialect: str) -> str:
    working = (
        "s.profile_id = :profile_id AND s.status = 'completed' AND NOT s.deload"
        " AND s.id != :exclude AND w.exercise_id IN :exercise_ids"
        " AND w.reps >= 1 AND w.weight_kg > 0"
        f" AND {not_warmup(dialect)}"
    )
    return (
        "WITH tops AS ("
        " SELECT w.exercise_id, w.reps, w.rpe, MAX(w.weight_kg) AS top"
        " FROM workout_sets w JOIN workout_sessions s ON s.id = w.session_id"
        f" WHERE {working} GROUP BY w.exercise_id, w.reps, w.rpe)"
        " SELECT t.exercise_id, t.reps, t.rpe, t.top, MIN(s.date) AS first"
        " FROM tops t JOIN workout_sets w ON w.exercise_id = t.exercise_id"
        " AND w.reps = t.reps AND w.weight_kg = t.top"
        " AND (w.rpe = t.rpe OR (w.rpe IS NULL AND t.rpe IS NULL))"
        f" JOIN workout_sessions s ON s.id = w.session_id WHERE {working}"
        " GROUP BY t.exercise_id, t.reps, t.rpe, t.top"
    )


def pr_candidates(
    connection: Connection,
    profile_id: int,
    exercise_ids: Sequence[int],
    exclude_session: int | None = None,
) -> dict[int, list[Candidate]]:
    """Per exercise id, its candidate sets (see the module docstring)."""
    if not exercise_ids:
        return {}
    statement = (
        text(_query(connection.dialect.name))
        .bindparams(bindparam("exercise_ids", expanding=True))
        .columns(first=Date)
    )
    found: dict[int, list[Candidate]] = defaultdict(list)
    rows = connection.execute(
        statement,
        {
            "profile_id": profile_id,
            "exercise_ids": list(exercise_ids),
            "exclude": -1 if exclude_session is None else exclude_session,
        },
    )
    for exercise_id, reps, rpe, top, first in rows:
        found[int(exercise_id)].append(
            Candidate(int(reps), None if rpe is None else float(rpe), float(top), first)
        )
    return dict(found)
