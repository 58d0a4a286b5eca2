"""What services need from storage: a unit of work with one repository per aggregate.

Services depend on these protocols only; `storage.unit_of_work.SqlUnitOfWork` is the real
one and the service tests' in-memory fake is another (cosmicpython's pattern).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from flux_cli.engine.body import SorenessLog
    from flux_cli.engine.records import Candidate
    from flux_cli.engine.rules import Rules
    from flux_cli.engine.types import History
    from flux_cli.storage.composition import RecentTraining
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
    )


class Profiles(Protocol):
    def find(self, name: str) -> ProfileRecord | None: ...
    def get_or_create(self, name: str) -> ProfileRecord: ...
    def update_settings(self, profile_id: int, settings: Mapping[str, Any]) -> ProfileRecord: ...
    def set_rule_set(self, profile_id: int, rule_set_id: int) -> ProfileRecord: ...


class Readiness(Protocol):
    def get(self, profile_id: int, day: dt.date) -> ReadinessRecord | None: ...
    def save(
        self,
        profile_id: int,
        day: dt.date,
        inputs: Mapping[str, float],
        state: str,
        *,
        minutes: int | None = None,
        equipment: str | None = None,
    ) -> ReadinessRecord: ...


class RuleSets(Protocol):
    def active(self) -> RuleSetRecord | None: ...
    def get(self, rule_set_id: int) -> RuleSetRecord | None: ...
    def save(self, rules_text: str) -> tuple[RuleSetRecord, bool]: ...
    def store(self, rules_text: str) -> tuple[RuleSetRecord, bool]: ...


class Exercises(Protocol):
    # A profile sees the shared catalogue and its own names; None sees the catalogue only.
    def resolve(self, name: str, *, profile_id: int | None = None) -> ExerciseRecord | None: ...
    def resolve_many(
        self, names: Iterable[str], *, profile_id: int | None = None
    ) -> dict[str, ExerciseRecord]: ...
    def all(
        self, *, source: str | None = None, profile_id: int | None = None
    ) -> list[ExerciseRecord]: ...
    def suggest(self, name: str, limit: int = 3, *, profile_id: int | None = None) -> list[str]: ...
    def set_counts(self, exercise_ids: list[int], *, profile_id: int) -> dict[int, int]: ...
    def upsert(self, records: Iterable[ExerciseData]) -> tuple[int, int]: ...
    def point_alias(self, name: str, exercise_id: int, *, profile_id: int) -> None: ...
    def merge(self, source_id: int, target_id: int, *, profile_id: int) -> int: ...


class Sessions(Protocol):
    def active(self, profile_id: int) -> SessionRecord | None: ...
    def get(self, profile_id: int, session_id: int) -> SessionRecord | None: ...
    def sets(self, session_id: int) -> list[SetRecord]: ...
    def history(
        self,
        profile_id: int,
        *,
        exercise_id: int | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = None,
        status: str | None = None,
    ) -> list[SessionWithSets]: ...
    def recent(self, profile_id: int, limit: int) -> list[SessionWithSets]: ...
    def completed_on(self, profile_id: int, day: dt.date) -> SessionRecord | None: ...
    def e1rm_rows(
        self, profile_id: int, exercise_id: int, since: dt.date = ...
    ) -> list[tuple[dt.date, float, int, float | None]]: ...
    def logged_exercise_names(self, profile_id: int) -> list[str]: ...
    def create(
        self,
        profile_id: int,
        *,
        day: dt.date,
        status: SessionStatus,
        state: str | None = None,
        archetype: str | None = None,
        session_name: str | None = None,
        anchor_pattern: str | None = None,
        conditioning_protocol: str | None = None,
        plan: Mapping[str, Any] | None = None,
        source: str = "flux",
        external_id: str | None = None,
        started_at: dt.datetime | None = None,
        ended_at: dt.datetime | None = None,
    ) -> SessionRecord: ...
    def start(self, session_id: int) -> SessionRecord: ...
    def finish(
        self, session_id: int, status: SessionStatus, result: Mapping[str, Any] | None
    ) -> SessionRecord: ...
    def adopt_plan(
        self,
        session_id: int,
        *,
        state: str,
        archetype: str,
        session_name: str,
        anchor_pattern: str | None,
        conditioning_protocol: str | None,
        plan: Mapping[str, Any],
    ) -> SessionRecord: ...
    def add_sets(self, session_id: int, sets: Sequence[NewSet]) -> list[SetRecord]: ...
    def delete_last_set(self, session_id: int) -> SetRecord | None: ...


class Activities(Protocol):
    def history(
        self,
        profile_id: int,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = None,
    ) -> list[ActivityRecord]: ...
    def last_before(self, profile_id: int, day: dt.date) -> dt.date | None: ...


class Moves(Protocol):
    def rules(self, profile_id: int) -> dict[str, MoveRuleName]: ...
    def set(
        self, profile_id: int, exercise_id: int, rule: MoveRuleName | None
    ) -> MoveRuleName | None: ...


class Body(Protocol):
    def log_soreness(self, profile_id: int, day: dt.date, values: Mapping[str, float]) -> None: ...
    def soreness(self, profile_id: int, since: dt.date, until: dt.date) -> list[SorenessLog]: ...
    def set_session_effort(
        self, session_id: int, *, rpe: float | None, minutes: float | None
    ) -> None: ...


class UnitOfWork(Protocol):
    """One transaction: every repository, and the history as of a day."""

    @property
    def profiles(self) -> Profiles: ...
    @property
    def readiness(self) -> Readiness: ...
    @property
    def rule_sets(self) -> RuleSets: ...
    @property
    def exercises(self) -> Exercises: ...
    @property
    def sessions(self) -> Sessions: ...
    @property
    def activities(self) -> Activities: ...
    @property
    def moves(self) -> Moves: ...
    @property
    def body(self) -> Body: ...

    def history_as_of(self, profile_id: int, day: dt.date, rules: Rules) -> History: ...
    def recent_training(
        self, profile_id: int, day: dt.date, archetypes: Iterable[str], sessions: int = 1
    ) -> RecentTraining: ...
    def pr_candidates(
        self, profile_id: int, exercise_ids: Sequence[int], exclude_session: int | None = None
    ) -> dict[int, list[Candidate]]: ...


class Store(Protocol):
    """Where units of work come from: a database, or the tests' memory."""

    def unit_of_work(self, *, read_only: bool = False) -> AbstractContextManager[UnitOfWork]: ...

    def close(self) -> None: ...
