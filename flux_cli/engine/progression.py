"""Earned progression: check logged sets against the prescription, then move levels."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from flux_cli.engine.conditions import format_number
from flux_cli.engine.rules import Rules
from flux_cli.engine.types import (
    ConditioningAttempt,
    ConditioningPlan,
    ExtraExercise,
    History,
    LoggedSet,
    Outcome,
    Plan,
    PlannedExercise,
    ProgressionChange,
    ProtocolStanding,
    Units,
    Verdict,
    VerificationItem,
)
from flux_cli.engine.units import from_kg

AttemptOutcome = Literal["success", "partial", "failure", "skipped"]


@dataclass(frozen=True, slots=True)
class AttemptResult:
    """How one conditioning attempt went: `met` of `required` intervals (or seconds)."""

    outcome: AttemptOutcome
    met: int
    required: int
    items: list[VerificationItem]
    reason: str


def avg_watts(metadata: Mapping[str, Any]) -> float | None:
    """The set's logged average power, or None when absent or not a finite number."""
    value = metadata.get("avg_watts")
    if value is None or isinstance(value, bool):
        return None
    try:
        watts = float(value)
    except (TypeError, ValueError):
        return None
    return watts if math.isfinite(watts) else None


def _classify(fraction: float, succeeded: bool, rules: Rules) -> AttemptOutcome:
    if succeeded:
        return "success"
    if fraction < rules.progression.fail_below_fraction:
        return "failure"
    return "partial"


def _describe_set(logged: LoggedSet) -> str:
    seconds = "no time" if logged.seconds is None else f"{format_number(logged.seconds)} s"
    watts = avg_watts(logged.metadata)
    return f"{seconds} at {format_number(watts)} W" if watts is not None else f"{seconds}, no W"


def attempt_outcome(
    rules: Rules, prescription: ConditioningPlan, sets: Sequence[LoggedSet]
) -> AttemptResult:
    """Judge a conditioning attempt from the sets logged for its exercise, in order."""
    tolerance = rules.progression.tolerance
    target = prescription.target_watts
    logged = [s for s in sets if s.exercise == prescription.exercise]
    min_watts = None if target is None else target * (1 - tolerance)
    watts_text = "" if target is None else f" ≥ {target} W"

    def meets_watts(logged_set: LoggedSet) -> bool:
        if min_watts is None:
            return True
        watts = avg_watts(logged_set.metadata)
        return watts is not None and watts >= min_watts

    if prescription.kind == "steady":
        return _steady_outcome(rules, prescription, logged, meets_watts, watts_text)

    min_seconds = prescription.work_s * (1 - tolerance)
    items: list[VerificationItem] = []
    met = 0
    for index in range(max(prescription.rounds, len(logged))):
        extra = " (extra)" if index >= prescription.rounds else ""
        logged_set = logged[index] if index < len(logged) else None
        ok = (
            logged_set is not None
            and logged_set.seconds is not None
            and logged_set.seconds >= min_seconds
            and meets_watts(logged_set)
        )
        met += ok
        items.append(
            VerificationItem(
                item=f"{prescription.protocol} interval {index + 1}/{prescription.rounds}{extra}",
                kind="conditioning",
                prescribed=f"{prescription.work_s} s{watts_text}",
                logged="not logged" if logged_set is None else _describe_set(logged_set),
                met=ok,
            )
        )
    rounds = prescription.rounds
    what = (
        f"intervals{watts_text}" if target is not None else f"intervals of {prescription.work_s} s"
    )
    if not logged:
        return AttemptResult(
            "skipped", 0, rounds, items, f"nothing logged for {prescription.protocol}"
        )
    outcome = _classify(met / rounds, met >= rounds, rules)
    counted = f"all {rounds}" if met >= rounds else f"{met} of {rounds}"
    return AttemptResult(outcome, met, rounds, items, f"{counted} {what}")


def _steady_outcome(
    rules: Rules,
    prescription: ConditioningPlan,
    logged: list[LoggedSet],
    meets_watts: Callable[[LoggedSet], bool],
    watts_text: str,
) -> AttemptResult:
    required = prescription.work_s
    seconds_at_target = sum((s.seconds or 0.0) for s in logged if meets_watts(s))
    met = int(seconds_at_target)
    succeeded = seconds_at_target >= required * (1 - rules.progression.tolerance)
    item = VerificationItem(
        item=f"{prescription.protocol} steady state",
        kind="conditioning",
        prescribed=f"{required} s{watts_text}",
        logged=f"{met} s at target over {len(logged)} set{'s' if len(logged) != 1 else ''}",
        met=succeeded,
    )
    if not logged:
        return AttemptResult(
            "skipped", 0, required, [item], f"nothing logged for {prescription.protocol}"
        )
    outcome = _classify(seconds_at_target / required, succeeded, rules)
    return AttemptResult(
        outcome, met, required, [item], f"{met} of {required} s{watts_text or ' logged'}"
    )


def resets_standing(rules: Rules, attempt: ConditioningAttempt) -> bool:
    """Whether the standing after `attempt` depends on it alone, not on earlier attempts.

    A success or partial attempt sets the level from its own prescription and clears the
    failure streak, so replaying from the latest such attempt gives today's standing.
    """
    outcome = attempt_outcome(rules, attempt.prescription, attempt.sets).outcome
    if outcome == "success" and _needs_second_success(rules, attempt.prescription):
        return False  # whether it moves the level depends on the attempt before it
    return outcome in ("success", "partial")


def first_of_two_successes(rules: Rules, attempt: ConditioningAttempt) -> bool:
    """Whether `attempt` is a success at a level that needs two in a row to move up.

    Such an attempt alone does not settle the standing, but a run of them does, once the
    attempt before the run is not one of them at the same level: the run's parity and level
    decide the standing, whatever came before (the run starts with no success counted).
    """
    outcome = attempt_outcome(rules, attempt.prescription, attempt.sets).outcome
    return outcome == "success" and _needs_second_success(rules, attempt.prescription)


def demand_axes(rules: Rules, protocol: str, level: int) -> list[str]:
    """What gets harder from `level` to the next one: rounds, work, rest (shorter), intensity."""
    spec = rules.protocols.get(protocol)
    if spec is None or level >= len(spec.levels) or level < 1:
        return []
    now, then = spec.levels[level - 1], spec.levels[level]
    axes = []
    if then.rounds > now.rounds:
        axes.append("rounds")
    if then.work_s > now.work_s:
        axes.append("work")
    if then.rest_s < now.rest_s:
        axes.append("rest")
    if then.intensity > now.intensity:
        axes.append("intensity")
    return axes


def _needs_second_success(rules: Rules, prescription: ConditioningPlan) -> bool:
    """Whether the next level raises two demands or more at once (rules: hold on two axes)."""
    if not rules.progression.hold_on_two_axes:
        return False
    return len(demand_axes(rules, prescription.protocol, prescription.level)) >= 2


def protocol_standings(
    rules: Rules, attempts: Sequence[ConditioningAttempt]
) -> dict[str, ProtocolStanding]:
    """Replay the attempts oldest first to find each protocol's current level.

    The attempts may start at any that `resets_standing`: the result is the same.
    """
    standings = {
        name: ProtocolStanding(name, min(rules.progression.start_level, len(p.levels)), 0, None)
        for name, p in rules.protocols.items()
    }
    for attempt in sorted(attempts, key=lambda a: a.date):
        name = attempt.prescription.protocol
        if name not in standings:
            continue
        standings[name] = _advance(rules, standings[name], attempt)
    return standings


def _advance(
    rules: Rules, standing: ProtocolStanding, attempt: ConditioningAttempt
) -> ProtocolStanding:
    top = len(rules.protocols[standing.protocol].levels)
    prescribed = min(max(attempt.prescription.level, 1), top)
    outcome = attempt_outcome(rules, attempt.prescription, attempt.sets).outcome
    level, failures = prescribed, standing.consecutive_failures
    successes = 0
    if outcome == "success":
        failures = 0
        held_once = standing.level == prescribed and standing.successes_at_level >= 1
        if _needs_second_success(rules, attempt.prescription) and not held_once:
            successes = 1  # a jump on two axes: one more success at this level first
        else:
            level = min(prescribed + 1, top)
    elif outcome == "partial":
        failures = 0
    elif outcome == "failure":
        failures += 1
        if failures >= rules.progression.down_after_failures:
            level, failures = max(prescribed - 1, 1), 0
    return ProtocolStanding(standing.protocol, level, failures, attempt.date, successes)


def _ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def _describe_prescription(exercise: PlannedExercise, unit: Units = "kg") -> str:
    amount = f"{exercise.reps}" if exercise.reps is not None else f"{exercise.seconds} s"
    if exercise.load_kg is not None:
        target = f" @ {format_number(round(from_kg(exercise.load_kg, unit), 2))} {unit}"
    elif exercise.rpe is not None:
        target = f" @ RPE {format_number(exercise.rpe)}"
    else:
        target = ""
    return f"{exercise.sets}×{amount}{target}"


def _summarise(sets: Sequence[LoggedSet], unit: Units = "kg") -> str:
    """What was logged in a few words: `3×8 @ 60 kg`, `2×40 s`, or `4 sets` when they vary."""
    count = len(sets)
    reps = {s.reps for s in sets}
    seconds = {s.seconds for s in sets}
    weights = {s.weight_kg for s in sets}
    if len(reps) == 1 and None not in reps:
        amount = f"{count}×{reps.pop()}"
    elif len(seconds) == 1 and None not in seconds:
        amount = f"{count}×{format_number(seconds.pop() or 0)} s"
    else:
        return f"{count} set{'s' if count != 1 else ''}"
    weight = weights.pop() if len(weights) == 1 else None
    if weight is None:
        return amount
    return f"{amount} @ {format_number(round(from_kg(weight, unit), 2))} {unit}"


def _verify_exercise(
    rules: Rules,
    exercise: PlannedExercise,
    sets: Sequence[LoggedSet],
    substitute: str | None = None,
    unit: Units = "kg",
) -> VerificationItem:
    """Check one prescription against the sets of its exercise, or of its substitute.

    A substitute is a different lift of the same pattern, so the prescribed load does not
    apply to it; its reps or time still must reach the prescription.
    """
    tolerance = rules.progression.tolerance
    logged = [s for s in sets if s.exercise == (substitute or exercise.name)]

    def at_target(logged_set: LoggedSet) -> bool:
        if exercise.reps is not None and (logged_set.reps or 0) < exercise.reps:
            return False
        if exercise.seconds is not None and (logged_set.seconds or 0) < exercise.seconds:
            return False
        return (
            substitute is not None
            or exercise.load_kg is None
            or (logged_set.weight_kg or 0) >= exercise.load_kg * (1 - tolerance)
        )

    hits = sum(1 for s in logged if at_target(s))
    met = hits >= exercise.sets
    plural = "s" if len(logged) != 1 else ""
    if substitute is not None:
        text = f"substituted by {substitute}, {_summarise(logged, unit)}"
        text += "" if met else f", {hits} at target"
    elif logged:
        text = f"{len(logged)} set{plural}, {hits} at target"
    else:
        text = "nothing logged"
    return VerificationItem(
        item=exercise.name,
        kind="strength",
        prescribed=_describe_prescription(exercise, unit),
        logged=text,
        met=met,
        substitute=substitute,
    )


def _substitutes(plan: Plan, sets: Sequence[LoggedSet]) -> dict[str, str]:
    """For each prescribed exercise with nothing logged, the first unplanned lift of its pattern."""
    planned = {exercise.name for exercise in plan.exercises}
    if plan.conditioning is not None:
        planned.add(plan.conditioning.exercise)
    logged_names = {s.exercise for s in sets}
    unplanned = [s for s in sets if s.exercise not in planned]
    chosen: dict[str, str] = {}
    for exercise in plan.exercises:
        if exercise.name in logged_names or exercise.pattern is None:
            continue
        taken = set(chosen.values())
        candidate = next(
            (
                s.exercise
                for s in unplanned
                if s.pattern == exercise.pattern and s.exercise not in taken
            ),
            None,
        )
        if candidate is not None:
            chosen[exercise.name] = candidate
    return chosen


def _extras(plan: Plan, sets: Sequence[LoggedSet], used: set[str]) -> list[ExtraExercise]:
    """Logged exercises the plan did not prescribe and that substituted for nothing, in order."""
    planned = {exercise.name for exercise in plan.exercises} | used
    if plan.conditioning is not None:
        planned.add(plan.conditioning.exercise)
    names = list(dict.fromkeys(s.exercise for s in sets if s.exercise not in planned))
    return [
        ExtraExercise(
            exercise=name,
            pattern=next(s.pattern for s in sets if s.exercise == name),
            logged=_summarise([s for s in sets if s.exercise == name], plan.units),
        )
        for name in names
    ]


def _change(
    rules: Rules,
    plan: ConditioningPlan,
    result: AttemptResult,
    before: ProtocolStanding,
    after: ProtocolStanding,
) -> ProgressionChange:
    from_level, to_level = plan.level, after.level
    top = len(rules.protocols[plan.protocol].levels) if plan.protocol in rules.protocols else 0
    outcome: Outcome = (
        "up" if to_level > from_level else "down" if to_level < from_level else "hold"
    )
    moved = f"level {from_level} → {to_level}"
    if result.outcome == "skipped":
        reason = f"{result.reason}: level held"
    elif result.outcome == "success":
        reason = (
            f"{result.reason}: {moved}"
            if outcome == "up"
            else (
                f"{result.reason}, top level already: held"
                if from_level >= top
                else f"{result.reason}: level {from_level} held, one more success first "
                f"(level {from_level + 1} raises "
                f"{' and '.join(demand_axes(rules, plan.protocol, from_level))} at once)"
                if after.successes_at_level
                else f"{result.reason}: level {from_level} held"
            )
        )
    elif result.outcome == "partial":
        reason = f"{result.reason}, partly done: level {from_level} held"
    else:
        streak = f"{_ordinal(before.consecutive_failures + 1)} failed attempt in a row"
        if outcome == "down":
            reason = f"{result.reason}, {streak}: {moved}"
        elif before.consecutive_failures + 1 >= rules.progression.down_after_failures:
            reason = f"{result.reason}, {streak}, lowest level already: held"
        else:
            reason = f"{result.reason}, {streak}: level {from_level} held"
    return ProgressionChange(
        protocol=plan.protocol,
        from_level=from_level,
        to_level=to_level,
        outcome=outcome,
        reason=reason,
    )


def verify_session(
    rules: Rules, plan: Plan | None, sets: Sequence[LoggedSet], history: History
) -> Verdict:
    """Check the logged sets against the plan and say how each conditioning level moves.

    A prescribed exercise with nothing logged is met by an unplanned one of its pattern (a
    substitute, named in the verdict); the other unplanned exercises are listed as extras.
    """
    if plan is None:
        return Verdict(verification=[], progression=[])
    substitutes = _substitutes(plan, sets)
    items = [
        _verify_exercise(rules, exercise, sets, substitutes.get(exercise.name), plan.units)
        for exercise in plan.exercises
    ]
    progression: list[ProgressionChange] = []
    conditioning = plan.conditioning
    if conditioning is not None:
        result = attempt_outcome(rules, conditioning, sets)
        items.extend(result.items)
        if conditioning.protocol in rules.protocols:
            # This attempt is applied last, whatever dates the stored history carries.
            attempt = ConditioningAttempt(plan.date, conditioning, tuple(sets))
            before = protocol_standings(rules, history.conditioning)[conditioning.protocol]
            after = _advance(rules, before, attempt)
            progression.append(_change(rules, conditioning, result, before, after))
    extras = _extras(plan, sets, set(substitutes.values()))
    return Verdict(verification=items, progression=progression, extras=extras)
