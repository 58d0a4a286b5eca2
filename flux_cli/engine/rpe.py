"""The RPE percentage table: what fraction of a one-rep max a set of reps at an RPE is.

Source: Mike Tuchscherer, Reactive Training Systems (RTS) RPE chart, as published in
"The Reactive Training Manual" (2008) and reproduced on reactivetrainingsystems.com.
The chart is a function of *effective reps*: reps done plus reps in reserve
(`reps + (10 − RPE)`), so 5 reps at RPE 8 reads like 7 reps at RPE 10 (81.1 %).
Whole steps are stored; half steps are interpolated linearly, which reproduces the
chart's published half-RPE columns to within 0.05 percentage points (the chart rounds).
"""

from __future__ import annotations

import math

# RTS chart, RPE 10 column: % of 1RM for 1..12 reps, extended down the RPE 9 … 6.5 columns
# (each RPE point lower is one more effective rep): effective reps 1..15 → % of 1RM.
RTS_PERCENT_BY_EFFECTIVE_REPS: tuple[float, ...] = (
    100.0,  # 1 @ 10
    95.5,  # 2 @ 10 (1 @ 9)
    92.2,
    89.2,
    86.3,  # 5 @ 10
    83.7,
    81.1,  # 5 @ 8
    78.6,
    76.2,
    73.9,  # 10 @ 10
    70.7,
    68.0,  # 12 @ 10
    65.3,  # 12 @ 9
    62.6,  # 12 @ 8
    59.9,  # 12 @ 7
)
# The chart's last published column is RPE 6.5 at 12 reps (58.6 %): effective reps 15.5.
MAX_EFFECTIVE_REPS = 15.5
_HALF_STEP_TAIL = 58.6


def effective_reps(reps: int, rpe: float) -> float:
    """Reps done plus reps in reserve: `reps + (10 − rpe)`."""
    return reps + (10.0 - rpe)


def percent_of_1rm(reps: int, rpe: float) -> float | None:
    """The fraction of 1RM that `reps` at `rpe` is, or None off the chart (beyond 15.5)."""
    if reps < 1 or not 1 <= rpe <= 10:
        raise ValueError(f"need reps ≥ 1 and RPE 1–10, got {reps} @ {rpe}")
    return percent_at_effective_reps(effective_reps(reps, rpe))


def percent_at_effective_reps(effective: float) -> float | None:
    """The chart at `effective` reps, interpolated between whole steps; None beyond it."""
    if not math.isfinite(effective) or effective < 1 or effective > MAX_EFFECTIVE_REPS:
        return None
    table = (*RTS_PERCENT_BY_EFFECTIVE_REPS, _HALF_STEP_TAIL)
    if effective > len(RTS_PERCENT_BY_EFFECTIVE_REPS):  # between 15 and 15.5
        low, high = table[-2], table[-1]
        return (low + (high - low) * (effective - 15) / 0.5) / 100
    index = math.floor(effective) - 1
    fraction = effective - math.floor(effective)
    if fraction == 0:
        return table[index] / 100
    low, high = table[index], table[index + 1]
    return (low + (high - low) * fraction) / 100


def rpe_e1rm(weight_kg: float, reps: int, rpe: float) -> float | None:
    """The one-rep max a set implies by the chart, or None when it is off the chart."""
    percent = percent_of_1rm(reps, rpe)
    return None if percent is None else weight_kg / percent
