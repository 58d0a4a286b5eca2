"""Conditioning ladders: one step per session, a second success before a two-demand jump,
and the bounded replay (from the latest settling attempt) agreeing with the full one."""

from __future__ import annotations

from engine_support import RULES, attempt, full, intervals
from hypothesis import given, settings
from hypothesis import strategies as st

from flux_cli.engine.progression import (
    demand_axes,
    first_of_two_successes,
    protocol_standings,
    resets_standing,
)
from flux_cli.engine.types import ConditioningAttempt


def test_demand_axes_of_the_default_ladders() -> None:
    assert demand_axes(RULES, "HIIT", 1) == ["rounds"]
    assert demand_axes(RULES, "HIIT", 2) == ["rest", "intensity"]
    assert demand_axes(RULES, "HIIT", 6) == ["work", "rest", "intensity"]
    assert demand_axes(RULES, "SS", 1) == ["work", "intensity"]
    assert demand_axes(RULES, "HIIT", 7) == []  # the top: nothing after it


def test_a_two_demand_step_needs_two_successes_in_a_row() -> None:
    once = protocol_standings(RULES, [attempt("HIIT", 2, full("HIIT", 2), days_ago=5)])
    assert (once["HIIT"].level, once["HIIT"].successes_at_level) == (2, 1)
    twice = protocol_standings(
        RULES,
        [
            attempt("HIIT", 2, full("HIIT", 2), days_ago=9),
            attempt("HIIT", 2, full("HIIT", 2), days_ago=5),
        ],
    )
    assert twice["HIIT"].level == 3
    # A one-demand step moves on the first success, and never by more than one level.
    single = protocol_standings(RULES, [attempt("HIIT", 1, full("HIIT", 1), days_ago=5)])
    assert single["HIIT"].level == 2
    broken = protocol_standings(
        RULES,
        [
            attempt("HIIT", 2, full("HIIT", 2), days_ago=9),
            attempt("HIIT", 2, intervals(4, 30, 300), days_ago=7),  # partly done
            attempt("HIIT", 2, full("HIIT", 2), days_ago=5),
        ],
    )
    assert (broken["HIIT"].level, broken["HIIT"].successes_at_level) == (2, 1)


outcomes = st.sampled_from(["full", "partial", "fail", "none"])


def _attempt(level: int, outcome: str, days_ago: int) -> ConditioningAttempt:
    rounds = RULES.protocols["HIIT"].levels[level - 1].rounds
    sets = {
        "full": full("HIIT", level),
        "partial": intervals(rounds - 1, 30, 400),
        "fail": intervals(1, 30, 400),
        "none": (),
    }[outcome]
    return attempt("HIIT", level, sets, days_ago=days_ago)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 7), outcomes), min_size=1, max_size=12))
def test_replaying_from_the_latest_settling_attempt_gives_the_same_standing(
    steps: list[tuple[int, str]],
) -> None:
    attempts = [
        _attempt(level, outcome, days_ago=60 - 2 * index)
        for index, (level, outcome) in enumerate(steps)
    ]
    everything = protocol_standings(RULES, attempts)["HIIT"]
    settling = [i for i, a in enumerate(attempts) if resets_standing(RULES, a)]
    if not settling:
        return
    tail = protocol_standings(RULES, attempts[settling[-1] :])["HIIT"]
    assert tail == everything


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 3), outcomes), min_size=1, max_size=14))
def test_a_run_of_successes_that_need_two_settles_once_it_begins(
    steps: list[tuple[int, str]],
) -> None:
    """`storage.history` stops reading at the attempt before such a run (or at a settling
    one); replaying from there gives the full replay's standing."""
    attempts = [
        _attempt(level, outcome, days_ago=60 - 2 * index)
        for index, (level, outcome) in enumerate(steps)
    ]
    everything = protocol_standings(RULES, attempts)["HIIT"]
    run_level = None
    for start in range(len(attempts) - 1, -1, -1):  # newest first, as the read goes
        current = attempts[start]
        in_run = first_of_two_successes(RULES, current)
        if run_level is not None and not (in_run and current.prescription.level == run_level):
            break
        if in_run:
            run_level = current.prescription.level
        elif resets_standing(RULES, current):
            break
    else:
        return  # never settled: the read takes every attempt
    assert protocol_standings(RULES, attempts[start:])["HIIT"] == everything
