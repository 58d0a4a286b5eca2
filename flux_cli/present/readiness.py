"""Readiness values as typed into a prompt or a form, checked by the engine's one validator."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flux_cli.engine.readiness import value_problem

if TYPE_CHECKING:
    from flux_cli.engine.rules import ReadinessInput


def readiness_problem(spec: ReadinessInput, text: str) -> str | None:
    """Why `text` is not a valid value for the input (`not a number`, `0-10 only`), or None.

    The service stores what `engine.readiness.parse_value` accepts; this asks the same
    question, so a value the form takes is a value the check-in takes ("7,0" is neither).
    """
    return value_problem(spec, text)
