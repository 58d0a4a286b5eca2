"""Strength use cases: PR charts (`flux prs`), and the PRs a completed session set."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from flux_cli.errors import InputError
from flux_cli.services.base import Context, known_profile, load_rules, settings_of, unit_of_work

if TYPE_CHECKING:
    from flux_cli.engine.athlete import StrengthIndex
    from flux_cli.engine.records import Records
    from flux_cli.engine.rules import E1RMRules, Rules
    from flux_cli.engine.types import History, LoggedSet, Units
    from flux_cli.profile_settings import ProfileSettings
    from flux_cli.services.ports import UnitOfWork
    from flux_cli.storage.records import ProfileRecord, SessionRecord, SetRecord


@dataclass(frozen=True, slots=True)
class RecordsView:
    """PR charts of the exercises asked for, in the profile's unit, and the Pattern Strength
    Index of each pattern's lead lift over the rules' e1RM window."""

    charts: list[Records]
    units: Units
    strength_index: list[StrengthIndex] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class NewRecord:
    """A PR a session set: which record of which exercise, and its new value."""

    exercise: str
    record: str
    value: float
    weight_kg: float
    reps: int


def personal_records(
    ctx: Context, exercise: str | None = None, today: dt.date | None = None
) -> RecordsView:
    """PR charts for one exercise, or for every lift the profile has logged with a load."""
    from flux_cli.engine.records import records

    with unit_of_work(ctx, read_only=True) as uow:
        loaded = load_rules(ctx, uow)
        profile = known_profile(uow, ctx)
        settings = settings_of(profile)
        if exercise is not None:
            found = uow.exercises.resolve(exercise, profile_id=profile.id)
            if found is None:
                suggestions = uow.exercises.suggest(exercise, profile_id=profile.id)
                raise InputError(
                    f"unknown exercise '{exercise}'",
                    hint=f"did you mean: {', '.join(suggestions)}?"
                    if suggestions
                    else "see the names with: flux exercises list",
                )
            wanted = {found.id: found.name}
        else:
            names = uow.sessions.logged_exercise_names(profile.id)
            resolved = uow.exercises.resolve_many(names, profile_id=profile.id)
            wanted = {record.id: record.name for record in resolved.values()}
        candidates = uow.pr_candidates(profile.id, sorted(wanted))
        charts = [
            records(name, candidates.get(exercise_id, []), settings.e1rm_formula, loaded.rules.e1rm)
            for exercise_id, name in sorted(wanted.items(), key=lambda item: item[1])
        ]
        if exercise is None:
            charts = [chart for chart in charts if chart.e1rm or chart.best_set_volume]
        day = today or dt.date.today()
        history = uow.history_as_of(profile.id, day + dt.timedelta(days=1), loaded.rules)
        index = pattern_strength_index(loaded.rules, settings, history, day)
        return RecordsView(charts=charts, units=settings.units, strength_index=index)


def pattern_strength_index(
    rules: Rules, settings: ProfileSettings, history: History, day: dt.date
) -> list[StrengthIndex]:
    """Each pattern's Pattern Strength Index on `day` from its main lift (`flux prs`, Today).

    `history` must hold `day` itself (read as of the day after) for today's sets to count.
    """
    from flux_cli.engine.athlete import strength_index

    green = rules.states[-1].name  # the state without warning signs: the main lifts
    leads = [(pattern, rules.selections[pattern][green]) for pattern in rules.patterns]
    return strength_index(leads, history, settings.e1rm_formula, rules.e1rm, day)


_RECORD_NAMES = {
    "e1rm": "e1RM",
    "1rm": "1-rep max",
    "3rm": "3-rep max",
    "5rm": "5-rep max",
    "10rm": "10-rep max",
    "heaviest_single": "heaviest single",
    "volume": "best set volume",
}


def record_name(key: str) -> str:
    """A record key in words (`5rm` → `5-rep max`)."""
    return _RECORD_NAMES.get(key, key)


def session_records(
    uow: UnitOfWork,
    profile: ProfileRecord,
    session: SessionRecord,
    rows: Sequence[SetRecord],
    e1rm_rules: E1RMRules,
) -> list[NewRecord]:
    """The PRs `rows` (this session's sets) set against every earlier completed session.

    A session done in a deload sets none.
    """
    from flux_cli.engine.records import broken, candidates_of, records

    if session.plan and session.plan.get("deload"):
        return []
    formula = settings_of(profile).e1rm_formula
    by_exercise: dict[int, list[SetRecord]] = {}
    for row in rows:
        if row.weight_kg and row.reps:
            by_exercise.setdefault(row.exercise_id, []).append(row)
    if not by_exercise:
        return []
    before = uow.pr_candidates(profile.id, sorted(by_exercise), exclude_session=session.id)
    found: list[NewRecord] = []
    for exercise_id, logged in by_exercise.items():
        name = logged[0].exercise
        old = records(name, before.get(exercise_id, []), formula, e1rm_rules)
        today = candidates_of([_as_logged(row) for row in logged], session.date)
        new = records(name, [*before.get(exercise_id, []), *today], formula, e1rm_rules)
        if not before.get(exercise_id):
            continue  # a first time is not a record worth announcing
        for key in broken(old, new):
            record = new.e1rm if key == "e1rm" else None
            if key == "heaviest_single":
                record = new.heaviest_single
            elif key == "volume":
                record = new.best_set_volume
            elif key.endswith("rm") and key != "e1rm":
                record = new.rep_maxes.get(key[:-2])
            if record is not None:
                found.append(NewRecord(name, key, record.value, record.weight_kg, record.reps))
    return found


def _as_logged(row: SetRecord) -> LoggedSet:
    from flux_cli.engine.types import LoggedSet

    return LoggedSet(
        row.exercise, weight_kg=row.weight_kg, reps=row.reps, rpe=row.rpe, metadata=row.metadata
    )
