"""Rules files pushed into the database (`flux seed`), stored once per content.

Each profile points at the rule set it seeded (`ProfileRepository.set_rule_set`). The
`active` flag is what flux set before rule sets were per profile: such a rule set still
applies to every profile that has not seeded its own.
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import TYPE_CHECKING, Any

from sqlalchemy import DateTime, text

from flux_cli.storage.records import RuleSetRecord, utc

if TYPE_CHECKING:
    from flux_cli.storage.unit_of_work import SqlUnitOfWork

_BY_ID = text("SELECT id, text, sha256, active, created_at FROM rule_sets WHERE id = :id").columns(
    created_at=DateTime
)
_ACTIVE = text(
    "SELECT id, text, sha256, active, created_at FROM rule_sets"
    " WHERE active = :yes ORDER BY id DESC LIMIT 1"
).columns(created_at=DateTime)


class RuleSetRepository:
    def __init__(self, uow: SqlUnitOfWork) -> None:
        self._uow = uow

    def get(self, rule_set_id: int) -> RuleSetRecord | None:
        """The rule set with this id, or None."""
        row = self._uow.connection.execute(_BY_ID, {"id": rule_set_id}).first()
        return None if row is None else _record(row)

    def store(self, rules_text: str) -> tuple[RuleSetRecord, bool]:
        """Store a rules file once per content, activating nothing; (record, created)."""
        from sqlalchemy import select

        from flux_cli.storage.models import RuleSet

        s = self._uow.orm
        digest = hashlib.sha256(rules_text.encode("utf-8")).hexdigest()
        row = s.scalars(select(RuleSet).where(RuleSet.sha256 == digest)).first()
        created = row is None
        if row is None:
            row = RuleSet(text=rules_text, sha256=digest, active=False)
            s.add(row)
            s.flush()
        return _record(row), created

    def active(self) -> RuleSetRecord | None:
        """The database-wide rule set an earlier flux seeded, or None."""
        row = self._uow.connection.execute(_ACTIVE, {"yes": True}).first()
        return None if row is None else _record(row)

    def save(self, rules_text: str) -> tuple[RuleSetRecord, bool]:
        """Store a rules file and make it the database-wide one, as flux did before rule sets
        were per profile (kept for databases of that shape); (record, created)."""
        record, created = self.store(rules_text)
        self._uow.connection.execute(
            text("UPDATE rule_sets SET active = (id = :id)"), {"id": record.id}
        )
        self._uow.orm.expire_all()  # the ORM's copies of other rule sets held the old flag
        return dataclasses.replace(record, active=True), created


def _record(row: Any) -> RuleSetRecord:
    return RuleSetRecord(
        id=row.id,
        text=row.text,
        sha256=row.sha256,
        active=bool(row.active),
        created_at=utc(row.created_at),
    )
