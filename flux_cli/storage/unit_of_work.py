"""One transaction with a repository per aggregate: what every service works through.

Reads run as plain SQL on the unit's connection (SQLAlchemy Core): a short-lived command
never pays for the ORM. Writes that need the ORM open a `Session` on the same connection
the first time they run, so one unit of work is still one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from flux_cli.storage.activities import ActivityRepository
from flux_cli.storage.body import BodyRepository
from flux_cli.storage.exercises import ExerciseRepository
from flux_cli.storage.moves import MoveRepository
from flux_cli.storage.profiles import ProfileRepository
from flux_cli.storage.readiness import ReadinessRepository
from flux_cli.storage.rule_sets import RuleSetRepository
from flux_cli.storage.sessions import SessionRepository

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from flux_cli.engine.records import Candidate
    from flux_cli.engine.rules import Rules
    from flux_cli.engine.types import History
    from flux_cli.storage.composition import RecentTraining


class SqlUnitOfWork:
    """The repositories of one transaction on `connection` (see the module docstring)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._orm: Session | None = None
        self.profiles = ProfileRepository(self)
        self.readiness = ReadinessRepository(self)
        self.rule_sets = RuleSetRepository(self)
        self.exercises = ExerciseRepository(self)
        self.sessions = SessionRepository(self)
        self.activities = ActivityRepository(self)
        self.moves = MoveRepository(self)
        self.body = BodyRepository(self)

    @property
    def dialect(self) -> str:
        return self.connection.dialect.name

    @property
    def orm(self) -> Session:
        """An ORM session inside this unit's transaction, opened on first use."""
        if self._orm is None:
            from sqlalchemy.orm import Session

            # Joins the unit's transaction: only the unit commits or rolls it back.
            self._orm = Session(bind=self.connection, expire_on_commit=False)
        return self._orm

    def history_as_of(self, profile_id: int, day: dt.date, rules: Rules) -> History:
        """The engine's view of the past as of the start of `day` (`storage.history`)."""
        from flux_cli.storage.history import history_as_of

        return history_as_of(self.connection, profile_id, day, rules)

    def recent_training(
        self, profile_id: int, day: dt.date, archetypes: Iterable[str], sessions: int = 1
    ) -> RecentTraining:
        """The week before `day` and each archetype's last `sessions`, for composition."""
        from flux_cli.storage.composition import recent_training

        return recent_training(self.connection, profile_id, day, archetypes, sessions)

    def pr_candidates(
        self, profile_id: int, exercise_ids: Sequence[int], exclude_session: int | None = None
    ) -> dict[int, list[Candidate]]:
        """Per exercise id, the sets that can hold its PRs (`storage.prs`)."""
        from flux_cli.storage.prs import pr_candidates

        return pr_candidates(self.connection, profile_id, exercise_ids, exclude_session)

    def flush(self) -> None:
        """Send pending ORM writes (the transaction commits when the unit ends)."""
        if self._orm is not None:
            self._orm.flush()

    def rollback(self) -> None:
        """Undo everything this unit wrote (a dry run); nothing is committed at its end."""
        self.close()
        self.connection.rollback()

    def close(self) -> None:
        if self._orm is not None:
            self._orm.close()
            self._orm = None
