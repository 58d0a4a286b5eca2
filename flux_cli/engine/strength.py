"""Prescribing a lift by its progression style, and the rule for the next set in a session.

Styles (DESIGN §2, rules `strength.styles`): `rpe_target` loads from the e1RM by the RTS
chart; `linear` adds a fixed increment after a fully completed session; `double` climbs
reps through a range at one load, then adds load and resets reps; `wave` cycles through
declared (reps, RPE) steps. Every style backs off after repeated failures, never lowers
the load after a success nor raises it after a failure, and says why the load moved.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from flux_cli.engine.athlete import Estimate, Exposure
from flux_cli.engine.coaching_rules import NextSetRule, StrengthRules, StyleRule
from flux_cli.engine.conditions import format_number
from flux_cli.engine.rpe import percent_of_1rm
from flux_cli.engine.rules import Prescription
from flux_cli.engine.types import NextSetRulePlan, PreviousExposure, Units
from flux_cli.engine.units import Equipment, from_kg, loadable_kg, to_kg

# Without a target RPE in the prescription, loads from the chart aim at this one.
DEFAULT_TARGET_RPE = 8.0


@dataclass(frozen=True, slots=True)
class Modifiers:
    """What the day changes: a deload (sets × factor, RPE − drop) or a first exposure back."""

    sets_factor: float = 1.0
    rpe_drop: float = 0.0
    label: str = ""

    @property
    def active(self) -> bool:
        return self.sets_factor < 1 or self.rpe_drop > 0


@dataclass(frozen=True, slots=True)
class Prescribed:
    """A lift's prescription for today, with the reason its load is what it is."""

    sets: int
    reps: int | None
    load_kg: float | None
    rpe: float | None
    percent_e1rm: float | None
    style: str | None
    reason: str
    previous: PreviousExposure | None
    next_set_rule: NextSetRulePlan | None


def _weight(kg: float, unit: Units) -> str:
    return f"{format_number(round(from_kg(kg, unit), 2))} {unit}"


def _delta(new: float, old: float, unit: Units) -> str:
    diff = round(from_kg(new, unit) - from_kg(old, unit), 2)
    if diff == 0:
        return "held"
    return f"{'+' if diff > 0 else '−'}{format_number(abs(diff))} {unit}"


def _describe(exposure: Exposure, unit: Units) -> str:
    sets, reps, load, rpe = exposure.describe()
    text = f"{sets}×{reps if reps is not None else '?'}"
    if load is not None:
        text += f" @ {_weight(load, unit)}"
    if rpe is not None:
        text += f" RPE {format_number(rpe)}"
    return text


def previous_exposure(exposures: list[Exposure]) -> PreviousExposure | None:
    """The last time, as the plan JSON shows it."""
    if not exposures:
        return None
    last = exposures[-1]
    sets, reps, load, rpe = last.describe()
    return PreviousExposure(
        date=last.date,
        sets=sets,
        reps=reps,
        load_kg=None if load is None else round(load, 2),
        rpe=rpe,
    )


def failure_streak(exposures: list[Exposure]) -> int:
    """Failed exposures in a row, newest back (a deload day that went well is skipped)."""
    streak = 0
    for exposure in reversed(exposures):
        result = exposure.result
        if exposure.deload and result != "failure":
            continue
        if result != "failure":
            break
        streak += 1
    return streak


def _increment_kg(style: StyleRule, equipment: Equipment) -> float:
    if style.increment_kg is not None:
        return style.increment_kg
    return to_kg(equipment.increment, equipment.unit)


def _round_down(load_kg: float, equipment: Equipment) -> float:
    """The heaviest loadable weight at or below `load_kg`."""
    rounded = loadable_kg(load_kg, equipment)
    step = to_kg(equipment.increment, equipment.unit)
    while rounded > load_kg + 1e-9 and rounded - step > 0:
        rounded = loadable_kg(rounded - step, equipment)
    return rounded


def _chart(reps: int, rpe: float) -> float:
    percent = percent_of_1rm(reps, max(1.0, min(10.0, rpe)))
    # Off the chart (very high effective reps): the chart's last value, conservatively.
    return percent if percent is not None else 0.586


def _wave_step(style: StyleRule, exposures: list[Exposure]) -> int:
    assert style.wave is not None
    done = sum(1 for e in exposures if not e.deload and e.target and e.target.style == "wave")
    return done % len(style.wave)


def prescribe(
    name: str,
    prescription: Prescription,
    style: StyleRule | None,
    strength: StrengthRules,
    exposures: list[Exposure],
    e1rm: Estimate | None,
    equipment: Equipment,
    modifiers: Modifiers = Modifiers(),
) -> Prescribed:
    """Today's sets, reps, load and target RPE for one lift, and why (see the module doc)."""
    unit = equipment.unit
    sets = prescription.sets
    if modifiers.sets_factor < 1:
        sets = max(1, math.floor(sets * modifiers.sets_factor + 0.5))
    reps = prescription.reps
    base_rpe = prescription.rpe
    previous = previous_exposure(exposures)
    rule_plan = None
    if style is None or reps is None:
        return _fixed(name, prescription, sets, e1rm, equipment, modifiers, previous)

    target_rpe = base_rpe if base_rpe is not None else DEFAULT_TARGET_RPE
    if style.style == "double" and style.rep_range is not None:
        reps = style.rep_range[0]
    if style.style == "wave" and style.wave:
        step = style.wave[_wave_step(style, exposures)]
        reps, target_rpe = step.reps, step.rpe
    day_rpe = max(1.0, target_rpe - modifiers.rpe_drop)
    percent = _chart(reps, day_rpe)
    from_e1rm = None if e1rm is None else loadable_kg(e1rm.value * percent, equipment)
    # The last exposure that says something: a deload day only when it failed.
    last = next((e for e in reversed(exposures) if not e.deload or e.result == "failure"), None)
    last_load = None if last is None else last.top_load_kg
    reasons: list[str] = []
    load = from_e1rm
    increment = _increment_kg(style, equipment)
    streak = failure_streak(exposures)
    result = None if last is None else last.result
    if load is None and last_load is not None and style.style in ("rpe_target", "wave"):
        load = last_load  # sets too easy to read an e1RM from: start from the last load
        reasons.append("no e1RM from the last sets (RPE too low to read)")

    if style.style == "double" and style.rep_range is not None and last is not None:
        low, high = style.rep_range
        _, last_reps, _, _ = last.describe()
        if last_load is not None:
            load = last_load
        if (
            result == "success"
            and last_reps is not None
            and last_reps >= high
            and not modifiers.active
        ):
            load = None if last_load is None else last_load + increment
            reps = low
            reasons.append(f"all sets reached {high} reps: load up, reps back to {low}")
        elif result == "success" and last_reps is not None and not modifiers.active:
            reps = min(high, max(low, last_reps + 1))
            reasons.append(f"last {_describe(last, unit)}: one more rep, {reps}")
        else:
            reps = max(low, min(high, last_reps or low))
            why = (
                "a deload"
                if modifiers.active
                else "no target known"
                if result is None
                else "short of target"
            )
            reasons.append(f"last {_describe(last, unit)}, {why}: same reps")
        percent = _chart(reps, day_rpe)
    elif style.style == "linear" and last is not None and last_load is not None:
        if result == "success":
            load = last_load + increment
            reasons.append(f"last {_describe(last, unit)} completed: +{_weight(increment, unit)}")
        else:
            load = last_load
            reasons.append(f"last {_describe(last, unit)} not completed: same load")
    elif (
        last is not None
        and last_load is not None
        and load is not None
        and last.target
        and not modifiers.active
    ):
        # rpe_target and wave: the chart sets the load; the last result bounds it.
        if result == "success" and last.describe()[3] is None and style.style == "rpe_target":
            load = max(load, last_load + increment)  # met without RPE: earned by completion
            reasons.append(f"last {_describe(last, unit)} completed (no RPE logged)")
        elif result == "success":
            load = max(load, last_load) if last.target.reps == reps else load
        elif result == "failure":
            load = min(load, last_load)
            reasons.append(f"last {_describe(last, unit)} missed reps: no heavier")

    if load is not None and last_load is not None and not modifiers.active:
        ceiling = max(
            _round_down(last_load * (1 + strength.max_step_up), equipment), last_load + increment
        )
        if load > ceiling and result != "failure":
            load = max(ceiling, last_load)
        if streak >= strength.failures_to_back_off:
            backed = _round_down(last_load * (1 - strength.back_off), equipment)
            load = min(load, backed)
            reasons.insert(
                0,
                f"{streak} failed sessions in a row: back off "
                f"{format_number(round(strength.back_off * 100, 1))}%",
            )
    if load is not None and modifiers.rpe_drop > 0:
        # A deload is the usual day made lighter, never heavier than it.
        usual = prescribe(name, prescription, style, strength, exposures, e1rm, equipment)
        if usual.load_kg is not None and usual.reps == reps:
            lighter = usual.load_kg * _chart(reps, day_rpe) / _chart(reps, target_rpe)
            load = min(load, _round_down(lighter, equipment))
    if load is not None:
        load = loadable_kg(load, equipment)

    head = _head(name, sets, reps, day_rpe, percent, e1rm, load, unit, style.style)
    if load is not None and last_load is not None and last is not None:
        if not reasons and last.target is not None and style.style in ("rpe_target", "wave"):
            rpe = last.describe()[3]
            said = f", target {format_number(target_rpe)}" if rpe is not None else ""
            reasons.append(f"last {_describe(last, unit)}{said}")
        elif not reasons:
            reasons.append(f"last {_describe(last, unit)}")
        head += f" ({_delta(load, last_load, unit)}: {'; '.join(reasons)})"
    elif reasons:
        head += f" ({'; '.join(reasons)})"
    if modifiers.label:
        head += f" [{modifiers.label}]"
    if load is not None:
        rule_plan = next_set_rule(strength.next_set, day_rpe)
    return Prescribed(
        sets=sets,
        reps=reps,
        load_kg=load,
        rpe=day_rpe,
        percent_e1rm=round(percent, 4),
        style=style.style,
        reason=head,
        previous=previous,
        next_set_rule=rule_plan,
    )


def _head(
    name: str,
    sets: int,
    reps: int,
    rpe: float,
    percent: float,
    e1rm: Estimate | None,
    load: float | None,
    unit: Units,
    style: str,
) -> str:
    amount = f"{sets}×{reps}"
    if load is None:
        return f"{name} {amount} ({style}): no e1RM yet, work to RPE {format_number(rpe)}"
    text = f"{name} {amount} @ {_weight(load, unit)} ({style}"
    if e1rm is not None:
        text += (
            f", RPE {format_number(rpe)} = {format_number(round(percent * 100, 1))}% of e1RM "
            f"{format_number(round(from_kg(e1rm.value, unit), 1))} {unit}"
        )
        if e1rm.detrained:
            text += f", detrained from {format_number(round(from_kg(e1rm.trained, unit), 1))}"
            text += f" after {e1rm.days_since} days off"
    return text + ")"


def _fixed(
    name: str,
    prescription: Prescription,
    sets: int,
    e1rm: Estimate | None,
    equipment: Equipment,
    modifiers: Modifiers,
    previous: PreviousExposure | None,
) -> Prescribed:
    """No style: the prescription's fixed %e1RM, else its RPE target (the original rule)."""
    unit = equipment.unit
    rpe = prescription.rpe
    if rpe is not None:
        rpe = max(1.0, rpe - modifiers.rpe_drop)
    amount = (
        f"{sets}×{prescription.reps}"
        if prescription.reps is not None
        else f"{sets}×{prescription.seconds} s"
    )
    load = None
    percent = prescription.percent_e1rm
    if percent is not None and e1rm is not None:
        if modifiers.rpe_drop and prescription.reps is not None and prescription.rpe is not None:
            percent *= _chart(prescription.reps, rpe or 1) / _chart(
                prescription.reps, prescription.rpe
            )
        load = loadable_kg(e1rm.value * percent, equipment)
        reason = (
            f"{name} {amount} @ {format_number(round(percent * 100, 1))}% of e1RM "
            f"{format_number(round(from_kg(round(e1rm.value, 1), unit), 1))} {unit} = "
            f"{format_number(round(from_kg(load, unit), 2))} {unit}"
        )
    elif percent is not None and rpe is not None:
        reason = f"no e1RM for {name} yet: work to RPE {format_number(rpe)}"
    elif percent is not None:
        reason = f"no e1RM for {name} yet: pick a load you can do for {amount}"
    else:
        reason = ""
    if reason and modifiers.label:
        reason += f" [{modifiers.label}]"
    return Prescribed(
        sets=sets,
        reps=prescription.reps,
        load_kg=load,
        rpe=rpe,
        percent_e1rm=percent,
        style=None,
        reason=reason,
        previous=previous,
        next_set_rule=None,
    )


def next_set_rule(rule: NextSetRule, target_rpe: float) -> NextSetRulePlan:
    """The plan's in-session rule for a lift aimed at `target_rpe`."""
    return NextSetRulePlan(
        target_rpe=target_rpe,
        down_per_rpe=rule.down_per_rpe,
        up_per_rpe=rule.up_per_rpe,
        tolerance_rpe=rule.tolerance_rpe,
    )


def next_set_load(
    rule: NextSetRulePlan, load_kg: float, logged_rpe: float, equipment: Equipment
) -> float:
    """The next set's load after a set at `load_kg` felt like `logged_rpe` (loadable)."""
    miss = logged_rpe - rule.target_rpe
    if abs(miss) <= rule.tolerance_rpe:
        return load_kg
    change = -rule.down_per_rpe * miss if miss > 0 else rule.up_per_rpe * -miss
    return loadable_kg(load_kg * (1 + change), equipment)
