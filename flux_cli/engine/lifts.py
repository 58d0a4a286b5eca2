"""The day's lifts: each prescription by its progression style, with deload and return
modifiers applied (DESIGN §3, step 6)."""

from __future__ import annotations

import datetime as dt

from flux_cli.engine.athlete import Exposure, estimate, exposures_of
from flux_cli.engine.deload import DeloadDecision
from flux_cli.engine.rules import Block, Rules
from flux_cli.engine.strength import Modifiers, prescribe
from flux_cli.engine.types import History, PlannedExercise, ProfileFacts
from flux_cli.engine.units import equipment_of


class DayContext:
    """What the day's modifiers decided, and exposures read once per lift."""

    def __init__(self, today: dt.date, deload: DeloadDecision | None, returning: int | None):
        self.today = today
        self.deload = deload
        self.returning = returning
        self._cache: dict[str, list[Exposure]] = {}

    def exposures(self, history: History, name: str) -> list[Exposure]:
        if name not in self._cache:
            self._cache[name] = exposures_of(history, name)
        return self._cache[name]


def plan_lift(
    rules: Rules,
    profile: ProfileFacts,
    history: History,
    state: str,
    block: Block,
    name: str,
    pattern: str | None,
    context: DayContext,
    rationale: list[str],
) -> PlannedExercise:
    """One lift of the day by its prescription's style, with the day's modifiers applied."""
    assert block.prescription is not None, "rules validation requires it"
    prescribed = rules.prescriptions[block.prescription][state]
    exposures = context.exposures(history, name)
    e1rm = estimate(
        exposures,
        profile.e1rm_formula,
        rules.e1rm,
        context.today,
        profile.one_rep_maxes.get(name),
    )
    sets_factor, rpe_drop, labels = 1.0, 0.0, []
    if context.deload is not None:
        sets_factor *= rules.deload.sets_factor
        rpe_drop += rules.deload.rpe_drop
        labels.append("deload")
    if e1rm is not None and e1rm.days_since > rules.layoff.gap_days and prescribed.reps is not None:
        sets_factor *= rules.layoff.sets_factor
        labels.append(f"first time back after {e1rm.days_since} days")
    decided = prescribe(
        name,
        prescribed,
        rules.strength.styles.get(block.prescription),
        rules.strength,
        exposures,
        e1rm,
        equipment_of(profile),
        Modifiers(sets_factor, rpe_drop, ", ".join(labels)),
    )
    if decided.reason:
        rationale.append(decided.reason)
    return PlannedExercise(
        name=name,
        pattern=pattern,
        block=block.block,
        sets=decided.sets,
        reps=decided.reps,
        seconds=prescribed.seconds,
        load_kg=decided.load_kg,
        rpe=decided.rpe,
        percent_e1rm=decided.percent_e1rm,
        e1rm_kg=None if e1rm is None else round(e1rm.value, 1),
        rest_s=prescribed.rest_s,
        style=decided.style,
        previous=decided.previous,
        next_set_rule=decided.next_set_rule,
    )
