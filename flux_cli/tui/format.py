"""Numbers, units, durations and plates as the dashboard shows them (pure functions)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flux_cli.engine.types import ConditioningPlan, PlannedExercise
    from flux_cli.storage.records import SetRecord

LB_TO_KG = 0.45359237
STATE_COLOURS = {"RED": "red", "ORANGE": "darkorange", "GREEN": "green"}


def number(value: float | None, digits: int = 2) -> str:
    """`100`, `102.5`, `-` for None: no trailing zeros."""
    if value is None:
        return "-"
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def duration(seconds: float | None) -> str:
    """`45s`, `3:00`, `1:02:03`."""
    if seconds is None:
        return "-"
    whole = max(0, round(seconds))
    if whole < 60:
        return f"{whole}s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes}:{secs:02d}"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def clock(seconds: float) -> str:
    """A countdown face: `2:41`, `0:05`."""
    whole = max(0, int(seconds + 0.999))
    return f"{whole // 60}:{whole % 60:02d}"


def to_display(weight_kg: float, units: str) -> float:
    return weight_kg / LB_TO_KG if units == "lb" else weight_kg


def to_kg(weight: float, units: str) -> float:
    return weight * LB_TO_KG if units == "lb" else weight


def weight(weight_kg: float | None, units: str) -> str:
    if weight_kg is None:
        return "-"
    return f"{number(to_display(weight_kg, units), 1)} {units}"


def weight_step(plates_kg: Sequence[float], units: str) -> float:
    """One press of the weight keys: a pair of the smallest plates, in display units."""
    step_kg = 2 * min(plates_kg) if plates_kg else 2.5
    return round(to_display(step_kg, units), 2)


def prescription(exercise: PlannedExercise, units: str) -> str:
    amount = f"{exercise.reps}" if exercise.reps is not None else duration(exercise.seconds)
    text = f"{exercise.sets} × {amount}"
    if exercise.load_kg is not None:
        text += f" @ {weight(exercise.load_kg, units)}"
        if exercise.percent_e1rm is not None:
            text += f" ({exercise.percent_e1rm:.0%})"
    elif exercise.rpe is not None:
        text += f" @ RPE {number(exercise.rpe)}"
    return text


def conditioning(block: ConditioningPlan) -> str:
    target = f" @ {block.target_watts} W" if block.target_watts is not None else ""
    if block.kind == "steady":
        return f"{block.protocol} L{block.level}: {duration(block.work_s)} steady{target}"
    return (
        f"{block.protocol} L{block.level}: {block.rounds} × {duration(block.work_s)}"
        f" / {duration(block.rest_s)} rest{target}"
    )


def logged_set(row: SetRecord, units: str) -> str:
    parts: list[str] = []
    if row.weight_kg is not None:
        parts.append(weight(row.weight_kg, units))
    if row.reps is not None:
        parts.append(f"× {row.reps}" if parts else f"{row.reps} reps")
    if row.seconds is not None:
        parts.append(duration(row.seconds))
    if row.distance_m is not None:
        parts.append(f"{number(row.distance_m)} m")
    if row.rpe is not None:
        parts.append(f"@ RPE {number(row.rpe)}")
    watts = row.metadata.get("avg_watts")
    if watts is not None:
        parts.append(f"{watts} W")
    heart_rate = row.metadata.get("peak_hr")
    if heart_rate is not None:
        parts.append(f"HR {heart_rate}")
    return " ".join(parts) or "(empty)"


@dataclass(frozen=True, slots=True)
class Plates:
    """The plates for one side of a barbell, and what that actually loads."""

    per_side: tuple[float, ...]
    loaded_kg: float
    exact: bool


def plates_for(load_kg: float, bar_kg: float, plates_kg: Sequence[float]) -> Plates | None:
    """Greedy plates per side (any number of each), or None when the load is under the bar."""
    if load_kg < bar_kg - 1e-9:
        return None
    remaining = (load_kg - bar_kg) / 2
    chosen: list[float] = []
    for plate in sorted(plates_kg, reverse=True):
        while remaining >= plate - 1e-9:
            chosen.append(plate)
            remaining -= plate
    loaded = bar_kg + 2 * sum(chosen)
    return Plates(tuple(chosen), round(loaded, 3), abs(remaining) < 1e-6)


def plates_text(load_kg: float, bar_kg: float, plates_kg: Sequence[float], units: str) -> str:
    plates = plates_for(load_kg, bar_kg, plates_kg)
    bar = weight(bar_kg, units)
    if plates is None:
        return f"under the bar ({bar})"
    side = " + ".join(number(to_display(p, units), 2) for p in plates.per_side) or "nothing"
    text = f"per side: {side}  (bar {bar})"
    if not plates.exact:
        text += f"  ≈ {weight(plates.loaded_kg, units)}"
    return text


def describe_error(error: BaseException) -> str:
    """A flux error's message and hint, or the exception's own words."""
    message = getattr(error, "message", None) or str(error) or type(error).__name__
    hint = getattr(error, "hint", None)
    return f"{message} ({hint})" if hint else message
