"""Fatigue triggers for a deload, as reasons (DESIGN §3: the deload itself is the strength
engine's; it asks `fatigue_deload_reasons` and names each reason in its rationale)."""

from __future__ import annotations

from flux_cli.engine.body import BodyHistory
from flux_cli.engine.conditions import format_number
from flux_cli.engine.load import acwr, daily_loads, pmc_window
from flux_cli.engine.rules import Rules


def fatigue_deload_reasons(rules: Rules, body: BodyHistory, ftp_watts: float | None) -> list[str]:
    """Why fatigue calls for a deload going into `body.as_of`; empty when it does not.

    Triggers (rules `load.deload_*`): TSB below its line on each of the last N days; ACWR
    above its line; RED/ORANGE (the declared poor states) on most of the last K check-ins.
    """
    load = rules.load
    reasons: list[str] = []
    entries, days = pmc_window(body, ftp_watts, load)
    # Form going into each of the last N days, the last one being today.
    forms = [day.ctl - day.atl for day in days[-load.deload_tsb_days :]]
    if len(forms) == load.deload_tsb_days and all(tsb < load.deload_tsb_below for tsb in forms):
        reasons.append(
            f"form (TSB) below {format_number(load.deload_tsb_below)} for "
            f"{load.deload_tsb_days} days (now {format_number(round(forms[-1], 1))})"
        )
    ratio = acwr(daily_loads(entries), body.as_of, load)
    if ratio is not None and ratio > load.deload_acwr_above:
        reasons.append(
            f"acute:chronic load {format_number(round(ratio, 2))} above "
            f"{format_number(load.deload_acwr_above)}"
        )
    recent = body.checkins[-load.deload_checkins :]
    poor = [c for c in recent if c.state in load.deload_poor_states]
    if len(poor) >= load.deload_poor_checkins:
        reasons.append(
            f"{'/'.join(load.deload_poor_states)} on {len(poor)} of the last "
            f"{len(recent)} check-ins"
        )
    return reasons
