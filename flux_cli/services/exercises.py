"""`flux exercises …`: list the catalogue, and map another app's name onto an exercise.

Both are per profile: a profile sees the shared catalogue and its own custom exercises,
aliases and set counts, never another profile's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from flux_cli.errors import InputError
from flux_cli.services.base import known_profile, profile_for_write, unit_of_work

if TYPE_CHECKING:
    from flux_cli.services.base import Context
    from flux_cli.storage.records import ExerciseRecord


MAX_NAME_LENGTH = 200  # exercise names and aliases: VARCHAR(200) in storage.models


@dataclass(frozen=True, slots=True)
class ExerciseRow:
    exercise: ExerciseRecord
    sets: int


@dataclass(frozen=True, slots=True)
class AliasResult:
    """`alias` now means `exercise`; `merged` names the custom exercise folded into it."""

    alias: str
    exercise: str
    merged: str | None = None
    sets_moved: int = 0
    changed: bool = True


def list_exercises(ctx: Context, *, custom_only: bool = False) -> list[ExerciseRow]:
    """Every exercise the profile sees by name (only custom ones if asked), with its sets."""
    with unit_of_work(ctx, read_only=True) as uow:
        profile = known_profile(uow, ctx)
        source = "custom" if custom_only else None
        records = uow.exercises.all(source=source, profile_id=profile.id)
        counts = uow.exercises.set_counts([r.id for r in records], profile_id=profile.id)
        return [ExerciseRow(record, counts.get(record.id, 0)) for record in records]


def alias_exercise(ctx: Context, other_name: str, catalogue_name: str) -> AliasResult:
    """Make `other_name` resolve, for this profile only, to the exercise `catalogue_name` names.

    When `other_name` is a custom exercise (as imports create), it is folded into the
    target: its sets move over and it is deleted. A catalogue exercise's own name cannot
    be re-pointed.
    """
    from flux_cli.storage.records import alias_key

    alias = " ".join(other_name.split())
    if not alias:
        raise InputError(
            "the other name is empty",
            hint="e.g. flux exercises alias 'Leg Press Keller' 'Leg Press'",
        )
    if max(len(alias), len(alias_key(alias))) > MAX_NAME_LENGTH:
        raise InputError(
            f"the other name is {len(alias)} characters long, at most {MAX_NAME_LENGTH} "
            "are allowed",
            hint="give the name as the other app writes it",
        )
    with unit_of_work(ctx) as uow:
        profile_id = profile_for_write(uow, ctx).id
        target = uow.exercises.resolve(catalogue_name, profile_id=profile_id)
        if target is None:
            suggestions = uow.exercises.suggest(catalogue_name, profile_id=profile_id)
            hint = f"did you mean: {', '.join(suggestions)}?" if suggestions else None
            raise InputError(f"unknown exercise '{catalogue_name}'", hint=hint)
        owner = uow.exercises.resolve(alias, profile_id=profile_id)
        if owner is not None and owner.id == target.id:
            return AliasResult(alias, target.name, changed=False)
        if owner is not None and alias_key(owner.name) == alias_key(alias):
            if owner.source != "custom":
                raise InputError(
                    f"'{alias}' is the name of the catalogue exercise '{owner.name}'",
                    hint="only other apps' names and custom exercises can be aliased",
                )
            moved = uow.exercises.merge(owner.id, target.id, profile_id=profile_id)
            uow.exercises.point_alias(alias, target.id, profile_id=profile_id)
            return AliasResult(alias, target.name, merged=owner.name, sets_moved=moved)
        uow.exercises.point_alias(alias, target.id, profile_id=profile_id)
        return AliasResult(alias, target.name)
