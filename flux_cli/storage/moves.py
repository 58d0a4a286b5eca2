"""Movement rules per profile (HARD_NO / HARD_YES / PREFERRED), in plain SQL."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, cast

from sqlalchemy import text

if TYPE_CHECKING:
    from flux_cli.storage.unit_of_work import SqlUnitOfWork

MoveRuleName = Literal["no", "yes", "prefer"]

_BY_PROFILE = text(
    "SELECT e.name, m.rule FROM movement_rules m JOIN exercises e ON e.id = m.exercise_id"
    " WHERE m.profile_id = :profile_id ORDER BY e.name"
)
_ONE = text(
    "SELECT rule FROM movement_rules WHERE profile_id = :profile_id AND exercise_id = :exercise_id"
)
_DELETE = text(
    "DELETE FROM movement_rules WHERE profile_id = :profile_id AND exercise_id = :exercise_id"
)
_INSERT = text(
    "INSERT INTO movement_rules (profile_id, exercise_id, rule)"
    " VALUES (:profile_id, :exercise_id, :rule)"
)


class MoveRepository:
    """One rule per profile and exercise; setting a rule replaces the one before it."""

    def __init__(self, uow: SqlUnitOfWork) -> None:
        self._uow = uow

    def rules(self, profile_id: int) -> dict[str, MoveRuleName]:
        """Exercise name → rule, by name."""
        rows = self._uow.connection.execute(_BY_PROFILE, {"profile_id": profile_id})
        return {row.name: cast(MoveRuleName, row.rule) for row in rows}

    def set(
        self, profile_id: int, exercise_id: int, rule: MoveRuleName | None
    ) -> MoveRuleName | None:
        """Set (or with None, clear) the rule; returns the rule it replaced, if any."""
        where = {"profile_id": profile_id, "exercise_id": exercise_id}
        before = self._uow.connection.execute(_ONE, where).scalar_one_or_none()
        self._uow.connection.execute(_DELETE, where)
        if rule is not None:
            self._uow.connection.execute(_INSERT, {**where, "rule": rule})
        return cast("MoveRuleName | None", before)
