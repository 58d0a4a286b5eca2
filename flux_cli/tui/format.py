"""What the dashboard shows numbers, weights and sets as: flux's one presentation layer.

Screens import this module as `fmt`; everything but `describe_error` lives in
`flux_cli.present`, shared with the CLI.
"""

from __future__ import annotations

from flux_cli.engine.units import Equipment, PlateLoad, plates_for
from flux_cli.present.numbers import clock, duration, number, plural, watts
from flux_cli.present.sets import (
    amount,
    conditioning,
    load_or_rpe,
    logged_set,
    prescription,
    set_text,
)
from flux_cli.present.styles import OUTCOME_STYLES, STATE_COLOURS
from flux_cli.present.weights import from_kg as to_display
from flux_cli.present.weights import plates_text, to_kg, weight, weight_step

__all__ = [
    "OUTCOME_STYLES",
    "STATE_COLOURS",
    "Equipment",
    "PlateLoad",
    "amount",
    "clock",
    "conditioning",
    "describe_error",
    "duration",
    "load_or_rpe",
    "logged_set",
    "number",
    "plates_for",
    "plates_text",
    "plural",
    "prescription",
    "set_text",
    "to_display",
    "to_kg",
    "watts",
    "weight",
    "weight_step",
]


def describe_error(error: BaseException) -> str:
    """A flux error's message and hint, or the exception's own words."""
    message = getattr(error, "message", None) or str(error) or type(error).__name__
    hint = getattr(error, "hint", None)
    return f"{message} ({hint})" if hint else message
