"""`history_as_of`: the one cutoff rule at its boundary, and bounded reads that agree with
the full-history computation over random histories."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flux_cli import paths
from flux_cli.engine.progression import protocol_standings
from flux_cli.engine.types import (
    ConditioningAttempt,
    ConditioningPlan,
    History,
    LoggedSet,
    PastSession,
)
from flux_cli.rules_file import read_rules_file
from flux_cli.services.base import builtin_catalogue
from flux_cli.storage.database import Database
from flux_cli.storage.models import Activity, utcnow
from flux_cli.storage.records import NewSet, SessionStatus
from flux_cli.storage.unit_of_work import SqlUnitOfWork

RULES = read_rules_file(paths.default_rules_path()).rules
DAY = dt.date(2025, 6, 30)
# One catalogue exercise per pattern of the default rules.
BY_PATTERN = {
    "SQUAT": "Back Squat",
    "HINGE": "Deadlift",
    "PUSH": "Bench Press",
    "PULL": "Barbell Row",
}


def _prescription(protocol: str, level: int) -> ConditioningPlan:
    spec = RULES.protocols[protocol]
    step = spec.levels[level - 1]
    return ConditioningPlan(
        protocol=protocol,
        kind=spec.kind,
        level=level,
        exercise=spec.exercise,
        rounds=step.rounds,
        work_s=step.work_s,
        rest_s=step.rest_s,
        intensity=step.intensity,
        target_watts=round(250 * step.intensity),
    )


def _id(uow: SqlUnitOfWork, name: str) -> int:
    found = uow.exercises.resolve(name)
    assert found is not None, name
    return found.id


def _session(
    uow: SqlUnitOfWork,
    profile_id: int,
    day: dt.date,
    *,
    status: SessionStatus = "completed",
    archetype: str | None = None,
    patterns: frozenset[str] = frozenset(),
    attempt: tuple[ConditioningPlan, list[tuple[float, float]]] | None = None,
) -> None:
    plan = None if attempt is None else {"conditioning": attempt[0].model_dump(mode="json")}
    record = uow.sessions.create(
        profile_id,
        day=day,
        status=status,
        archetype=archetype,
        conditioning_protocol=None if attempt is None else attempt[0].protocol,
        plan=plan,
    )
    sets = [
        NewSet(exercise_id=_id(uow, BY_PATTERN[p]), weight_kg=100, reps=5) for p in sorted(patterns)
    ]
    if attempt is not None:
        bike = _id(uow, attempt[0].exercise)
        sets += [
            NewSet(exercise_id=bike, seconds=seconds, metadata={"avg_watts": watts})
            for seconds, watts in attempt[1]
        ]
    if sets:
        uow.sessions.add_sets(record.id, sets)


def _activity(uow: SqlUnitOfWork, profile_id: int, day: dt.date) -> None:
    uow.orm.add(
        Activity(
            profile_id=profile_id,
            source="strava",
            external_id=f"ride-{day}",
            kind="Ride",
            date=day,
            started_at=utcnow(),
            name="ride",
        )
    )


# ---------------------------------------------------------------------------- the cutoff


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(
            lambda uow, pid: _session(
                uow, pid, DAY, archetype="Strength_Type_A", patterns=frozenset({"SQUAT"})
            ),
            id="session",
        ),
        pytest.param(lambda uow, pid: _activity(uow, pid, DAY), id="activity"),
        pytest.param(
            lambda uow, pid: _session(
                uow,
                pid,
                DAY,
                archetype="Conditioning",
                attempt=(_prescription("HIIT", 1), [(30, 300)] * 6),
            ),
            id="conditioning",
        ),
    ],
)
def test_a_day_is_in_the_history_of_the_next_day_not_its_own(db: Database, write: Any) -> None:
    """What a plan for day D sees of D itself: nothing. The plan for D + 1 sees all of it."""
    with db.unit_of_work() as uow:
        pid = uow.profiles.get_or_create("ana").id
        _session(
            uow,
            pid,
            DAY - dt.timedelta(days=3),
            archetype="Strength_Type_B",
            patterns=frozenset({"HINGE"}),
        )
        write(uow, pid)
    with db.unit_of_work(read_only=True) as uow:
        same_day = uow.history_as_of(pid, DAY, RULES)
        next_day = uow.history_as_of(pid, DAY + dt.timedelta(days=1), RULES)
    assert replace(same_day, body=None) == replace(
        History.from_sessions(
            [PastSession(DAY - dt.timedelta(days=3), "Strength_Type_B", frozenset({"HINGE"}))],
            lift_sets=same_day.lift_sets,
            as_of=DAY,
        ),
        pattern_hard_sets={"HINGE": 1},  # its one set, 3 days before: this week's hard sets
    )
    # The body's load and recovery inputs follow the same cutoff.
    assert same_day.body is not None and next_day.body is not None
    seen = [
        *(item.date for item in same_day.body.sessions),
        *(item.date for item in same_day.body.activities),
        *(item.date for item in same_day.body.sets),
    ]
    assert all(date < DAY for date in seen)
    later = {item.date for item in next_day.body.sessions}
    later |= {item.date for item in next_day.body.activities}
    assert DAY in later
    facts = (next_day.archetype_last_done, next_day.last_activity, next_day.conditioning)
    assert DAY in [*facts[0].values(), facts[1], *(a.date for a in facts[2])]


def test_lift_sets_of_the_day_wait_for_the_next_day(db: Database) -> None:
    with db.unit_of_work() as uow:
        pid = uow.profiles.get_or_create("ana").id
        _session(uow, pid, DAY, status="active", patterns=frozenset({"SQUAT"}))
    with db.unit_of_work(read_only=True) as uow:
        assert uow.history_as_of(pid, DAY, RULES).lift_sets == {}
        (squat,) = uow.history_as_of(pid, DAY + dt.timedelta(days=1), RULES).lift_sets["Back Squat"]
    assert squat.date == DAY


# ---------------------------------------------------------------------------- bounded = full


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path: Path = tmp_path_factory.mktemp("history") / "flux.db"
    with Database.open(f"sqlite:///{path}", catalogue=builtin_catalogue) as database:
        yield database


attempts = st.tuples(
    st.sampled_from(list(RULES.protocols)),
    st.integers(1, 3),
    st.lists(
        st.tuples(st.sampled_from([5.0, 20.0, 30.0, 600.0]), st.sampled_from([100.0, 300.0])),
        max_size=8,
    ),
)
past = st.lists(
    st.fixed_dictionaries(
        {
            "days_ago": st.integers(0, 40),
            "status": st.sampled_from(["completed", "completed", "abandoned"]),
            "archetype": st.sampled_from([*RULES.archetypes, None]),
            "patterns": st.frozensets(st.sampled_from(list(BY_PATTERN))),
            "attempt": st.none() | attempts,
        }
    ),
    max_size=14,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(past, st.lists(st.integers(0, 40), max_size=3), st.integers(0, 3))
def test_bounded_history_agrees_with_the_full_computation(
    store: Database, sessions: list[dict[str, Any]], rides: list[int], cutoff_back: int
) -> None:
    """Pattern debt, last dates and standings from bounded reads equal a full replay."""
    today = DAY - dt.timedelta(days=cutoff_back)
    with store.unit_of_work() as uow:
        uow.connection.exec_driver_sql("DELETE FROM profiles WHERE name = 'prop'")
        pid = uow.profiles.get_or_create("prop").id
        uow.connection.exec_driver_sql(
            "DELETE FROM workout_sessions WHERE profile_id NOT IN (SELECT id FROM profiles)"
        )
        full: list[PastSession] = []
        every_attempt: list[ConditioningAttempt] = []
        for item in sessions:
            day = DAY - dt.timedelta(days=item["days_ago"])
            attempt = None
            if item["attempt"] is not None:
                protocol, level, logged = item["attempt"]
                level = min(level, len(RULES.protocols[protocol].levels))
                attempt = (_prescription(protocol, level), logged)
            _session(
                uow,
                pid,
                day,
                status=item["status"],
                archetype=item["archetype"],
                patterns=item["patterns"],
                attempt=attempt,
            )
            if item["status"] == "completed" and day < today:
                full.append(PastSession(day, item["archetype"], item["patterns"]))
                if attempt is not None:
                    exercise = attempt[0].exercise
                    sets = tuple(
                        LoggedSet(exercise, seconds=s, metadata={"avg_watts": w}) for s, w in logged
                    )
                    lifts = tuple(
                        LoggedSet(BY_PATTERN[p], weight_kg=100.0, reps=5)
                        for p in sorted(item["patterns"])
                    )
                    every_attempt.append(ConditioningAttempt(day, attempt[0], lifts + sets))
        for days_ago in set(rides):
            _activity(uow, pid, DAY - dt.timedelta(days=days_ago))
    with store.unit_of_work(read_only=True) as uow:
        bounded = uow.history_as_of(pid, today, RULES)
    reference = History.from_sessions(
        full, activity_dates=[d for d in (DAY - dt.timedelta(days=r) for r in rides) if d < today]
    )
    assert bounded.session_count == reference.session_count
    assert bounded.pattern_debt == reference.pattern_debt
    assert bounded.archetype_last_done == reference.archetype_last_done
    assert bounded.last_activity == reference.last_activity
    assert protocol_standings(RULES, bounded.conditioning) == protocol_standings(
        RULES, every_attempt
    )
