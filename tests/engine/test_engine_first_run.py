"""A first plan speaks plain words: never trained, protocols explained (#8.20)."""

from __future__ import annotations

import datetime as dt

from engine_support import GREEN, RULES, TODAY

from flux_cli.engine.planner import build_plan, plain_name
from flux_cli.engine.types import History, PastSession, ProfileFacts


def test_rules_names_read_as_words() -> None:
    assert plain_name("Strength_Type_A") == "Strength Type A"


def test_a_first_plan_marks_every_pattern_never_trained() -> None:
    plan = build_plan(RULES, ProfileFacts(), History.from_sessions(), GREEN, TODAY)
    assert plan.never_trained == ["SQUAT", "HINGE", "PUSH", "PULL"]
    assert plan.pattern_debt == {"SQUAT": 0, "HINGE": 0, "PUSH": 0, "PULL": 0}
    assert plan.protocol_descriptions == {
        name: protocol.description for name, protocol in RULES.protocols.items()
    }
    assert plan.rationale[1] == (
        "Strength Type A: never done yet, tied with Strength Type B, first in the rules file"
    )


def test_the_anchor_line_says_never_trained_in_plain_words() -> None:
    history = History.from_sessions(
        sessions=(
            PastSession(TODAY - dt.timedelta(days=9), "Strength_Type_A", frozenset({"PUSH"})),
        )
    )
    plan = build_plan(RULES, ProfileFacts(), history, {"knee_pain": 1, "energy": 8}, TODAY)
    assert plan.archetype == "Strength_Type_B"
    assert plan.never_trained == ["SQUAT", "HINGE", "PULL"]
    assert plan.pattern_debt == {"SQUAT": 1, "HINGE": 1, "PUSH": 0, "PULL": 1}
    assert plan.rationale[2] == (
        "HINGE leads: never trained yet, tied with PULL, first in order of HINGE, PULL"
    )
    history = History.from_sessions(
        sessions=(
            PastSession(TODAY - dt.timedelta(days=2), "Strength_Type_B", frozenset({"HINGE"})),
            PastSession(TODAY - dt.timedelta(days=1), "Conditioning", frozenset({"PUSH"})),
        )
    )
    plan = build_plan(RULES, ProfileFacts(), history, {"knee_pain": 1, "energy": 8}, TODAY)
    assert plan.archetype == "Strength_Type_A"
    assert plan.rationale[2] == "SQUAT leads: never trained yet, unlike PUSH"
