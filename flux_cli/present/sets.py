"""Prescriptions, conditioning blocks and logged sets as one line of text each."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol

from flux_cli.present.numbers import distance, duration, number, watts
from flux_cli.present.weights import weight

if TYPE_CHECKING:
    from flux_cli.engine.types import ConditioningPlan, PlannedExercise

# Shown in their own words ("262 W", "HR 171"); the rest of a set's metadata as key=value.
_SHOWN_METADATA = ("avg_watts", "peak_hr")


class SetLike(Protocol):
    """What a logged set offers for display (storage's SetRecord has these)."""

    @property
    def weight_kg(self) -> float | None: ...
    @property
    def reps(self) -> int | None: ...
    @property
    def seconds(self) -> float | None: ...
    @property
    def distance_m(self) -> float | None: ...
    @property
    def rpe(self) -> float | None: ...
    @property
    def metadata(self) -> Mapping[str, Any]: ...


def amount(sets: int, reps: int | None, seconds: float | None) -> str:
    """`5 × 5`, `3 × 40s`."""
    return f"{sets} × {reps if reps is not None else duration(seconds)}"


def load_or_rpe(load_kg: float | None, rpe: float | None, unit: str) -> str:
    """` @ 210 lb`, ` @ RPE 8`, or nothing: what a prescription's sets are done at."""
    if load_kg is not None:
        return f" @ {weight(load_kg, unit)}"
    if rpe is not None:
        return f" @ RPE {number(rpe)}"
    return ""


def prescription(exercise: PlannedExercise, unit: str, *, with_e1rm: bool = False) -> str:
    """`5 × 5 @ 210 lb (80%)`, or with the e1RM it came from; `3 × 12 @ RPE 8`."""
    text = amount(exercise.sets, exercise.reps, exercise.seconds)
    text += load_or_rpe(exercise.load_kg, exercise.rpe, unit)
    if exercise.load_kg is not None and exercise.percent_e1rm is not None:
        if with_e1rm and exercise.e1rm_kg is not None:
            e1rm = weight(exercise.e1rm_kg, unit, digits=1)
            text += f" ({exercise.percent_e1rm:.0%} of e1RM {e1rm})"
        else:
            text += f" ({exercise.percent_e1rm:.0%})"
    return text


def conditioning(block: ConditioningPlan, *, with_protocol: bool = True) -> str:
    """`HIIT L2: 6 × 30s / 1:30 rest @ 262 W`, `SS L1: 30:00 steady @ 180 W`."""
    target = f" @ {block.target_watts} W" if block.target_watts is not None else ""
    head = f"{block.protocol} L{block.level}: " if with_protocol else ""
    if block.kind == "steady":
        return f"{head}{duration(block.work_s)} steady{target}"
    rounds = f"{block.rounds} × {duration(block.work_s)} / {duration(block.rest_s)} rest"
    return f"{head}{rounds}{target}"


def logged_set(row: SetLike, unit: str, *, all_metadata: bool = False) -> str:
    """`102.5 kg × 5 @ RPE 8`, `30s 262 W HR 171`; other metadata too when asked."""
    return set_text(
        weight_kg=row.weight_kg,
        reps=row.reps,
        seconds=row.seconds,
        distance_m=row.distance_m,
        rpe=row.rpe,
        metadata=row.metadata,
        unit=unit,
        all_metadata=all_metadata,
    )


def set_text(
    *,
    weight_kg: float | None,
    reps: int | None,
    seconds: float | None,
    rpe: float | None,
    metadata: Mapping[str, Any],
    unit: str,
    distance_m: float | None = None,
    all_metadata: bool = False,
) -> str:
    """One set's figures in reading order; `(empty)` when it has none."""
    parts: list[str] = []
    if weight_kg is not None:
        parts.append(weight(weight_kg, unit))
    if reps is not None:
        parts.append(f"× {reps}" if parts else f"{reps} reps")
    if seconds is not None:
        parts.append(duration(seconds))
    if distance_m is not None:
        parts.append(distance(distance_m))
    if rpe is not None:
        parts.append(f"@ RPE {number(rpe)}")
    if metadata.get("avg_watts") is not None:
        parts.append(watts(metadata["avg_watts"]))
    if metadata.get("peak_hr") is not None:
        parts.append(f"HR {_value(metadata['peak_hr'])}")
    if all_metadata:
        extra = {key: value for key, value in metadata.items() if key not in _SHOWN_METADATA}
        parts += [f"{key}={_value(value)}" for key, value in extra.items()]
    return " ".join(parts) or "(empty)"


def _value(value: object) -> str:
    if isinstance(value, float):
        return number(value, 3)
    return str(value)
