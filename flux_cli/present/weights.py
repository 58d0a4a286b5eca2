"""Weights in the athlete's unit, and the plates that make a barbell load."""

from __future__ import annotations

from flux_cli.engine.units import Equipment, from_kg, plates_for, to_kg
from flux_cli.present.numbers import number

__all__ = ["from_kg", "plates_text", "to_kg", "weight", "weight_step", "weight_value"]


def weight_value(weight_kg: float, unit: str) -> float:
    """A stored weight in `unit`, to the hundredth (`225` for 225 lb stored as kilograms)."""
    return round(from_kg(weight_kg, unit), 2)


def weight(weight_kg: float | None, unit: str, digits: int = 2) -> str:
    """`102.5 kg`, `225 lb`, `-` for None."""
    if weight_kg is None:
        return "-"
    return f"{number(weight_value(weight_kg, unit), digits)} {unit}"


def weight_step(equipment: Equipment) -> float:
    """One press of the weight keys: a pair of the smallest plates, in the equipment's unit."""
    return round(equipment.increment, 3)


def plates_text(load_kg: float, equipment: Equipment) -> str:
    """`per side: 45 + 35 + 2.5  (bar 45 lb)`, with `≈ …` when the plates cannot make it."""
    unit = equipment.unit
    bar = f"{number(equipment.bar)} {unit}"
    plates = plates_for(load_kg, equipment)
    if plates is None:
        return f"under the bar ({bar})"
    side = " + ".join(number(plate, 3) for plate in plates.per_side) or "nothing"
    text = f"per side: {side}  (bar {bar})"
    if not plates.exact:
        text += f"  ≈ {number(plates.loaded)} {unit}"
    return text
