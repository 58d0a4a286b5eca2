"""The lead lift of a plan, as a coach reads it: the main slot's exercise for the anchor.

With composition on, a plan opens with its warm-up; tests that care about the lead lift
find it by its slot, never by its position."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flux_cli.engine.types import Plan, PlannedExercise


def lead_of(plan: Mapping[str, Any]) -> dict[str, Any]:
    """The lead lift of a plan as JSON: its first `main` exercise, which trains the anchor."""
    lead = next((item for item in plan["exercises"] if item.get("slot") == "main"), None)
    assert lead is not None, f"no main exercise in {[e['name'] for e in plan['exercises']]}"
    assert lead["pattern"] == plan["anchor_pattern"], (lead, plan["anchor_pattern"])
    found: dict[str, Any] = lead
    return found


def lead_exercise(plan: Plan) -> PlannedExercise:
    """The lead lift of a plan: its first `main` exercise, which trains the anchor."""
    lead = next((item for item in plan.exercises if item.slot == "main"), None)
    assert lead is not None, f"no main exercise in {[e.name for e in plan.exercises]}"
    assert lead.pattern == plan.anchor_pattern, (lead.name, plan.anchor_pattern)
    return lead
