"""The next best action: today's plan from rules, profile, history and readiness (DESIGN §3)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from flux_cli.engine.athlete import exposures_of
from flux_cli.engine.conditions import format_number
from flux_cli.engine.deload import (
    days_in_a_row,
    decide_deload,
    returning_days_off,
)
from flux_cli.engine.ftp import propose_ftp
from flux_cli.engine.lifts import DayContext, plan_lift
from flux_cli.engine.progression import protocol_standings
from flux_cli.engine.readiness import evaluate_state
from flux_cli.engine.regions import RegionLimit, body_day, for_archetype
from flux_cli.engine.rotation import (
    imported_last_done,
    pattern_days,
    pattern_due,
    rank_patterns,
    rotation_debt,
)
from flux_cli.engine.rules import Archetype, Block, Rules
from flux_cli.engine.types import (
    ArchetypeScore,
    ConditioningPlan,
    DeloadPlan,
    History,
    Plan,
    PlannedExercise,
    ProfileFacts,
    ProtocolStanding,
    RestPlan,
    ReturningPlan,
)

if TYPE_CHECKING:
    from flux_cli.engine.compose import DayContext as ComposeDay

FTP_HINT = "set ftp_watts with: flux profile set ftp_watts=250"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _most_overdue_first(scores: Sequence[ArchetypeScore]) -> list[ArchetypeScore]:
    """Never done first, then the highest priority score; ties keep rules order (stable sort)."""
    return sorted(
        scores,
        key=lambda s: (0, 0.0) if s.priority_score is None else (1, -s.priority_score),
    )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def check_history(history: History, today: dt.date) -> None:
    """Refuse history that reaches `today` or later: a plan sees only the days before it.

    Storage applies the cutoff (`storage.history`); the planner only checks it.
    """
    latest = [
        *history.archetype_last_done.values(),
        *(sets[-1].date for sets in history.lift_sets.values() if sets),
        *(attempt.date for attempt in history.conditioning),
    ]
    if history.last_activity is not None:
        latest.append(history.last_activity)
    if (history.as_of is not None and history.as_of > today) or any(d >= today for d in latest):
        raise ValueError(f"history given for a plan on {today} reaches that day or later")


def archetype_scores(
    rules: Rules, state: str, history: History, today: dt.date
) -> list[ArchetypeScore]:
    """How overdue each archetype is today, in rules order, flagged allowed for `state`.

    An imported endurance activity counts as done for every archetype with conditioning.
    """
    families = next(s.families for s in rules.states if s.name == state)
    last_activity = history.last_activity
    scores = []
    for name, archetype in rules.archetypes.items():
        last = history.archetype_last_done.get(name) or imported_last_done(archetype, history)
        if last_activity is not None and archetype.conditioning_block is not None:
            last = last_activity if last is None else max(last, last_activity)
        days = None if last is None else (today - last).days
        scores.append(
            ArchetypeScore(
                archetype=name,
                allowed=state in archetype.states and archetype.family in families,
                days_since_last=days,
                priority_score=None if days is None else days / archetype.frequency_days,
            )
        )
    return scores


def pattern_debt(rules: Rules, history: History) -> dict[str, int]:
    """Sessions since each pattern was last trained; never trained = every session."""
    return {
        pattern: history.pattern_debt.get(pattern, history.session_count)
        for pattern in rules.patterns
    }


def plain_name(name: str) -> str:
    """A rules-file name as people read it: `Strength_Type_A` → `Strength Type A`."""
    return name.replace("_", " ")


def _archetype_line(ranked: list[ArchetypeScore], rules: Rules, state: str) -> str:
    score = ranked[0]
    archetype = rules.archetypes[score.archetype]
    name = plain_name(score.archetype)
    if score.priority_score is None:
        head = f"{name}: never done yet"
    else:
        head = (
            f"{name}: {_plural(score.days_since_last or 0, 'day')} since last, "
            f"due every {format_number(archetype.frequency_days)} "
            f"day{'' if archetype.frequency_days == 1 else 's'} "
            f"({score.priority_score:.2f}× due)"
        )
    if len(ranked) == 1:
        return f"{head}, the only kind of session allowed on {state} days"
    runner_up = ranked[1]
    other = runner_up.priority_score
    other_text = "never done" if other is None else f"{other:.2f}×"
    if other == score.priority_score:
        return f"{head}, tied with {plain_name(runner_up.archetype)}, first in the rules file"
    return f"{head}, the most overdue (next: {plain_name(runner_up.archetype)}, {other_text})"


def _anchor_line(
    anchor: str,
    archetype: Archetype,
    days: Mapping[str, int | None],
    hard_sets: Mapping[str, int],
    ranked: Sequence[str],
) -> str:
    since = days[anchor]
    if since is None:
        head = f"{anchor} leads: never trained yet"
    else:
        head = (
            f"{anchor} leads: {_plural(since, 'day')} since last trained, "
            f"{_plural(hard_sets.get(anchor, 0), 'hard set')} in 7 days"
        )
    if len(archetype.patterns) == 1:
        return f"{head}, the only pattern this session trains"
    runner = ranked[1]
    other = days[runner]
    other_text = "never trained" if other is None else f"{_plural(other, 'day')}"
    if other == since and hard_sets.get(runner, 0) == hard_sets.get(anchor, 0):
        tied = [p for p in archetype.patterns if p != anchor and days[p] == since]
        listed = ", ".join(archetype.patterns)
        return f"{head}, tied with {', '.join(tied)}, first in order of {listed}"
    if since is None:  # every other pattern of the session has been trained
        return f"{head}, unlike {', '.join(p for p in archetype.patterns if p != anchor)}"
    return f"{head}, the most owed (next: {runner}, {other_text})"


def never_trained(rules: Rules, history: History) -> list[str]:
    """The rules' patterns that no completed session has trained, in rules order."""
    return [pattern for pattern in rules.patterns if pattern not in history.pattern_debt]


def _conditioning(
    rules: Rules,
    profile: ProfileFacts,
    block: Block,
    standings: Mapping[str, ProtocolStanding],
    context: DayContext,
    rationale: list[str],
) -> ConditioningPlan | None:
    protocols = [name for name in block.protocols or [] if name in rules.protocols]
    if context.returning is not None:
        gentle = [name for name in protocols if name not in rules.layoff.not_first_back]
        if gentle and len(gentle) < len(protocols):
            held = ", ".join(name for name in protocols if name not in gentle)
            rationale.append(f"{held} not the first session back after a layoff")
            protocols = gentle
    if not protocols:
        return None

    def turn(name: str) -> tuple[bool, dt.date, int]:
        # Never attempted goes first, then the longest ago; ties keep block order.
        last = standings[name].last_date
        return (last is not None, last or dt.date.min, protocols.index(name))

    name = min(protocols, key=turn)
    protocol = rules.protocols[name]
    level, step_down = _day_level(rules, standings[name], context)
    spec = protocol.levels[level - 1]
    ftp = profile.ftp_watts if profile.ftp_watts and profile.ftp_watts > 0 else None
    target = None if ftp is None else round(ftp * spec.intensity)
    last = standings[name].last_date
    why = "never attempted" if last is None else f"last done {last.isoformat()}"
    if len(protocols) > 1:
        why += f", its turn among {', '.join(protocols)}"
    if protocol.kind == "steady":
        work = f"{format_number(spec.work_s / 60)} min"
    else:
        work = f"{spec.rounds}×{spec.work_s} s, {spec.rest_s} s rest"
    percent = f"{format_number(round(spec.intensity * 100, 1))}% of FTP"
    if target is None:
        at = f"at {percent}; {FTP_HINT}"
    else:
        at = f"at {target} W ({percent} {format_number(ftp or 0)} W)"
    what = f"{name} ({protocol.description})" if protocol.description else name
    rationale.append(f"{what} level {level} ({why}{step_down}): {work} on {protocol.exercise} {at}")
    return ConditioningPlan(
        protocol=name,
        kind=protocol.kind,
        level=level,
        exercise=protocol.exercise,
        rounds=spec.rounds,
        work_s=spec.work_s,
        rest_s=spec.rest_s,
        intensity=spec.intensity,
        target_watts=target,
    )


def _equipped(
    rules: Rules,
    plan: ConditioningPlan | None,
    day: ComposeDay,
    limits: Sequence[RegionLimit],
    rationale: list[str],
) -> ConditioningPlan | None:
    """`plan` on the first of its protocol's `alternatives` the day allows, when its own
    exercise needs equipment the athlete does not have that day, is HARD_NO or is named by a
    restricted region (a run on a sore knee), with the reason; by effort, since the watts
    target is for the protocol's own exercise."""
    if plan is None:
        return None
    known = {candidate.name: candidate for candidate in day.candidates}
    restricted = {name: limit.why for limit in limits for name in limit.area.exercises}

    def barred(name: str) -> str | None:
        if name in restricted:
            return f"restricted ({restricted[name]})"
        if day.moves.get(name) == "no":
            return "HARD_NO (flux moves no)"
        candidate = known.get(name)
        missing = set() if candidate is None else candidate.needs - day.equipment
        return f"not equipped (needs {', '.join(sorted(missing))})" if missing else None

    why = barred(plan.exercise)
    if why is None:
        return plan
    protocol = rules.protocols[plan.protocol]
    stand_in = next(
        (name for name in protocol.alternatives if name in known and barred(name) is None), None
    )
    if stand_in is None:
        listed = ", ".join(protocol.alternatives) or "none in the rules"
        rationale.append(
            f"{plan.exercise} is {why} and no alternative for {plan.protocol} is "
            f"({listed}): give the day's equipment with --equipment"
        )
        return plan
    rationale.append(
        f"{plan.exercise} is {why}: {plan.protocol} on {stand_in} instead, by effort "
        f"(the watts target is for {plan.exercise})"
    )
    return plan.model_copy(
        update={"exercise": stand_in, "target_watts": None, "stand_in_for": plan.exercise}
    )


def _day_level(rules: Rules, standing: ProtocolStanding, context: DayContext) -> tuple[int, str]:
    """The standing's level less detraining (time off) and a deload, with the words for it."""
    level = standing.level
    notes = []
    if context.returning is not None:
        lost = int(context.returning / 7 * rules.layoff.levels_per_week_off)
        if lost and level > 1:
            notes.append(f"down {min(lost, level - 1)} after {context.returning} days off")
            level = max(1, level - lost)
    if context.deload is not None and rules.deload.conditioning_levels_down and level > 1:
        down = min(rules.deload.conditioning_levels_down, level - 1)
        notes.append(f"down {down} for the deload")
        level -= down
    return level, "".join(f", {note}" for note in notes)


def session_name(template: str, values: Mapping[str, str | int | None]) -> str:
    """Fill `{anchor}`-style placeholders; unknown or missing values become `-`."""

    def fill(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        return "-" if value is None else str(value)

    return _PLACEHOLDER.sub(fill, template)


def build_plan(
    rules: Rules,
    profile: ProfileFacts,
    history: History,
    readiness: Mapping[str, float],
    today: dt.date,
    composing: ComposeDay | None = None,
    extra_deload_triggers: Sequence[str] = (),
) -> Plan:
    """Choose today's state, archetype, anchor, exercises, loads and conditioning, with reasons.

    With `composing` (the day's candidates and constraints) and slots for the archetype in
    the rules, composition fills the session around the planner's own work.
    `extra_deload_triggers`: reasons for a deload found outside the engine (the fatigue
    triggers are the engine's own, from `history.body`).
    """
    check_history(history, today)
    decision = evaluate_state(rules, readiness)
    state = decision.name
    rationale = [decision.reason]

    returning = returning_days_off(rules, history, today)
    if returning is not None:
        rationale.append(
            f"returning after {returning} days off: lighter loads, fewer sets, gentler conditioning"
        )
    lead_lifts = {
        lift: exposures_of(history, lift)
        for lift in dict.fromkeys(
            rules.selections[p][rules.states[-1].name] for p in rules.patterns
        )
    }
    deload = None
    if returning is None:
        deload = decide_deload(
            rules,
            history,
            today,
            lead_lifts,
            profile.e1rm_formula,
            extra_deload_triggers,
            profile.ftp_watts,
        )
    if deload is not None:
        if deload.sessions is None:
            rationale.append(f"deload until {deload.until.isoformat()}: {deload.reason}")
        else:
            rationale.append(
                f"deload session {deload.session} of {deload.sessions} "
                f"(at the latest until {deload.until.isoformat()}): {deload.reason}"
            )
    in_a_row = days_in_a_row(history, today)
    rest = None
    if in_a_row >= rules.rotation.rest_after_days:
        rest = RestPlan(
            reason=f"{_plural(in_a_row, 'training day')} in a row: rest today "
            f"(rules: rest after {rules.rotation.rest_after_days}); the plan below is for tomorrow",
            days_in_a_row=in_a_row,
        )
        rationale.append(rest.reason)

    scores = archetype_scores(rules, state, history, today)
    # --- body hook (engine.regions): load, restrictions, spacing -------------------------
    body = body_day(rules, history, readiness, state, today, profile.ftp_watts)
    scores, body_lines = body.adjust_scores(scores, history, today)
    # --------------------------------------------------------------------------------------
    ranked = _most_overdue_first([s for s in scores if s.allowed])
    days = pattern_days(rules, history, today)
    due = pattern_due(rules, ranked, days)
    if due is not None and due[0] is not ranked[0]:
        ranked = [due[0], *(s for s in ranked if s is not due[0])]
        rationale.append(
            f"{plain_name(due[0].archetype)} first: {due[1]} not trained for "
            f"{_plural(due[2], 'day')} (rules: due after {rules.rotation.pattern_due_days})"
        )
    else:
        rationale.append(_archetype_line(ranked, rules, state))
    chosen = ranked[0]
    archetype = rules.archetypes[chosen.archetype]
    rationale.extend(body_lines)
    body = for_archetype(body, archetype)

    debt = pattern_debt(rules, history)
    untrained = never_trained(rules, history)
    owed = rotation_debt(rules, history, days)
    by_debt, spaced_line = body.anchor_order(rank_patterns(archetype.patterns, owed, days))
    anchor = by_debt[0] if by_debt else None
    if spaced_line is not None:
        rationale.append(spaced_line)
    elif anchor is not None:
        rationale.append(_anchor_line(anchor, archetype, days, history.pattern_hard_sets, by_debt))

    proposal = propose_ftp(
        (s for attempt in history.conditioning for s in attempt.sets), profile.ftp_watts
    )
    if proposal is not None:
        rationale.append(proposal.reason)
    context = DayContext(today, deload, returning)
    standings = protocol_standings(rules, history.conditioning)
    exercises: list[PlannedExercise] = []
    conditioning: ConditioningPlan | None = None
    for block in archetype.blocks:
        picks: list[tuple[str, str | None]] = []
        if block.use == "anchor" and anchor is not None:
            picks = [(rules.selections[anchor][state], anchor)]
        elif block.use == "others":
            picks = [(rules.selections[p][state], p) for p in by_debt[1:]]
        elif block.use == "pattern" and block.pattern is not None:
            picks = [(rules.selections[block.pattern][state], block.pattern)]
        elif block.use == "exercise" and block.exercise is not None:
            fixed = block.exercise
            picks = [(fixed if isinstance(fixed, str) else fixed[state], None)]
        elif block.use == "conditioning" and conditioning is None:
            block = body.conditioning_block(block)  # body hook: region swaps
            conditioning = _conditioning(rules, profile, block, standings, context, rationale)
            conditioning = body.scale_conditioning(conditioning, profile.ftp_watts, rationale)
            if composing is not None:
                conditioning = _equipped(rules, conditioning, composing, body.limits, rationale)
        for name, pattern in picks:
            name, at_state = body.pick(block, name, pattern)  # body hook: region caps
            exercises.append(
                plan_lift(
                    rules, profile, history, at_state, block, name, pattern, context, rationale
                )
            )
    rationale.extend(
        f"{restriction.why}: {restriction.what}"
        for restriction in body.restrictions
        if not (spaced_line and "no longer leads" in restriction.what)
    )  # the anchor line already said which pattern gave up the lead

    # --- composition (issue 12): slots filled around the decisions above; OR-Tools loads here.
    composed = None
    if composing is not None and chosen.archetype in rules.composition.slots:
        from flux_cli.engine.compose.plan import compose_plan

        # Composed work never loads a restricted region, so it follows the other inputs.
        work_state = body.work_state

        def prescribe(block: Block, name: str, pattern: str | None) -> PlannedExercise:
            return plan_lift(
                rules, profile, history, work_state, block, name, pattern, context, rationale
            )

        composed = compose_plan(
            rules, chosen.archetype, work_state, exercises, conditioning, composing, prescribe, body
        )
        exercises = composed.exercises
        rationale = [*composed.without_replaced(rationale), *composed.rationale]
    # --- end of composition

    title = session_name(
        archetype.session_name,
        {
            "anchor": anchor,
            "protocol": conditioning.protocol if conditioning else None,
            "level": conditioning.level if conditioning else None,
            "archetype": chosen.archetype,
            "state": state,
        },
    )
    return Plan(
        date=today,
        profile=profile.name,
        state=state,
        readiness={name: float(readiness[name]) for name in rules.readiness},
        archetype=chosen.archetype,
        family=archetype.family,
        session_name=title,
        anchor_pattern=anchor,
        priority_score=chosen.priority_score,
        days_since_last=chosen.days_since_last,
        pattern_debt=debt,
        never_trained=untrained,
        protocol_descriptions={name: p.description for name, p in rules.protocols.items()},
        exercises=exercises,
        conditioning=conditioning,
        rationale=rationale,
        archetype_scores=scores,
        conditioning_levels={name: standing.level for name, standing in standings.items()},
        units=profile.units,
        estimated_minutes=composed.estimated_minutes if composed else None,
        relaxed=composed.relaxed if composed else [],
        quality=composed.quality if composed else None,
        deload=None
        if deload is None
        else DeloadPlan(
            reason=deload.reason,
            until=deload.until,
            sessions=deload.sessions,
            session=deload.session,
        ),
        returning=None if returning is None else ReturningPlan(days_off=returning),
        rest=rest,
        pattern_days=days,
        ftp_proposal=None if proposal is None else proposal.ftp_watts,
        load=body.load,
        recovery=body.recovery,
        restrictions=body.restrictions,
    )
