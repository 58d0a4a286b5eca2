"""The athlete's facts as stored on the profile, validated when set."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from flux_cli.engine.types import E1RMFormula, Goal, ProfileFacts, Units
from flux_cli.engine.units import Equipment, equipment_of
from flux_cli.errors import InputError

# A gym's plate sizes, not its inventory: a dozen is plenty, and it bounds the plate maths.
MAX_PLATES = 20


class OneRepMax(BaseModel):
    """An explicit tested 1RM, and the day it was set (the e1RM estimate restarts from it)."""

    model_config = ConfigDict(extra="forbid")

    kg: float = Field(gt=0, le=1000)
    date: dt.date


class ProfileSettings(BaseModel):
    """What `flux profile set KEY=VALUE` may change."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    ftp_watts: float | None = Field(default=None, gt=0, le=2500)
    e1rm_formula: E1RMFormula = "epley"
    units: Units = "kg"
    bodyweight_kg: float | None = Field(default=None, gt=20, le=400)
    # Each unit keeps its own bar and plates: a pound gym's 45 lb bar is not 20 kg, and
    # switching `units` back and forth never converts (or loses) either set.
    bar_kg: float = Field(default=20.0, ge=0, le=50)
    plates_kg: tuple[float, ...] = (25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25)
    bar_lb: float = Field(default=45.0, ge=0, le=110)
    plates_lb: tuple[float, ...] = (45.0, 35.0, 25.0, 10.0, 5.0, 2.5)
    # Composition (issue 12): the default time budget and equipment (words and @presets).
    session_minutes: int | None = Field(default=None, ge=5, le=300)
    equipment: str | None = None
    goal: Goal = "general"

    @field_validator("equipment")
    @classmethod
    def _known_equipment(cls, value: str | None) -> str | None:
        if value is None:
            return None
        from flux_cli.engine.compose.candidates import UnknownEquipment, parse_equipment

        try:
            parse_equipment(value)
        except UnknownEquipment as error:
            raise ValueError(f"unknown equipment '{error}'") from None
        return ",".join(part.strip().lower() for part in value.split(",") if part.strip())

    # Set with `flux profile set 1rm.EXERCISE=160` (in the profile's unit).
    one_rep_maxes: dict[str, OneRepMax] = Field(default_factory=dict)

    @field_validator("plates_kg", "plates_lb", mode="before")
    @classmethod
    def _split_plates(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("plates_kg", "plates_lb")
    @classmethod
    def _plates_positive(cls, value: tuple[float, ...]) -> tuple[float, ...]:
        if not 0 < len(value) <= MAX_PLATES or any(not 0 < plate <= 100 for plate in value):
            raise ValueError(
                f"plates must be 1 to {MAX_PLATES} weights above 0 and up to 100,"
                " e.g. 25,20,10,5,2.5"
            )
        return tuple(sorted(value, reverse=True))

    def bar_and_plates(self) -> Equipment:
        """The bar and plates of the profile's unit, for plate maths and weight steps."""
        return equipment_of(self.facts(""))

    def facts(self, profile_name: str) -> ProfileFacts:
        return ProfileFacts(
            name=profile_name,
            ftp_watts=self.ftp_watts,
            e1rm_formula=self.e1rm_formula,
            units=self.units,
            bodyweight_kg=self.bodyweight_kg,
            bar_kg=self.bar_kg,
            plates_kg=self.plates_kg,
            bar_lb=self.bar_lb,
            plates_lb=self.plates_lb,
            one_rep_maxes={
                name: (one_rm.date, one_rm.kg) for name, one_rm in self.one_rep_maxes.items()
            },
        )


# What is stored; `flux profile set` takes each but one_rep_maxes by name (1rm.EXERCISE).
STORED_KEYS = tuple(ProfileSettings.model_fields)
SETTING_KEYS = tuple(key for key in STORED_KEYS if key != "one_rep_maxes")
ONE_RM_PREFIX = "1rm."


def load_settings(stored: Mapping[str, Any]) -> ProfileSettings:
    """Stored settings back into the model; a stored value that no longer validates (written
    by an older flux, or by hand) falls back to its default instead of failing every command.
    """
    values = {key: value for key, value in dict(stored).items() if key in STORED_KEYS}
    try:
        return ProfileSettings.model_validate(values)
    except ValidationError as error:
        bad = {str(item["loc"][0]) for item in error.errors() if item["loc"]}
        kept = {key: value for key, value in values.items() if key not in bad}
        try:
            return ProfileSettings.model_validate(kept)
        except ValidationError:
            return ProfileSettings()


def apply_assignments(current: ProfileSettings, assignments: Mapping[str, str]) -> ProfileSettings:
    """`current` with KEY=VALUE strings applied; a bad key or value raises InputError."""
    unknown = [key for key in assignments if key not in SETTING_KEYS]
    if unknown:
        raise InputError(
            f"unknown profile setting '{unknown[0]}'",
            hint=f"settings: {', '.join(SETTING_KEYS)}, 1rm.EXERCISE",
        )
    merged: dict[str, Any] = current.model_dump()
    for key, value in assignments.items():
        merged[key] = None if value.strip().lower() in ("", "none", "null") else value
    try:
        return ProfileSettings.model_validate(merged)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        key = ".".join(str(part) for part in first["loc"][:1])
        raise InputError(
            f"bad value for {key}: {str(first['msg']).removeprefix('Value error, ')}",
            hint=_HINTS.get(key, f"settings: {', '.join(SETTING_KEYS)}"),
        ) from None


_HINTS = {
    "e1rm_formula": "one of: epley, brzycki, lombardi, oconner",
    "units": "one of: kg, lb",
    "plates_kg": "a comma-separated list, e.g. plates_kg=25,20,15,10,5,2.5,1.25",
    "plates_lb": "a comma-separated list, e.g. plates_lb=45,35,25,10,5,2.5",
    "bar_kg": "the empty bar in kg, e.g. bar_kg=20",
    "bar_lb": "the empty bar in lb, e.g. bar_lb=45",
    "ftp_watts": "watts, e.g. ftp_watts=250 (none to clear)",
    "session_minutes": "minutes, 5 to 300, e.g. session_minutes=45",
    "equipment": "known: barbell, rack, bench, dumbbells, cable, machine, pullup_bar, bands, "
    "kettlebells, bike, rower, pool, medicine_ball, exercise_ball, foam_roll, specialty; "
    "presets: @gym, @home, @dumbbells, @bodyweight",
}


def one_rm_value(key: str, value: str, units: str) -> float | None:
    """The kilograms a `1rm.EXERCISE=VALUE` assignment sets (in the profile's unit), or
    None to clear it; a value that is not a positive weight raises InputError."""
    from flux_cli.engine.units import to_kg

    text = value.strip().lower()
    if text in ("", "none", "null"):
        return None
    try:
        number = float(text)
    except ValueError:
        number = float("nan")
    if not 0 < number <= (2200 if units == "lb" else 1000):
        raise InputError(
            f"bad value for {key}: '{value}' is not a weight in {units}",
            hint=f"e.g. {key}=160 (in {units}; none to clear)",
        )
    return round(to_kg(number, units), 3)
