"""Composition inside the planner: the planner's decisions stay, slots fill the rest.

The planner keeps state → archetype → anchor → lead lift; this module turns the
archetype's slots into a CP-SAT request around that work and the picks back into
planned exercises with their slot, equipment, muscles and reason.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from flux_cli.engine.compose.candidates import Candidate, set_seconds
from flux_cli.engine.compose.compose import compose, together
from flux_cli.engine.compose.model import LOADED, Setting, allowed
from flux_cli.engine.compose.request import DayContext, FixedItem, SlotOption, ranged
from flux_cli.engine.composition_rules import SLOT_ORDER, Qualifier
from flux_cli.engine.conditions import format_number
from flux_cli.engine.regions import BodyDay
from flux_cli.engine.rules import Block, Rules
from flux_cli.engine.types import (
    ConditioningPlan,
    ExerciseMuscles,
    PlannedExercise,
    RelaxedConstraint,
    SessionQuality,
)

Prescribe = Callable[[Block, str, "str | None"], PlannedExercise]


@dataclass
class Composed:
    exercises: list[PlannedExercise]
    rationale: list[str] = field(default_factory=list)
    estimated_minutes: float | None = None
    relaxed: list[RelaxedConstraint] = field(default_factory=list)
    quality: SessionQuality | None = None
    # The rules' fixed-block exercises the slots replaced (their planner lines are stale).
    replaced: list[str] = field(default_factory=list)
    # Picks whose sets the solver chose away from the prescription: name → (prescribed, chosen).
    resized: dict[str, tuple[int, int]] = field(default_factory=dict)

    def without_replaced(self, rationale: list[str]) -> list[str]:
        """`rationale` without the planner's line for each exercise the slots replaced, and
        with the chosen sets in the prescription line of each pick the solver resized."""
        kept = list(rationale)
        for name in self.replaced:
            line = next((line for line in kept if line.startswith(f"{name} ")), None)
            if line is not None:
                kept.remove(line)
        for name, (prescribed, chosen) in self.resized.items():
            old = f"{name} {prescribed}×"
            kept = [
                f"{name} {chosen}×{line[len(old) :]}" if line.startswith(old) else line
                for line in kept
            ]
        return kept


def _by_name(candidates: Sequence[Candidate]) -> dict[str, Candidate]:
    return {c.name.lower(): c for c in candidates}


def _muscles(candidate: Candidate | None) -> ExerciseMuscles | None:
    if candidate is None:
        return None
    return ExerciseMuscles(primary=list(candidate.primary), secondary=list(candidate.secondary))


def with_body(rules: Rules, day: DayContext, body: BodyDay | None) -> DayContext:
    """The day's context with the body's say: per-muscle recovery (issue 11's, what `flux
    recovery` shows) scales the session caps, and each restricted region bars the composed
    resistance work that loads it (its patterns and muscles, plus the rules' region_muscles)."""
    if body is None:
        return day
    recovery: Mapping[str, float] = day.recovery or {
        muscle: percent / 100 for muscle, percent in (body.recovery or {}).items()
    }
    muscles = dict(day.restricted_muscles)
    patterns = dict(day.restricted_patterns)
    exercises = dict(day.restricted_exercises)
    for limit in body.limits:
        why = f"{limit.why}: {limit.region}"
        extra = rules.composition.region_muscles.get(limit.region, [])
        for muscle in [*limit.area.muscles, *extra]:
            muscles.setdefault(muscle, why)
        for pattern in limit.area.patterns:
            patterns.setdefault(pattern, why)
        for name in limit.area.exercises:
            exercises.setdefault(name, why)
    return replace(
        day,
        recovery=recovery,
        restricted_muscles=muscles,
        restricted_patterns=patterns,
        restricted_exercises=exercises,
    )


def _restriction_lines(day: DayContext) -> list[str]:
    """One line per restricted region: what the composed work leaves out for it."""
    spared: dict[str, list[str]] = {}
    for pattern, why in day.restricted_patterns.items():
        spared.setdefault(why, []).append(pattern)
    for muscle, why in day.restricted_muscles.items():
        spared.setdefault(why, []).append(f"{muscle} work")
    return [f"{why}: composed work leaves out {', '.join(what)}" for why, what in spared.items()]


def _recovery_lines(day: DayContext) -> list[str]:
    """One line naming the least recovered muscles, whose session caps recovery lowered."""
    tired = sorted((share, muscle) for muscle, share in day.recovery.items() if share < 1)
    if not tired:
        return []
    words = ", ".join(
        f"{muscle} {format_number(round(share * 100))}%" for share, muscle in tired[:4]
    )
    return [f"session caps scaled by recovery: {words}"]


def _loadable(pattern: str, probe: Setting) -> bool:
    """Whether any exercise of `pattern` the day allows takes a load."""
    return any(
        candidate.pattern == pattern
        and candidate.load_type in LOADED
        and allowed(candidate, probe) is None
        for candidate in probe.day.candidates
    )


def compose_plan(
    rules: Rules,
    archetype_name: str,
    state: str,
    planned: list[PlannedExercise],
    conditioning: ConditioningPlan | None,
    day: DayContext,
    prescribe: Prescribe,
    body: BodyDay | None = None,
) -> Composed:
    """Today's session from the archetype's slots around the planner's own work."""
    comp = rules.composition
    # The planner's own work already took the region restrictions (a pain-free regression
    # stands in): the probe of that work checks equipment and movement rules alone.
    planner_day = day
    day = with_body(rules, day, body)
    archetype = rules.archetypes[archetype_name]
    uses = {block.block: block for block in archetype.blocks}
    known = _by_name(day.candidates)
    slot_rules = comp.slots[archetype_name]
    options: list[SlotOption] = []
    fixed: list[FixedItem] = []
    kept: list[PlannedExercise] = []
    relaxed: list[RelaxedConstraint] = []
    replaced: list[str] = []
    resized: dict[str, tuple[int, int]] = {}
    probe = Setting(
        rules=comp,
        archetype=archetype_name,
        patterns=tuple(archetype.patterns),
        family=archetype.family,
        slots=(),
        fixed=(),
        day=planner_day,
    )

    def option(
        index: int,
        slot: str,
        key: str,
        qualifies: Qualifier,
        low: int,
        high: int,
        set_range: list[int] | None = None,
        stands_in: bool = False,
    ) -> None:
        prescribed = rules.prescriptions[key][state]
        sets, chosen = ranged(prescribed.sets, set_range)
        options.append(
            SlotOption(
                slot=slot,
                index=index,
                minimum=low,
                maximum=high,
                sets=sets,
                reps=prescribed.reps,
                seconds=prescribed.seconds,
                rest_s=prescribed.rest_s,
                prescription=key,
                qualifies=qualifies,
                set_range=chosen,
                stands_in=stands_in,
            )
        )

    planned_slots = {rule.slot for rule in slot_rules if rule.use == "planned"}
    for exercise in planned:
        block = uses.get(exercise.block)
        if block is None or (block.use in ("exercise",) and exercise.block not in planned_slots):
            replaced.append(exercise.name)  # a fixed exercise of the block layout: the slots
            continue  # replace it
        slot = exercise.block if exercise.block in SLOT_ORDER else "main"
        candidate = known.get(exercise.name.lower())
        barred = None if candidate is None else allowed(candidate, probe)
        if barred is not None and block.prescription is not None and exercise.pattern:
            key, bodyweight = block.prescription, ""
            if comp.bodyweight_prescription and not _loadable(exercise.pattern, probe):
                key = comp.bodyweight_prescription
                bodyweight = f", with bodyweight alone: the {key} prescription"
            relaxed.append(
                RelaxedConstraint(
                    constraint="equipment" if barred.startswith("not equipped") else "movement",
                    reason=f"{exercise.name} is {barred}: the best {exercise.pattern} "
                    f"exercise available stands in{bodyweight}",
                )
            )
            option(
                SLOT_ORDER.index(slot) * 100 + len(options),
                slot,
                key,
                Qualifier(patterns=[exercise.pattern]),
                1,
                1,
                stands_in=True,
            )
            continue
        seconds = set_seconds(
            sets=exercise.sets,
            reps=exercise.reps,
            seconds=exercise.seconds,
            rest_s=exercise.rest_s,
            unilateral=bool(candidate and candidate.unilateral),
            tempo_s_per_rep=comp.time.tempo_s_per_rep,
            setup_s=comp.time.setup_s_loaded_bar
            if candidate and candidate.load_type == "barbell"
            else comp.time.setup_s,
        )
        fixed.append(FixedItem(slot, exercise.name, seconds, exercise.sets, candidate))
        kept.append(
            exercise.model_copy(
                update={
                    "slot": slot,
                    "equipment": sorted(candidate.needs) if candidate else [],
                    "muscles": _muscles(candidate),
                    "why": f"{slot}: the planner's choice for {state} ({exercise.block} block)",
                }
            )
        )
    if conditioning is not None:
        rounds = conditioning.rounds * (conditioning.work_s + conditioning.rest_s)
        fixed.append(FixedItem("conditioning", conditioning.exercise, rounds, 0, None))
    for index, rule in enumerate(slot_rules):
        if rule.use == "compose" and rule.prescription is not None:
            order = SLOT_ORDER.index(rule.slot) * 100 + index
            option(
                order, rule.slot, rule.prescription, rule.qualifies, rule.min, rule.max, rule.sets
            )

    setting = Setting(
        rules=comp,
        archetype=archetype_name,
        patterns=tuple(archetype.patterns),
        family=archetype.family,
        slots=tuple(options),
        fixed=tuple(fixed),
        day=day,
    )
    result = compose(setting)
    keys = {o.index: o.prescription for o in options}
    exercises = list(kept)
    for pick in result.picks:
        block = Block(
            block=pick.slot,
            use="exercise",
            exercise=pick.candidate.name,
            prescription=keys[pick.slot_index],
        )
        made = prescribe(block, pick.candidate.name, pick.candidate.pattern)
        if made.sets != pick.sets:
            resized[pick.candidate.name] = (made.sets, pick.sets)
        exercises.append(
            made.model_copy(
                update={
                    "slot": pick.slot,
                    "sets": pick.sets,
                    "superset": pick.superset,
                    "equipment": sorted(pick.candidate.needs),
                    "muscles": _muscles(pick.candidate),
                    "why": pick.why,
                }
            )
        )
    exercises.sort(key=lambda e: SLOT_ORDER.index(e.slot) if e.slot in SLOT_ORDER else 99)
    exercises = together(exercises, lambda exercise: exercise.superset)
    relaxed += [RelaxedConstraint(constraint=r.constraint, reason=r.reason) for r in result.relaxed]
    counts: dict[str, int] = {}
    for exercise in exercises:
        counts[exercise.slot or "-"] = counts.get(exercise.slot or "-", 0) + 1
    rationale = [
        f"composed for {day.minutes} min: {len(result.picks)} exercises chosen "
        f"from {len(day.candidates)} candidates, about {result.estimated_minutes:g} min",
        *_restriction_lines(day),
        *_recovery_lines(day),
        *(
            f"{pick.candidate.name}: {pick.sets_why}"
            for pick in result.picks
            if pick.sets_why is not None and "prescribed)" in pick.sets_why
        ),
        *(f"relaxed {r.constraint}: {r.reason}" for r in relaxed),
        *result.notes,
    ]
    return Composed(
        exercises=exercises,
        rationale=rationale,
        estimated_minutes=result.estimated_minutes,
        relaxed=relaxed,
        quality=SessionQuality(
            weighted_sets=dict(result.weighted_sets),
            patterns=list(result.patterns),
            structure_met=result.structure_met and not relaxed,
            slots=counts,
            status=result.status,
        ),
        replaced=replaced,
        resized=resized,
    )
