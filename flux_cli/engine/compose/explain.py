"""Why an exercise is not in a composed plan: barred, fits no slot, capped, or outscored."""

from __future__ import annotations

from flux_cli.engine.compose.candidates import Candidate
from flux_cli.engine.compose.compose import term_words
from flux_cli.engine.compose.model import Setting, allowed, deficits, qualifies, score_terms
from flux_cli.engine.compose.request import DayContext, FixedItem, SlotOption, ranged
from flux_cli.engine.rules import Rules
from flux_cli.engine.types import Plan


def setting_for(rules: Rules, plan: Plan, day: DayContext, state: str | None = None) -> Setting:
    """The composition setting a plan was made in, rebuilt from the plan and its rules;
    `state`: the one its composed slots were prescribed at (the day's work state)."""
    archetype = rules.archetypes[plan.archetype]
    slot_rules = rules.composition.slots.get(plan.archetype, [])
    planned = {rule.slot for rule in slot_rules if rule.use == "planned"}
    by_name = {c.name.lower(): c for c in day.candidates}
    fixed = tuple(
        FixedItem(e.slot or "main", e.name, 0, e.sets, by_name.get(e.name.lower()))
        for e in plan.exercises
        if e.slot in planned
    )
    options = []
    for index, rule in enumerate(slot_rules):
        if rule.use != "compose" or rule.prescription is None:
            continue
        prescribed = rules.prescriptions[rule.prescription][state or plan.state]
        options.append(
            SlotOption(
                slot=rule.slot,
                index=index,
                minimum=rule.min,
                maximum=rule.max,
                sets=ranged(prescribed.sets, rule.sets)[0],
                reps=prescribed.reps,
                seconds=prescribed.seconds,
                rest_s=prescribed.rest_s,
                prescription=rule.prescription,
                qualifies=rule.qualifies,
                set_range=ranged(prescribed.sets, rule.sets)[1],
            )
        )
    return Setting(
        rules=rules.composition,
        archetype=plan.archetype,
        patterns=tuple(archetype.patterns),
        family=archetype.family,
        slots=tuple(options),
        fixed=fixed,
        day=day,
    )


def why_not(
    rules: Rules, plan: Plan, day: DayContext, name: str, state: str | None = None
) -> list[str]:
    """Plain lines saying why `name` is not in the composed `plan` (slots at `state`)."""
    candidate = next((c for c in day.candidates if c.name.lower() == name.lower()), None)
    if candidate is None:
        return ["not in the exercise catalogue the plan was composed from"]
    setting = setting_for(rules, plan, day, state)
    barred = allowed(candidate, setting)
    if barred is not None:
        return [barred]
    fitting = [o for o in setting.slots if qualifies(o, candidate, setting)]
    if not fitting:
        slots = ", ".join(o.slot for o in setting.slots) or "none"
        return [f"fits none of today's composed slots ({slots})"]
    lines: list[str] = []
    recent = day.last_same_archetype.get(plan.archetype, frozenset())
    if candidate.name in recent:
        kind = plan.archetype.replace("_", " ")
        count = setting.rules.recency_sessions
        lines.append(
            f"done in the last {kind} session"
            if count == 1
            else f"done in one of the last {count} {kind} sessions"
        )
    lines += _capped(candidate, setting, plan, fitting[0])
    deficit = deficits(setting)
    mine = {o.slot: score_terms(o, candidate, setting, deficit) for o in fitting}
    for option in fitting:
        winners = [e for e in plan.exercises if e.slot == option.slot]
        terms = mine[option.slot]
        if not winners:
            lines.append(f"{option.slot}: the slot was left empty (time budget or relaxation)")
            continue
        for winner in winners:
            rival = next((c for c in day.candidates if c.name == winner.name), None)
            if rival is None:
                continue
            theirs = score_terms(option, rival, setting, deficit)
            lines.append(
                f"{option.slot}: lost to {winner.name}, {sum(theirs.values())} "
                f"({term_words(theirs)}) against {sum(terms.values())} ({term_words(terms)})"
            )
    return lines or ["outscored within the time budget"]


def _capped(candidate: Candidate, setting: Setting, plan: Plan, option: SlotOption) -> list[str]:
    if plan.quality is None:
        return []
    lines = []
    for muscle in candidate.muscles:
        cap = setting.rules.session_cap_sets.get(muscle, setting.rules.default_session_cap_sets)
        cap *= min(1.0, max(0.0, setting.day.recovery.get(muscle, 1.0)))
        already = plan.quality.weighted_sets.get(muscle, 0.0)
        if already + candidate.weighted_sets(muscle, option.sets) > cap:
            lines.append(f"{muscle} capped: {already:g} of {cap:g} weighted sets already")
    return lines
