"""An in-memory unit of work for service tests (cosmicpython's fake), over plain records.

Its `history_as_of` replays every stored session (`History.from_sessions`): the full
computation the real, bounded one must agree with.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from flux_cli import catalog
from flux_cli.engine.body import (
    BodyHistory,
    CheckinState,
    ExerciseBody,
    MuscleSet,
    SessionLoad,
    SorenessLog,
)
from flux_cli.engine.records import Candidate, candidates_of
from flux_cli.engine.rules import Rules
from flux_cli.engine.types import (
    ConditioningAttempt,
    ConditioningPlan,
    DatedSet,
    History,
    LoggedSet,
    PastSession,
)
from flux_cli.storage.composition import WEEK_DAYS, RecentTraining
from flux_cli.storage.moves import MoveRuleName
from flux_cli.storage.records import (
    ActivityRecord,
    ExerciseData,
    ExerciseRecord,
    NewSet,
    ProfileRecord,
    ReadinessRecord,
    RuleSetRecord,
    SessionRecord,
    SessionStatus,
    SessionWithSets,
    SetRecord,
    alias_key,
)

NOW = dt.datetime(2025, 6, 1, 7, 0, tzinfo=dt.UTC)


class FakeData:
    """Everything a fake store holds; units of work share it (and commit by copying back)."""

    def __init__(self) -> None:
        self.ids = itertools.count(1)
        self.profiles: dict[str, ProfileRecord] = {}
        self.readiness: dict[tuple[int, dt.date], ReadinessRecord] = {}
        self.rule_sets: list[RuleSetRecord] = []
        self.exercises: dict[int, ExerciseRecord] = {}
        self.aliases: dict[str, int] = {}
        self.sessions: dict[int, SessionRecord] = {}
        self.sets: dict[int, SetRecord] = {}
        self.activities: dict[int, list[dt.date]] = {}
        self.moves: dict[tuple[int, int], MoveRuleName] = {}
        self.soreness: dict[tuple[int, dt.date, str], float] = {}
        self.efforts: dict[int, tuple[float | None, float | None]] = {}
        self.upsert(catalog.load_builtin())

    def upsert(self, records: Iterable[ExerciseData]) -> tuple[int, int]:
        added = 0
        for data in records:
            if alias_key(data.name) in self.aliases:
                continue
            record = ExerciseRecord(**{**vars_of(data), "id": next(self.ids)})
            self.exercises[record.id] = record
            for name in (data.name, *data.aliases):
                self.aliases.setdefault(alias_key(name), record.id)
            added += 1
        return added, 0

    def copy(self) -> FakeData:
        other = FakeData.__new__(FakeData)
        other.ids = self.ids
        for name in (
            "profiles",
            "readiness",
            "exercises",
            "aliases",
            "sessions",
            "sets",
            "activities",
            "moves",
            "soreness",
            "efforts",
        ):
            setattr(other, name, dict(getattr(self, name)))
        other.rule_sets = list(self.rule_sets)
        return other


def vars_of(data: ExerciseData) -> dict[str, Any]:
    return {name: getattr(data, name) for name in ExerciseData.__dataclass_fields__}


class FakeProfiles:
    def __init__(self, data: FakeData) -> None:
        self.data = data

    def find(self, name: str) -> ProfileRecord | None:
        return self.data.profiles.get(name)

    def get_or_create(self, name: str) -> ProfileRecord:
        if name not in self.data.profiles:
            self.data.profiles[name] = ProfileRecord(next(self.data.ids), name, {})
        return self.data.profiles[name]

    def update_settings(self, profile_id: int, settings: Mapping[str, Any]) -> ProfileRecord:
        (name,) = [n for n, p in self.data.profiles.items() if p.id == profile_id]
        kept = self.data.profiles[name].rule_set_id
        self.data.profiles[name] = ProfileRecord(profile_id, name, dict(settings), kept)
        return self.data.profiles[name]

    def set_rule_set(self, profile_id: int, rule_set_id: int) -> ProfileRecord:
        (name,) = [n for n, p in self.data.profiles.items() if p.id == profile_id]
        self.data.profiles[name] = replace(self.data.profiles[name], rule_set_id=rule_set_id)
        return self.data.profiles[name]


class FakeReadiness:
    def __init__(self, data: FakeData) -> None:
        self.data = data

    def get(self, profile_id: int, day: dt.date) -> ReadinessRecord | None:
        return self.data.readiness.get((profile_id, day))

    def save(
        self,
        profile_id: int,
        day: dt.date,
        inputs: Mapping[str, float],
        state: str,
        *,
        minutes: int | None = None,
        equipment: str | None = None,
    ) -> ReadinessRecord:
        record = ReadinessRecord(
            next(self.data.ids), profile_id, day, dict(inputs), state, NOW, minutes, equipment
        )
        self.data.readiness[(profile_id, day)] = record
        return record


class FakeRuleSets:
    def __init__(self, data: FakeData) -> None:
        self.data = data

    def active(self) -> RuleSetRecord | None:
        return next((r for r in reversed(self.data.rule_sets) if r.active), None)

    def save(self, rules_text: str) -> tuple[RuleSetRecord, bool]:
        record = RuleSetRecord(next(self.data.ids), rules_text, "", True, NOW)
        self.data.rule_sets = [replace(r, active=False) for r in self.data.rule_sets] + [record]
        return record, True

    def get(self, rule_set_id: int) -> RuleSetRecord | None:
        return next((r for r in self.data.rule_sets if r.id == rule_set_id), None)

    def store(self, rules_text: str) -> tuple[RuleSetRecord, bool]:
        found = next((r for r in self.data.rule_sets if r.text == rules_text), None)
        if found is not None:
            return found, False
        record = RuleSetRecord(next(self.data.ids), rules_text, "", False, NOW)
        self.data.rule_sets = [*self.data.rule_sets, record]
        return record, True


class FakeExercises:
    def __init__(self, data: FakeData) -> None:
        self.data = data

    def resolve(self, name: str, *, profile_id: int | None = None) -> ExerciseRecord | None:
        found = self.data.aliases.get(alias_key(name))
        return None if found is None else self.data.exercises[found]

    def resolve_many(
        self, names: Iterable[str], *, profile_id: int | None = None
    ) -> dict[str, ExerciseRecord]:
        return {name: found for name in names if (found := self.resolve(name)) is not None}

    def all(
        self, *, source: str | None = None, profile_id: int | None = None
    ) -> list[ExerciseRecord]:
        records = sorted(self.data.exercises.values(), key=lambda r: r.name)
        return [r for r in records if source is None or r.source == source]

    def suggest(self, name: str, limit: int = 3, *, profile_id: int | None = None) -> list[str]:
        return []

    def set_counts(self, exercise_ids: list[int], *, profile_id: int) -> dict[int, int]:
        counts: dict[int, int] = {}
        for row in self.data.sets.values():
            if row.exercise_id in exercise_ids:
                counts[row.exercise_id] = counts.get(row.exercise_id, 0) + 1
        return counts

    def upsert(self, records: Iterable[ExerciseData]) -> tuple[int, int]:
        return self.data.upsert(records)

    def point_alias(self, name: str, exercise_id: int, *, profile_id: int) -> None:
        self.data.aliases[alias_key(name)] = exercise_id

    def merge(self, source_id: int, target_id: int, *, profile_id: int) -> int:
        raise NotImplementedError("not needed by these tests")


class FakeSessions:
    def __init__(self, data: FakeData) -> None:
        self.data = data

    def active(self, profile_id: int) -> SessionRecord | None:
        found = [
            s
            for s in self.data.sessions.values()
            if s.profile_id == profile_id and s.status == "active"
        ]
        return max(found, key=lambda s: (s.date, s.id), default=None)

    def get(self, profile_id: int, session_id: int) -> SessionRecord | None:
        found = self.data.sessions.get(session_id)
        return found if found is not None and found.profile_id == profile_id else None

    def sets(self, session_id: int) -> list[SetRecord]:
        rows = [r for r in self.data.sets.values() if r.session_id == session_id]
        return sorted(rows, key=lambda r: (r.position, r.id))

    def history(
        self,
        profile_id: int,
        *,
        exercise_id: int | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = None,
        status: str | None = None,
    ) -> list[SessionWithSets]:
        found = [
            SessionWithSets(
                s,
                tuple(
                    r
                    for r in self.sets(s.id)
                    if exercise_id is None or r.exercise_id == exercise_id
                ),
            )
            for s in sorted(self.data.sessions.values(), key=lambda s: (s.date, s.id), reverse=True)
            if s.profile_id == profile_id
            and (since is None or s.date >= since)
            and (until is None or s.date <= until)
            and (status is None or s.status == status)
        ]
        if exercise_id is not None:
            found = [item for item in found if item.sets]
        return found[:limit] if limit is not None else found

    def recent(self, profile_id: int, limit: int) -> list[SessionWithSets]:
        return self.history(profile_id, limit=limit)

    def completed_on(self, profile_id: int, day: dt.date) -> SessionRecord | None:
        done = self.history(profile_id, since=day, until=day, status="completed")
        return max((item.session for item in done), key=lambda s: s.id, default=None)

    def e1rm_rows(
        self, profile_id: int, exercise_id: int, since: dt.date = dt.date.min
    ) -> list[tuple[dt.date, float, int, float | None]]:
        return [
            (item.session.date, row.weight_kg, row.reps, row.rpe)
            for item in reversed(self.history(profile_id, exercise_id=exercise_id, since=since))
            for row in item.sets
            if row.weight_kg is not None and row.reps and row.metadata.get("set_type") != "warmup"
        ]

    def logged_exercise_names(self, profile_id: int) -> list[str]:
        return sorted({row.exercise for item in self.history(profile_id) for row in item.sets})

    def create(
        self, profile_id: int, *, day: dt.date, status: SessionStatus, **fields: Any
    ) -> SessionRecord:
        values: dict[str, Any] = {
            "state": None,
            "archetype": None,
            "session_name": None,
            "anchor_pattern": None,
            "conditioning_protocol": None,
            "plan": None,
            "source": "flux",
            "external_id": None,
            "started_at": NOW if status == "active" else None,
            "ended_at": None,
            **fields,
        }
        if values["plan"] is not None:
            values["plan"] = dict(values["plan"])
        record = SessionRecord(
            id=next(self.data.ids),
            profile_id=profile_id,
            date=day,
            status=status,
            result=None,
            deload=bool(values["plan"] and values["plan"].get("deload")),
            **values,
        )
        self.data.sessions[record.id] = record
        return record

    def start(self, session_id: int) -> SessionRecord:
        record = replace(self.data.sessions[session_id], status="active", started_at=NOW)
        self.data.sessions[session_id] = record
        return record

    def finish(
        self, session_id: int, status: SessionStatus, result: Mapping[str, Any] | None
    ) -> SessionRecord:
        record = replace(
            self.data.sessions[session_id],
            status=status,
            result=None if result is None else dict(result),
            ended_at=NOW,
        )
        self.data.sessions[session_id] = record
        return record

    def adopt_plan(self, session_id: int, **fields: Any) -> SessionRecord:
        deload = bool(fields["plan"].get("deload"))
        record = replace(self.data.sessions[session_id], deload=deload, **fields)
        self.data.sessions[session_id] = record
        return record

    def add_sets(self, session_id: int, sets: Sequence[NewSet]) -> list[SetRecord]:
        last = max((r.position for r in self.sets(session_id)), default=0)
        added = []
        for offset, new in enumerate(sets, start=1):
            row = SetRecord(
                id=next(self.data.ids),
                session_id=session_id,
                exercise_id=new.exercise_id,
                exercise=self.data.exercises[new.exercise_id].name,
                position=last + offset,
                weight_kg=new.weight_kg,
                reps=new.reps,
                seconds=new.seconds,
                distance_m=new.distance_m,
                rpe=new.rpe,
                metadata=dict(new.metadata),
                logged_at=new.logged_at or NOW,
            )
            self.data.sets[row.id] = row
            added.append(row)
        return added

    def delete_last_set(self, session_id: int) -> SetRecord | None:
        rows = self.sets(session_id)
        if not rows:
            return None
        return self.data.sets.pop(rows[-1].id)


class FakeActivities:
    def __init__(self, data: FakeData) -> None:
        self.data = data

    def history(
        self,
        profile_id: int,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = None,
    ) -> list[ActivityRecord]:
        return []  # these tests import no activities

    def last_before(self, profile_id: int, day: dt.date) -> dt.date | None:
        return max((d for d in self.data.activities.get(profile_id, []) if d < day), default=None)


class FakeMoves:
    def __init__(self, data: FakeData) -> None:
        self.data = data

    def rules(self, profile_id: int) -> dict[str, MoveRuleName]:
        mine = {
            self.data.exercises[exercise_id].name: rule
            for (owner, exercise_id), rule in self.data.moves.items()
            if owner == profile_id
        }
        return dict(sorted(mine.items()))

    def set(
        self, profile_id: int, exercise_id: int, rule: MoveRuleName | None
    ) -> MoveRuleName | None:
        before = self.data.moves.pop((profile_id, exercise_id), None)
        if rule is not None:
            self.data.moves[(profile_id, exercise_id)] = rule
        return before


class FakeBody:
    def __init__(self, data: FakeData) -> None:
        self.data = data

    def log_soreness(self, profile_id: int, day: dt.date, values: Mapping[str, float]) -> None:
        for muscle, value in values.items():
            self.data.soreness[(profile_id, day, muscle)] = value

    def soreness(self, profile_id: int, since: dt.date, until: dt.date) -> list[SorenessLog]:
        return sorted(
            (
                SorenessLog(day, muscle, value)
                for (owner, day, muscle), value in self.data.soreness.items()
                if owner == profile_id and since <= day < until
            ),
            key=lambda log: (log.date, log.muscle),
        )

    def set_session_effort(
        self, session_id: int, *, rpe: float | None, minutes: float | None
    ) -> None:
        old_rpe, old_minutes = self.data.efforts.get(session_id, (None, None))
        self.data.efforts[session_id] = (
            old_rpe if rpe is None else rpe,
            old_minutes if minutes is None else minutes,
        )


class FakeUnitOfWork:
    def __init__(self, data: FakeData) -> None:
        self.data = data
        self.profiles = FakeProfiles(data)
        self.readiness = FakeReadiness(data)
        self.rule_sets = FakeRuleSets(data)
        self.exercises = FakeExercises(data)
        self.sessions = FakeSessions(data)
        self.activities = FakeActivities(data)
        self.body = FakeBody(data)
        self.moves = FakeMoves(data)

    def recent_training(
        self, profile_id: int, day: dt.date, archetypes: Iterable[str], sessions: int = 1
    ) -> RecentTraining:
        """The week before `day` and each archetype's last `sessions`, from memory."""
        done = [
            s
            for s in sorted(self.data.sessions.values(), key=lambda s: (s.date, s.id))
            if s.profile_id == profile_id and s.status == "completed" and s.date < day
        ]
        counts: dict[str, int] = {}
        daily: dict[dt.date, dict[str, int]] = {}
        by_pattern: dict[str, set[int]] = {}
        for s in done:
            if s.date < day - dt.timedelta(days=WEEK_DAYS - 1):
                continue
            for row in self.sessions.sets(s.id):
                exercise = self.data.exercises[row.exercise_id]
                counts[exercise.name] = counts.get(exercise.name, 0) + 1
                on_day = daily.setdefault(s.date, {})
                on_day[exercise.name] = on_day.get(exercise.name, 0) + 1
                if exercise.pattern:
                    by_pattern.setdefault(exercise.pattern, set()).add(s.id)
        last: dict[str, frozenset[str]] = {}
        for archetype in archetypes:
            mine = [s for s in done if s.archetype == archetype]
            last[archetype] = frozenset(
                self.data.exercises[row.exercise_id].name
                for past in mine[-sessions:]
                for row in self.sessions.sets(past.id)
            )
        return RecentTraining(
            set_counts=counts,
            pattern_sessions={p: len(ids) for p, ids in sorted(by_pattern.items())},
            last_by_archetype=last,
            daily_counts={d: daily[d] for d in sorted(daily)},
        )

    def history_as_of(self, profile_id: int, day: dt.date, rules: Rules) -> History:
        """Everything before `day`, replayed in full."""
        done = [
            s
            for s in sorted(self.data.sessions.values(), key=lambda s: (s.date, s.id))
            if s.profile_id == profile_id and s.status == "completed" and s.date < day
        ]
        past = [
            PastSession(
                s.date,
                s.archetype,
                frozenset(
                    p
                    for row in self.sessions.sets(s.id)
                    if (p := self.data.exercises[row.exercise_id].pattern) is not None
                ),
                imported=s.source != "flux",
            )
            for s in done
        ]
        lifts: dict[str, list[DatedSet]] = {}
        since = day - dt.timedelta(days=rules.e1rm.window_days)
        for s in sorted(self.data.sessions.values(), key=lambda s: (s.date, s.id)):
            if s.profile_id != profile_id or s.status == "abandoned" or not since <= s.date < day:
                continue
            for row in self.sessions.sets(s.id):
                for name in rules.exercise_names():
                    if self.exercises.resolve(name) == self.data.exercises[row.exercise_id]:
                        lifts.setdefault(name, []).append(DatedSet(s.date, _logged(name, row)))
        attempts = [
            ConditioningAttempt(
                s.date,
                ConditioningPlan.model_validate(s.plan["conditioning"]),
                tuple(_logged(row.exercise, row) for row in self.sessions.sets(s.id)),
            )
            for s in done
            if s.plan and s.plan.get("conditioning")
        ]
        history = History.from_sessions(
            past,
            lift_sets={name: tuple(sets) for name, sets in lifts.items()},
            conditioning=attempts,
            activity_dates=[d for d in self.data.activities.get(profile_id, []) if d < day],
            as_of=day,
        )
        last, hard = self._rotation(day, rules, done)
        return replace(
            history,
            pattern_last_trained=last,
            pattern_hard_sets=hard,
            body=self._body(profile_id, day, rules, done),
        )

    def _rotation(
        self, day: dt.date, rules: Rules, done: list[SessionRecord]
    ) -> tuple[dict[str, dt.date], dict[str, int]]:
        """The sets that train a pattern for the rotation (rules `rotation`): in a session of
        no archetype, or of a counted family's archetype that trains the pattern, and not
        logged too easy. The last date each pattern was so trained, and its sets this week."""
        last: dict[str, dt.date] = {}
        hard: dict[str, int] = {}
        for s in done:
            archetype = rules.archetypes.get(s.archetype) if s.archetype else None
            if s.archetype is not None and (
                archetype is None or archetype.family not in rules.rotation.families
            ):
                continue
            for row in self.sessions.sets(s.id):
                pattern = self.data.exercises[row.exercise_id].pattern
                if pattern is None or (archetype is not None and pattern not in archetype.patterns):
                    continue
                if row.rpe is not None and row.rpe <= rules.rotation.ignore_rpe_at_or_below:
                    continue
                last[pattern] = max(s.date, last.get(pattern, s.date))
                if s.date >= day - dt.timedelta(days=7):
                    hard[pattern] = hard.get(pattern, 0) + 1
        return last, hard

    def _body(
        self, profile_id: int, day: dt.date, rules: Rules, done: list[SessionRecord]
    ) -> BodyHistory:
        """The body inputs inside the rules' windows (the fake keeps no activities)."""
        load_since = day - dt.timedelta(days=rules.load.window_days)
        recovery_since = day - dt.timedelta(days=rules.recovery.window_days)
        sessions = []
        sets = []
        exercises: dict[str, ExerciseBody] = {}
        for s in done:
            rows = self.sessions.sets(s.id)
            rpe, minutes = self.data.efforts.get(s.id, (None, None))
            rpes = [row.rpe for row in rows if row.rpe is not None]
            if s.date >= load_since:
                sessions.append(
                    SessionLoad(
                        date=s.date,
                        name=s.session_name or "session",
                        set_count=len(rows),
                        session_rpe=rpe,
                        minutes=minutes,
                        set_rpes=(sum(rpes) / len(rpes),) if rpes else (),
                        work_seconds=sum(row.seconds or 0 for row in rows),
                    )
                )
            if s.date >= recovery_since:
                for row in rows:
                    sets.append(MuscleSet(s.date, row.exercise, row.rpe))
        for name in {logged.exercise for logged in sets} | rules.exercise_names():
            found = self.exercises.resolve(name, profile_id=profile_id)
            if found is not None:
                exercises[name] = ExerciseBody(
                    found.pattern, tuple(found.primary_muscles), tuple(found.secondary_muscles)
                )
        checkins = sorted(
            (r for (owner, d), r in self.data.readiness.items() if owner == profile_id and d < day),
            key=lambda r: r.date,
        )[-rules.load.deload_checkins :]
        return BodyHistory(
            as_of=day,
            sessions=tuple(sessions),
            sets=tuple(sets),
            soreness=tuple(
                self.body.soreness(profile_id, recovery_since, day + dt.timedelta(days=1))
            ),
            checkins=tuple(CheckinState(r.date, r.state, dict(r.inputs)) for r in checkins),
            exercises=exercises,
        )

    def pr_candidates(
        self, profile_id: int, exercise_ids: Sequence[int], exclude_session: int | None = None
    ) -> dict[int, list[Candidate]]:
        """Every working set of completed, non-deload sessions (a superset of the real answer)."""
        found: dict[int, list[Candidate]] = {}
        for s in self.data.sessions.values():
            deload = bool(s.plan and s.plan.get("deload"))
            if s.profile_id != profile_id or s.status != "completed" or deload:
                continue
            if s.id == exclude_session:
                continue
            for row in self.sessions.sets(s.id):
                if row.exercise_id not in exercise_ids:
                    continue
                for candidate in candidates_of([_logged(row.exercise, row)], s.date):
                    found.setdefault(row.exercise_id, []).append(candidate)
        return found


def _logged(name: str, row: SetRecord) -> LoggedSet:
    return LoggedSet(
        name,
        weight_kg=row.weight_kg,
        reps=row.reps,
        seconds=row.seconds,
        distance_m=row.distance_m,
        rpe=row.rpe,
        metadata=row.metadata,
    )


class FakeStore:
    """Units of work over one `FakeData`: committed when the block ends, dropped if it raises."""

    def __init__(self) -> None:
        self.data = FakeData()
        self.committed = 0

    @contextmanager
    def unit_of_work(self, *, read_only: bool = False) -> Iterator[FakeUnitOfWork]:
        working = self.data.copy()
        yield FakeUnitOfWork(working)
        if not read_only:
            self.data = working
            self.committed += 1

    def close(self) -> None:
        pass
