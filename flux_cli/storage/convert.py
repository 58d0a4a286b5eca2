"""ORM rows → plain records, so rows never leave `flux_cli.storage`."""

from __future__ import annotations

from typing import cast

from flux_cli.storage.models import (
    Exercise,
    Profile,
    ReadinessLog,
    RuleSet,
)
from flux_cli.storage.records import (
    ExerciseRecord,
    ExerciseSource,
    LoadType,
    ProfileRecord,
    ReadinessRecord,
    RuleSetRecord,
    Tracking,
    session_record,
    set_record,
)

__all__ = [
    "exercise_record",
    "profile_record",
    "readiness_record",
    "rule_set_record",
    "session_record",
    "set_record",
]


def profile_record(row: Profile) -> ProfileRecord:
    return ProfileRecord(id=row.id, name=row.name, settings=dict(row.settings or {}))


def readiness_record(row: ReadinessLog) -> ReadinessRecord:
    return ReadinessRecord(
        id=row.id,
        profile_id=row.profile_id,
        date=row.date,
        inputs=dict(row.inputs),
        state=row.state,
        recorded_at=row.recorded_at,
    )


def exercise_record(row: Exercise) -> ExerciseRecord:
    return ExerciseRecord(
        id=row.id,
        name=row.name,
        aliases=tuple(row.aliases or ()),
        pattern=row.pattern,
        category=row.category,
        mechanic=row.mechanic,
        equipment=row.equipment,
        primary_muscles=tuple(row.primary_muscles or ()),
        secondary_muscles=tuple(row.secondary_muscles or ()),
        tracking=cast(Tracking, row.tracking),
        load_type=cast(LoadType, row.load_type),
        source=cast(ExerciseSource, row.source),
    )


def rule_set_record(row: RuleSet) -> RuleSetRecord:
    return RuleSetRecord(
        id=row.id, text=row.text, sha256=row.sha256, active=row.active, created_at=row.created_at
    )
