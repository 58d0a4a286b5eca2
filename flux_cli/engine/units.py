"""Kilograms and pounds, and what a barbell can actually be loaded to (pure arithmetic).

Loads are stored in kilograms; an athlete who trains in pounds gets targets rounded in
pounds to what their own plates make, stored as `pounds × KG_PER_LB` so that the plate
calculator, the log (`225x5` in pounds) and the verdict all meet the same number.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flux_cli.engine.types import ProfileFacts, Units

# The international pound is defined as exactly 0.45359237 kg (1959 agreement).
KG_PER_LB = 0.45359237
DEFAULT_INCREMENT_KG = 2.5
# Plates and bars are made to the gram (or thousandth of a pound): plate sums are
# done on this integer grid so that 45 + 35 + 2.5 is exactly 82.5, never 82.49999.
_GRID = 1000
_MAX_CELLS = 20_000


def to_kg(value: float, unit: Units | str) -> float:
    """`value` in `unit` as kilograms."""
    return value * KG_PER_LB if unit == "lb" else value


def from_kg(weight_kg: float, unit: Units | str) -> float:
    """`weight_kg` in `unit`."""
    return weight_kg / KG_PER_LB if unit == "lb" else weight_kg


def _units_of(value: float) -> int:
    return round(value * _GRID)


@dataclass(frozen=True, slots=True)
class Equipment:
    """A bar and the plates that go on it, in the athlete's unit (plates largest first)."""

    unit: Units
    bar: float
    plates: tuple[float, ...]

    @property
    def increment(self) -> float:
        """The smallest step a barbell load can take: a pair of the smallest plates."""
        if self.plates:
            return 2 * min(self.plates)
        return from_kg(DEFAULT_INCREMENT_KG, self.unit)


def equipment_of(profile: ProfileFacts) -> Equipment:
    """The bar and plates of the profile's unit."""
    if profile.units == "lb":
        return Equipment("lb", profile.bar_lb, tuple(sorted(profile.plates_lb, reverse=True)))
    return Equipment("kg", profile.bar_kg, tuple(sorted(profile.plates_kg, reverse=True)))


def round_to_increment(load: float, increment: float, base: float = 0.0) -> float:
    """Round `load` half-up to `base` plus a whole number of `increment`s (never below 0)."""
    if increment <= 0:
        return round(load, 2)
    step = _units_of(increment)
    offset = _units_of(base) % step
    steps = math.floor((load * _GRID - offset) / step + 0.5)
    target = offset + steps * step
    if target < 0:
        target += step
    return target / _GRID


def loadable_kg(load_kg: float, equipment: Equipment) -> float:
    """The nearest load the equipment makes, rounded in its unit, back in kilograms.

    Above the bar the target is the bar plus whole pairs of the smallest plate, so the
    plate calculator reproduces it exactly; a pound target is stored as `lb × KG_PER_LB`.
    """
    load = from_kg(load_kg, equipment.unit)
    target = round_to_increment(load, equipment.increment, base=equipment.bar)
    return to_kg(target, equipment.unit)


@dataclass(frozen=True, slots=True)
class PlateLoad:
    """The plates for one side of the bar (largest first) and the total they make, in its unit."""

    per_side: tuple[float, ...]
    loaded: float
    exact: bool


def plates_for(load_kg: float, equipment: Equipment) -> PlateLoad | None:
    """Fewest plates per side for the load (or the heaviest below it); None under the bar."""
    load = _units_of(from_kg(load_kg, equipment.unit))
    bar = _units_of(equipment.bar)
    if load < bar:
        return None
    wanted = (load - bar) // 2
    sizes = sorted({_units_of(p) for p in equipment.plates if _units_of(p) > 0}, reverse=True)
    chosen = _fewest(wanted, sizes)
    per_side = tuple(size / _GRID for size in chosen)
    loaded = (bar + 2 * sum(chosen)) / _GRID
    return PlateLoad(per_side, loaded, bar + 2 * sum(chosen) == load)


def _fewest(wanted: int, sizes: Sequence[int]) -> list[int]:
    """Plates summing to the most that is at most `wanted`, fewest of them, largest first."""
    if not sizes or wanted <= 0:
        return []
    grid = reduce(math.gcd, sizes)
    cells = wanted // grid
    if cells > _MAX_CELLS:
        return _greedy(wanted, sizes)
    steps = [size // grid for size in sizes]
    unreachable = cells + 1
    count = [0] + [unreachable] * cells
    for cell in range(1, cells + 1):
        count[cell] = min(
            (count[cell - step] + 1 for step in steps if step <= cell), default=unreachable
        )
    best = max(cell for cell in range(cells + 1) if count[cell] < unreachable)
    chosen: list[int] = []
    while best > 0:
        step = next(s for s in steps if s <= best and count[best - s] == count[best] - 1)
        chosen.append(step * grid)
        best -= step
    return sorted(chosen, reverse=True)


def _greedy(wanted: int, sizes: Sequence[int]) -> list[int]:
    chosen: list[int] = []
    for size in sizes:
        while wanted >= size:
            chosen.append(size)
            wanted -= size
    return chosen
