"""The SET SPEC mini-language of `flux log` (`100x5`, `100x5x3`, `32x40s`, `12`, `45s`, `2km`).

A spec is one token; a trailing `xN` repeats it as N sets:

- `WEIGHTxREPS[xSETS]`: a loaded lift (`100x5`, `100x5x3`, `225lbx5`);
- `WEIGHTxTIME[xSETS]`: a loaded hold or carry for time (`32x40s`, `24kgx1minx2`);
- `WEIGHTxDISTANCE[xSETS]`: a loaded carry over a distance (`24x20m`, `70lbx40mx3`);
- `REPS`, `TIME[xSETS]`, `DISTANCE[xSETS]`: unloaded work (`12`, `45sx3`, `20min`, `400mx4`).

WEIGHT is in the profile's unit unless it says `kg` or `lb`; TIME takes `s`, `sec`, `min`,
`h`; DISTANCE `m`, `km`, `mi` (so `20m` is metres, `20min` minutes).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from flux_cli.engine.limits import DISTANCE_M, MAX_NUMBER_CHARS, SECONDS, WEIGHT_KG
from flux_cli.engine.units import KG_PER_LB
from flux_cli.errors import InputError

GRAMMAR = (
    "SPEC is WEIGHTxREPS[xSETS] (100x5, 100x5x3, 225lbx5), "
    "WEIGHTxTIME or WEIGHTxDISTANCE for loaded holds and carries (32x40s, 24x20m, 32x40sx3), "
    "REPS (12), TIME (45s, 20min, 45sx3) or DISTANCE (2km, 400m, 1.5mi)"
)
LB_TO_KG = KG_PER_LB
MAX_REPS = 1000
MAX_SETS = 100
# A coach's bound on reps in one loaded set: 20-rep squats and 30-rep kettlebell swings are
# real, 50 are not; a bare "100" for Back Squat is a weight whose reps were left out.
MAX_LOADED_REPS = 30
LOADED_TYPES = frozenset({"barbell", "dumbbell", "kettlebell", "machine", "cable"})
# The longest spec is three numbers and their units (`1234.5kgx1000x100` and a little more).
MAX_TOKEN_CHARS = 3 * MAX_NUMBER_CHARS + 12

_NUMBER = r"(\d+(?:\.\d+)?|\.\d+)"
_WEIGHT = rf"{_NUMBER}(kg|kgs|lb|lbs)?"
_TIME_UNIT = r"(s|sec|min|h)"
_DISTANCE_UNIT = r"(km|m|mi)"
_SETS = r"(?:x(\d+))?"
_LIFT = re.compile(rf"{_WEIGHT}x(\d+){_SETS}")
_LOADED_TIME = re.compile(rf"{_WEIGHT}x{_NUMBER}{_TIME_UNIT}{_SETS}")
_LOADED_DISTANCE = re.compile(rf"{_WEIGHT}x{_NUMBER}{_DISTANCE_UNIT}{_SETS}")
_REPS = re.compile(r"(\d+)")
_TIME = re.compile(rf"{_NUMBER}{_TIME_UNIT}{_SETS}")
_DISTANCE = re.compile(rf"{_NUMBER}{_DISTANCE_UNIT}{_SETS}")
_SECONDS_PER = {"s": 1.0, "sec": 1.0, "min": 60.0, "h": 3600.0}
_METRES_PER = {"km": 1000.0, "m": 1.0, "mi": 1609.344}


@dataclass(frozen=True, slots=True)
class SetSpec:
    """One set to log, in kilograms, seconds and metres."""

    weight_kg: float | None = None
    reps: int | None = None
    seconds: float | None = None
    distance_m: float | None = None


def _bad(token: str, why: str = "") -> InputError:
    return InputError(f"bad set spec '{token}'{f': {why}' if why else ''}", hint=GRAMMAR)


def _weight_kg(token: str, weight: str, unit: str | None, default_unit: str) -> float:
    unit = (unit or default_unit).rstrip("s")
    weight_kg = float(weight) * (LB_TO_KG if unit == "lb" else 1.0)
    if not WEIGHT_KG.holds(weight_kg):
        raise _bad(token, f"weight must be {WEIGHT_KG.describe()}")
    return weight_kg


def _sets(token: str, sets_text: str | None) -> int:
    sets = int(sets_text or 1)
    if not 1 <= sets <= MAX_SETS:
        raise _bad(token, f"sets must be from 1 to {MAX_SETS}")
    return sets


def _seconds(token: str, amount: str, unit: str) -> float:
    seconds = float(amount) * _SECONDS_PER[unit]
    if not SECONDS.holds(seconds):
        raise _bad(token, f"time must be {SECONDS.describe()}")
    return seconds


def _metres(token: str, amount: str, unit: str) -> float:
    metres = float(amount) * _METRES_PER[unit]
    if not DISTANCE_M.holds(metres):
        raise _bad(token, f"distance must be {DISTANCE_M.describe()}")
    return metres


def _parse_token(token: str, default_unit: Literal["kg", "lb"]) -> list[SetSpec]:
    text = token.strip().lower().replace("×", "x").replace(" ", "")
    if len(text) > MAX_TOKEN_CHARS or any(
        len(number) > MAX_NUMBER_CHARS for number in re.findall(r"[\d.]+", text)
    ):
        raise _bad(_shown(token), f"numbers have at most {MAX_NUMBER_CHARS} characters")
    if match := _LIFT.fullmatch(text):
        weight, unit, reps_text, sets_text = match.groups()
        weight_kg, reps = _weight_kg(token, weight, unit, default_unit), int(reps_text)
        _check_reps(token, reps)
        return [SetSpec(weight_kg=weight_kg, reps=reps)] * _sets(token, sets_text)
    if match := _LOADED_TIME.fullmatch(text):
        weight, unit, amount, time_unit, sets_text = match.groups()
        spec = SetSpec(
            weight_kg=_weight_kg(token, weight, unit, default_unit),
            seconds=_seconds(token, amount, time_unit),
        )
        return [spec] * _sets(token, sets_text)
    if match := _LOADED_DISTANCE.fullmatch(text):
        weight, unit, amount, distance_unit, sets_text = match.groups()
        spec = SetSpec(
            weight_kg=_weight_kg(token, weight, unit, default_unit),
            distance_m=_metres(token, amount, distance_unit),
        )
        return [spec] * _sets(token, sets_text)
    if _REPS.fullmatch(text):
        reps = int(text)
        _check_reps(token, reps)
        return [SetSpec(reps=reps)]
    if match := _TIME.fullmatch(text):
        amount, time_unit, sets_text = match.groups()
        return [SetSpec(seconds=_seconds(token, amount, time_unit))] * _sets(token, sets_text)
    if match := _DISTANCE.fullmatch(text):
        amount, distance_unit, sets_text = match.groups()
        return [SetSpec(distance_m=_metres(token, amount, distance_unit))] * _sets(token, sets_text)
    raise _bad(token)


def _shown(token: str) -> str:
    """The token as quoted in an error: shortened, so a pasted megabyte is not echoed."""
    return token if len(token) <= 40 else f"{token[:37]}..."


def _check_reps(token: str, reps: int) -> None:
    if not 1 <= reps <= MAX_REPS:
        raise _bad(token, f"reps must be from 1 to {MAX_REPS}")


def parse_spec(tokens: Sequence[str], default_unit: Literal["kg", "lb"] = "kg") -> list[SetSpec]:
    """Turn SPEC tokens into one `SetSpec` per set (`100x5x3` is three sets)."""
    if default_unit not in ("kg", "lb"):
        raise InputError(f"unknown unit '{default_unit}'", hint="units are kg or lb")
    if isinstance(tokens, str):
        tokens = [tokens]
    if not tokens:
        raise InputError("no set spec given", hint=GRAMMAR)
    specs: list[SetSpec] = []
    for token in tokens:
        specs.extend(_parse_token(token, default_unit))
    return specs


def check_plausible(
    exercise: str, specs: Sequence[SetSpec], *, load_type: str, tracking: str
) -> None:
    """Refuse bare numbers that cannot mean what they parse as for this exercise.

    A bare `100` parses as 100 reps; for a loaded lift it is almost always a weight without
    its reps, and for a timed or distance exercise reps mean nothing.
    """
    for spec in specs:
        if spec.reps is None or spec.weight_kg is not None:
            continue
        if tracking == "time":
            raise InputError(
                f"{exercise} is timed: '{spec.reps}' alone is not a time",
                hint=f"give a time, e.g. 45s or, loaded, 32x40s; {GRAMMAR}",
            )
        if tracking == "distance":
            raise InputError(
                f"{exercise} is done over a distance or time: '{spec.reps}' alone is neither",
                hint=f"give a distance or time, e.g. 2km or 20min; {GRAMMAR}",
            )
        if load_type in LOADED_TYPES and spec.reps > MAX_LOADED_REPS:
            raise InputError(
                f"'{spec.reps}' reads as {spec.reps} reps of {exercise}, more than "
                f"{MAX_LOADED_REPS} in one loaded set",
                hint=f"give the weight and the reps, e.g. {spec.reps}x5; {GRAMMAR}",
            )
