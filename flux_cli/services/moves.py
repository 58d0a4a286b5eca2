"""`flux moves …`: a profile's movement rules (HARD_NO, HARD_YES, PREFERRED)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from flux_cli.errors import InputError
from flux_cli.services.base import known_profile, profile_for_write, unit_of_work

if TYPE_CHECKING:
    from flux_cli.services.base import Context
    from flux_cli.services.ports import UnitOfWork
    from flux_cli.storage.records import ExerciseRecord

Rule = Literal["no", "yes", "prefer"]
# The words the athlete reads: the rule names of DESIGN §1.
RULE_NAMES: dict[str, str] = {"no": "HARD_NO", "yes": "HARD_YES", "prefer": "PREFERRED"}


@dataclass(frozen=True, slots=True)
class MoveChange:
    exercise: str
    rule: Rule | None
    replaced: Rule | None


@dataclass(frozen=True, slots=True)
class MoveRow:
    exercise: str
    rule: Rule


def resolve_exercise(uow: UnitOfWork, name: str, profile_id: int) -> ExerciseRecord:
    """The exercise `name` names for the profile; unknown → exit 2 with suggestions."""
    found = uow.exercises.resolve(name, profile_id=profile_id)
    if found is None:
        suggestions = uow.exercises.suggest(name, profile_id=profile_id)
        hint = f"did you mean: {', '.join(suggestions)}?" if suggestions else None
        raise InputError(f"unknown exercise '{name}'", hint=hint or "see: flux exercises list")
    return found


def set_move(ctx: Context, name: str, rule: Rule | None) -> MoveChange:
    """Give the exercise `rule` (None clears it); a rule set before is replaced, and said."""
    with unit_of_work(ctx) as uow:
        profile_id = profile_for_write(uow, ctx).id
        exercise = resolve_exercise(uow, name, profile_id)
        before = uow.moves.set(profile_id, exercise.id, rule)
        return MoveChange(exercise.name, rule, before)


def list_moves(ctx: Context) -> list[MoveRow]:
    with unit_of_work(ctx, read_only=True) as uow:
        profile = known_profile(uow, ctx)
        return [MoveRow(name, rule) for name, rule in uow.moves.rules(profile.id).items()]
