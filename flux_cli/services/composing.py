"""The day's composition inputs: candidates from the catalogue, equipment, time, recent work."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flux_cli.errors import InputError

if TYPE_CHECKING:
    from flux_cli.engine.compose import Candidate, DayContext, MoveRule
    from flux_cli.rules_file import LoadedRules
    from flux_cli.services.ports import UnitOfWork
    from flux_cli.storage.records import ExerciseData, ProfileRecord, ReadinessRecord

MAX_MINUTES = 300


@dataclass(frozen=True, slots=True)
class DayOptions:
    """One day's overrides from the command line: `--minutes`, `--equipment`."""

    minutes: str | None = None
    equipment: str | None = None


def with_checkin(options: DayOptions | None, recorded: ReadinessRecord | None) -> DayOptions:
    """The day's options: those given now, else those stored with the day's check-in (so
    `flux why`, `session swap` and the dashboard compose as the check-in did)."""
    given = options or DayOptions()
    if recorded is None:
        return given
    stored_minutes = None if recorded.minutes is None else str(recorded.minutes)
    return DayOptions(
        minutes=given.minutes if given.minutes is not None else stored_minutes,
        equipment=given.equipment if given.equipment is not None else recorded.equipment,
    )


def stored_options(options: DayOptions | None) -> tuple[int | None, str | None]:
    """The check-in's `--minutes` and `--equipment`, validated, as they are stored: whole
    minutes, and the equipment words in the order given, once each."""
    if options is None:
        return None, None
    minutes = None if options.minutes is None else parse_minutes(options.minutes)
    equipment = None
    if options.equipment is not None:
        equipment_set(options.equipment)  # refuses unknown words before anything is written
        words = [w.strip().lower() for w in options.equipment.split(",") if w.strip()]
        equipment = ",".join(dict.fromkeys(words))
    return minutes, equipment


def parse_minutes(text: str) -> int:
    """`--minutes N`: a whole number of minutes, 1 to 300."""
    try:
        minutes = int(text.strip())
    except ValueError:
        raise InputError(
            f"--minutes must be a whole number of minutes, not '{text}'",
            hint="e.g. --minutes 45",
        ) from None
    if not 0 < minutes <= MAX_MINUTES:
        raise InputError(
            f"--minutes must be between 1 and {MAX_MINUTES}, not {minutes}",
            hint="e.g. --minutes 45",
        )
    return minutes


def equipment_set(text: str) -> frozenset[str]:
    """An equipment list (words and @presets) as a set; unknown names refuse with the known."""
    from flux_cli.engine.compose import EQUIPMENT, PRESETS, UnknownEquipment, parse_equipment

    try:
        return parse_equipment(text)
    except UnknownEquipment as error:
        raise InputError(
            f"unknown equipment '{error}'",
            hint=f"known: {', '.join(EQUIPMENT)}; presets: {', '.join(PRESETS)}",
        ) from None


def candidates_of(uow: UnitOfWork, profile: ProfileRecord) -> list[Candidate]:
    """Every exercise the profile sees, as composition candidates, by name."""
    return [candidate_of(record) for record in uow.exercises.all(profile_id=profile.id)]


def day_context(
    uow: UnitOfWork,
    profile: ProfileRecord,
    loaded: LoadedRules,
    day: dt.date,
    options: DayOptions | None = None,
    *,
    force: bool = False,
    excluded: frozenset[str] = frozenset(),
    keep: frozenset[str] = frozenset(),
) -> DayContext | None:
    """What composition needs for `day`, or None when the day is not composed: the rules
    declare no slots, or composition is off and the day has no budget or equipment (unless
    `force`). `excluded` never appear (swapped out); `keep` must stay (HARD_YES for the day)."""
    from flux_cli.services.base import settings_of

    rules = loaded.rules
    if not rules.composition.slots:
        return None
    options = options or DayOptions()
    settings = settings_of(profile)
    asked = (options.minutes, options.equipment, settings.session_minutes, settings.equipment)
    if not (force or rules.composition.enabled) and all(value is None for value in asked):
        return None
    if options.minutes is not None:
        minutes = parse_minutes(options.minutes)
    else:
        minutes = settings.session_minutes or rules.composition.session_minutes
    from flux_cli.engine.compose import DayContext  # only a composed day pays for it

    equipment = equipment_set(options.equipment or settings.equipment or "@gym")
    candidates = candidates_of(uow, profile)
    recent = uow.recent_training(
        profile.id, day, list(rules.archetypes), rules.composition.recency_sessions
    )
    by_name = {c.name: c for c in candidates}
    weekly: dict[str, float] = {}
    for name, sets in recent.set_counts.items():
        known = by_name.get(name)
        if known is None:
            continue
        for muscle in known.muscles:
            weekly[muscle] = weekly.get(muscle, 0.0) + known.weighted_sets(muscle, sets)
    # The sets that leave the week on each of the next days: 6 days ago, then 5, …
    from flux_cli.storage.composition import WEEK_DAYS

    leaving: dict[str, list[float]] = {}
    first = day - dt.timedelta(days=WEEK_DAYS - 1)
    for ahead in range(WEEK_DAYS - 1):
        for name, sets in recent.daily_counts.get(first + dt.timedelta(days=ahead), {}).items():
            known = by_name.get(name)
            if known is None:
                continue
            for muscle in known.muscles:
                row = leaving.setdefault(muscle, [0.0] * (WEEK_DAYS - 1))
                row[ahead] += known.weighted_sets(muscle, sets)
    kept: dict[str, MoveRule] = {name: "yes" for name in sorted(keep)}
    return DayContext(
        candidates=candidates,
        moves={**uow.moves.rules(profile.id), **kept},
        excluded=excluded,
        equipment=equipment,
        minutes=minutes,
        weekly_sets=weekly,
        leaving={muscle: tuple(sets) for muscle, sets in sorted(leaving.items())},
        pattern_uses=recent.pattern_sessions,
        last_same_archetype=recent.last_by_archetype,
        goal=settings.goal,
    )


def check_slots(loaded: LoadedRules) -> None:
    """Refuse rules whose slots the built-in catalogue can never fill (file:line, exit 2)."""
    from flux_cli import catalog
    from flux_cli.engine.compose.checks import unfillable_slots
    from flux_cli.rules_file import rules_error_at

    if not loaded.rules.composition.slots:
        return
    pool = [candidate_of(entry) for entry in catalog.load_builtin()]
    problems = unfillable_slots(loaded.rules, pool)
    if problems:
        raise rules_error_at(loaded, problems)


def candidate_of(entry: ExerciseData) -> Candidate:
    """A catalogue entry (built-in, seeded or stored) as a composition candidate."""
    from flux_cli.engine.compose import candidate

    return candidate(
        name=entry.name,
        pattern=entry.pattern,
        category=entry.category,
        mechanic=entry.mechanic,
        equipment=entry.equipment,
        primary=entry.primary_muscles,
        secondary=entry.secondary_muscles,
        tracking=entry.tracking,
        load_type=entry.load_type,
        familiar=entry.source != "free-exercise-db",
    )
