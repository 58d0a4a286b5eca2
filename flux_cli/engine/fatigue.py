"""Fatigue triggers for a deload, as reasons (DESIGN §3: the deload itself is the strength
engine's; `engine.deload` asks `fatigue_deload_reasons` and names each reason in its
rationale)."""

from __future__ import annotations

import datetime as dt

from flux_cli.engine.body import BodyHistory, CheckinState
from flux_cli.engine.conditions import format_number
from flux_cli.engine.load import acwr, daily_loads, pmc_window
from flux_cli.engine.readiness import evaluate_state
from flux_cli.engine.rules import Rules


def whole_body_state(rules: Rules, checkin: CheckinState) -> str | None:
    """The state a check-in comes to without the inputs tied to a region, or None.

    A region input (knee_pain → knee) restricts only its region (engine.regions), so a
    sore knee on an otherwise fine day says nothing about whole-body fatigue: it is set to
    its "fine" value before the rules' states are evaluated. A check-in whose inputs no
    longer match the rules keeps its recorded state when the rules tie no input to a
    region, and says nothing (None) when they do.
    """
    ties = rules.regions.input_map(rules)
    if any(name not in checkin.inputs for name in rules.readiness):
        return checkin.state if not ties else None
    inputs = {name: float(checkin.inputs[name]) for name in rules.readiness}
    for name, tie in ties.items():
        if name in inputs:
            inputs[name] = tie.ok_value
    return evaluate_state(rules, inputs).name


def fatigue_deload_reasons(
    rules: Rules, body: BodyHistory, ftp_watts: float | None, since: dt.date | None = None
) -> list[str]:
    """Why fatigue calls for a deload going into `body.as_of`; empty when it does not.

    Triggers (rules `load.deload_*`): TSB below its line on each of the last N days (once
    `ctl_days` of load exist); ACWR above its line (once `chronic_days` exist); a poor
    whole-body state (RED/ORANGE without region inputs, see `whole_body_state`) on most of
    the last K check-ins after `since` (the end of the last deload: check-ins it already
    answered do not count again).
    """
    load = rules.load
    reasons: list[str] = []
    entries, days = pmc_window(body, ftp_watts, load)
    daily = daily_loads(entries)
    # Form going into each of the last N days, the last one being today. The PMC starts
    # from zero, so before `ctl_days` of load exist every athlete who starts training
    # reads as overreached (CTL still building): the TSB trigger waits for them.
    loaded = [day for day, points in daily.items() if points > 0]
    settled = bool(loaded) and min(loaded) <= body.as_of - dt.timedelta(days=load.ctl_days)
    forms = [day.ctl - day.atl for day in days[-load.deload_tsb_days :]]
    if (
        settled
        and len(forms) == load.deload_tsb_days
        and all(tsb < load.deload_tsb_below for tsb in forms)
    ):
        reasons.append(
            f"form (TSB) below {format_number(load.deload_tsb_below)} for "
            f"{load.deload_tsb_days} days (now {format_number(round(forms[-1], 1))})"
        )
    ratio = acwr(daily, body.as_of, load)
    if ratio is not None and ratio > load.deload_acwr_above:
        reasons.append(
            f"acute:chronic load {format_number(round(ratio, 2))} above "
            f"{format_number(load.deload_acwr_above)}"
        )
    recent = [c for c in body.checkins if since is None or c.date > since]
    recent = recent[-load.deload_checkins :]
    poor = [c for c in recent if whole_body_state(rules, c) in load.deload_poor_states]
    if len(poor) >= load.deload_poor_checkins:
        reasons.append(
            f"{'/'.join(load.deload_poor_states)} on {len(poor)} of the last "
            f"{len(recent)} check-ins (region inputs aside)"
        )
    return reasons
