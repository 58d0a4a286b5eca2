"""Profiles: one athlete each, found by name, with their settings and seeded rule set.

The rule set a profile seeded is kept in its settings JSON under `RULE_SET_KEY` (no schema
change); records carry it apart, so the settings a profile shows and sets never include it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, text

from flux_cli.storage.records import ProfileRecord

if TYPE_CHECKING:
    from flux_cli.storage.unit_of_work import SqlUnitOfWork

RULE_SET_KEY = "_rule_set_id"
_FIND = text("SELECT id, name, settings FROM profiles WHERE name = :name").columns(settings=JSON)


class ProfileRepository:
    def __init__(self, uow: SqlUnitOfWork) -> None:
        self._uow = uow

    def find(self, name: str) -> ProfileRecord | None:
        """The profile called `name`, or None (nothing is created)."""
        row = self._uow.connection.execute(_FIND, {"name": name}).first()
        if row is None:
            return None
        return _record(row.id, row.name, row.settings)

    def get_or_create(self, name: str) -> ProfileRecord:
        """The profile called `name`, created with empty settings on first use."""
        found = self.find(name)
        if found is not None:
            return found
        from flux_cli.storage.models import Profile, insert_for, utcnow

        # ON CONFLICT: a concurrent PostgreSQL transaction may create it first.
        insert = insert_for(self._uow.dialect, Profile).values(
            name=name, settings={}, created_at=utcnow()
        )
        self._uow.connection.execute(insert.on_conflict_do_nothing(index_elements=["name"]))
        created = self.find(name)
        assert created is not None
        return created

    def lock(self, profile_id: int) -> None:
        """Hold the profile's row until the transaction ends (SQLite's writer lock already does)."""
        if self._uow.dialect != "sqlite":
            self._uow.connection.execute(
                text("SELECT id FROM profiles WHERE id = :id FOR UPDATE"), {"id": profile_id}
            )

    def update_settings(self, profile_id: int, settings: Mapping[str, Any]) -> ProfileRecord:
        """Replace the profile's settings."""
        from flux_cli.storage.models import Profile

        row = self._uow.orm.get_one(Profile, profile_id)
        kept = {RULE_SET_KEY: row.settings[RULE_SET_KEY]} if RULE_SET_KEY in row.settings else {}
        row.settings = {**dict(settings), **kept}
        self._uow.orm.flush()
        return _record(row.id, row.name, row.settings)

    def set_rule_set(self, profile_id: int, rule_set_id: int) -> ProfileRecord:
        """Make `rule_set_id` the rules this profile plans by (until it seeds another)."""
        from flux_cli.storage.models import Profile

        row = self._uow.orm.get_one(Profile, profile_id)
        row.settings = {**dict(row.settings or {}), RULE_SET_KEY: rule_set_id}
        self._uow.orm.flush()
        return _record(row.id, row.name, row.settings)


def _record(profile_id: int, name: str, stored: Mapping[str, Any] | None) -> ProfileRecord:
    settings = dict(stored or {})
    rule_set = settings.pop(RULE_SET_KEY, None)
    return ProfileRecord(
        id=profile_id,
        name=name,
        settings=settings,
        rule_set_id=rule_set if isinstance(rule_set, int) else None,
    )
