"""Deload triggers added for fatigue and effort: RPE creeping at the same load, deloads that
last a number of sessions, the fatigue triggers' timing and check-ins without region inputs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from engine_support import GREEN, RULES, RULES_DATA, TODAY, day, rules_with

from flux_cli.engine.athlete import Exposure
from flux_cli.engine.body import BodyHistory, CheckinState
from flux_cli.engine.deload import decide_deload, rpe_creep
from flux_cli.engine.fatigue import fatigue_deload_reasons, whole_body_state
from flux_cli.engine.planner import build_plan
from flux_cli.engine.types import DeloadMark, History, LiftTarget, LoggedSet, ProfileFacts
from flux_cli.errors import RulesError
from flux_cli.rules_file import parse_rules

SHIPPED = (Path(__file__).resolve().parents[2] / "config" / "program_config.yaml").read_text()


def _at(name: str, *work: tuple[float, int, float], deload: bool = False) -> list[Exposure]:
    """Exposures of (load kg, reps, RPE) × 3 sets, three days apart, the last 3 days ago."""
    return [
        Exposure(
            day(3 * (len(work) - i)),
            tuple(LoggedSet(name, load, reps, rpe=rpe) for _ in range(3)),
            LiftTarget(3, reps, load, 8),
            deload,
        )
        for i, (load, reps, rpe) in enumerate(work)
    ]


def _deload_rules(**changes: Any) -> Any:
    return rules_with(deload={**RULES_DATA["deload"], **changes})


# ----------------------------------------------------------------- RPE creeping at one load


def test_rpe_creep_is_the_same_top_sets_at_a_rising_rpe() -> None:
    # 100 kg × 5 at RPE 7, 7.5, 8: the same work feels a point harder (about 3.5% of e1RM
    # by the RTS chart: 5 @ 7 is 81.1%, 5 @ 8 is 84.3%).
    assert rpe_creep(_at("Back Squat", (100, 5, 7), (100, 5, 7.5), (100, 5, 8)), 3) == (7, 8)
    # Within 3% of the load is the same load (plates, lb rounding); 5% is not.
    assert rpe_creep(_at("Back Squat", (100, 5, 7), (102.5, 5, 7.5), (100, 5, 8)), 3) == (7, 8)
    assert rpe_creep(_at("Back Squat", (100, 5, 7), (105, 5, 7.5), (100, 5, 8)), 3) is None
    # Other reps are other work; a dip at the end is no creep; too few exposures say nothing.
    assert rpe_creep(_at("Back Squat", (100, 5, 7), (100, 3, 7.5), (100, 5, 8)), 3) is None
    assert rpe_creep(_at("Back Squat", (100, 5, 7), (100, 5, 8.5), (100, 5, 8)), 3) is None
    assert rpe_creep(_at("Back Squat", (100, 5, 7), (100, 5, 8)), 3) is None
    # Only the last `count` exposures are read.
    older = _at("Back Squat", (90, 5, 6), (100, 5, 7), (100, 5, 7.5), (100, 5, 8))
    assert rpe_creep(older, 3) == (7, 8)


def test_a_point_of_rpe_creep_starts_a_deload_half_a_point_does_not() -> None:
    creeping = {"Back Squat": _at("Back Squat", (100, 5, 7), (100, 5, 7.5), (100, 5, 8))}
    found = decide_deload(RULES, History(), TODAY, creeping, "epley")
    assert found is not None
    assert found.reason == (
        "RPE creeping at the same load over 3 sessions: Back Squat 100 kg from RPE 7 to 8"
    )
    steady = {"Back Squat": _at("Back Squat", (100, 5, 7), (100, 5, 7.5), (100, 5, 7.5))}
    assert decide_deload(RULES, History(), TODAY, steady, "epley") is None
    # Rising load at a rising RPE is progress, not creep.
    rising = {"Back Squat": _at("Back Squat", (100, 5, 7), (105, 5, 7.5), (110, 5, 8))}
    assert decide_deload(RULES, History(), TODAY, rising, "epley") is None
    # Deload sessions are not compared (their RPE is lowered on purpose).
    easy = {"Back Squat": _at("Back Squat", (100, 5, 7), (100, 5, 7.5), (100, 5, 8), deload=True)}
    assert decide_deload(RULES, History(), TODAY, easy, "epley") is None
    # The rules' line and lift count are heeded.
    assert decide_deload(_deload_rules(rpe_creep=1.5), History(), TODAY, creeping, "epley") is None
    assert decide_deload(_deload_rules(creep_lifts=2), History(), TODAY, creeping, "epley") is None


# ----------------------------------------------------------------- deloads of N sessions


def test_a_deload_in_sessions_counts_the_sessions_done_in_it() -> None:
    by_days = {k: v for k, v in RULES_DATA["deload"].items() if k != "lasts_days"}
    rules = rules_with(deload={**by_days, "lasts_sessions": 3})
    started = decide_deload(rules, History(), TODAY, {}, "epley", ["fatigue"])
    assert started is not None
    # At most a week per session: 21 days; this is its first session.
    assert (started.sessions, started.session) == (3, 1)
    assert started.until == TODAY + dt.timedelta(days=20)
    plan = build_plan(rules, ProfileFacts(), History(), GREEN, TODAY, extra_deload_triggers=["x"])
    assert plan.deload is not None and (plan.deload.sessions, plan.deload.session) == (3, 1)
    assert plan.rationale[1] == (
        f"deload session 1 of 3 (at the latest until {started.until.isoformat()}): x"
    )
    mark = DeloadMark(day(6), day(6) + dt.timedelta(days=20), "fatigue", sessions=3)
    two_done = History(last_deload=mark, deload_dates=frozenset({day(6), day(3)}))
    going = decide_deload(rules, two_done, TODAY, {}, "epley")
    assert going is not None and (going.session, going.started) == (3, day(6))
    three_done = History(last_deload=mark, deload_dates=frozenset({day(6), day(3), day(1)}))
    assert decide_deload(rules, three_done, TODAY, {}, "epley") is None
    # Days-declared deloads keep their dates whatever was done in them.
    dated = DeloadMark(day(2), TODAY + dt.timedelta(days=4), "fatigue")
    done = frozenset({day(2), day(1)})
    in_days = decide_deload(
        RULES, History(last_deload=dated, deload_dates=done), TODAY, {}, "epley"
    )
    assert in_days is not None and in_days.sessions is None


def test_days_and_sessions_together_are_refused_with_their_line() -> None:
    text = SHIPPED.replace("  lasts_days: 7\n", "  lasts_days: 7\n  lasts_sessions: 4\n", 1)
    with pytest.raises(RulesError) as caught:
        parse_rules(text, origin="rules.yaml")
    problems = caught.value.problems or [caught.value.message]
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row == "deload:")
    assert any(
        problem.startswith(f"rules.yaml:{line}: ") and "not both" in problem for problem in problems
    ), problems
    zero = SHIPPED.replace("  lasts_days: 7\n", "  lasts_sessions: 0\n", 1)
    with pytest.raises(RulesError) as caught:
        parse_rules(zero, origin="rules.yaml")
    problems = caught.value.problems or [caught.value.message]
    assert any("lasts_sessions" in problem for problem in problems), problems
    sessions = parse_rules(
        SHIPPED.replace("  lasts_days: 7\n", "  lasts_sessions: 4\n", 1), origin="rules.yaml"
    )
    assert sessions.rules.deload.lasts_sessions == 4
    assert sessions.rules.deload.longest_days == 28


# ----------------------------------------------------------------- fatigue triggers


def test_a_check_in_counts_without_its_region_inputs() -> None:
    def state(**inputs: float) -> str | None:
        return whole_body_state(RULES, CheckinState(TODAY, "ORANGE", inputs))

    assert state(knee_pain=6, energy=9) == "GREEN"  # only the knee: no whole-body fatigue
    assert state(knee_pain=8, energy=9) == "GREEN"  # RED by the knee alone: still the knee
    assert state(knee_pain=0, energy=3) == "ORANGE"
    assert state(knee_pain=6, energy=3) == "ORANGE"  # low energy counts with or without it
    assert state(knee_pain=0, energy=2) == "RED"
    # Inputs that no longer match the rules: unknown, so not counted as poor.
    assert whole_body_state(RULES, CheckinState(TODAY, "ORANGE", {"energy": 3})) is None


def test_poor_check_ins_count_after_the_last_deload_only() -> None:
    low = {"knee_pain": 0.0, "energy": 3.0}
    checkins = tuple(CheckinState(day(d), "ORANGE", low) for d in range(7, 0, -1))
    body = BodyHistory(as_of=TODAY, checkins=checkins)
    assert fatigue_deload_reasons(RULES, body, 250) == [
        "RED/ORANGE on 7 of the last 7 check-ins (region inputs aside)"
    ]
    # A deload that ended three days ago already answered the first four.
    assert fatigue_deload_reasons(RULES, body, 250, since=day(4)) == []
    knee = {"knee_pain": 6.0, "energy": 9.0}
    sore = tuple(CheckinState(day(d), "ORANGE", knee) for d in range(7, 0, -1))
    assert fatigue_deload_reasons(RULES, BodyHistory(as_of=TODAY, checkins=sore), 250) == []


def test_fatigue_waits_a_deload_length_after_the_last_deload() -> None:
    # A deload that ended 3 days ago: the spike of the first normal week is not fatigue.
    ended = DeloadMark(day(10), day(4), "6 weeks of training without one")
    soon = decide_deload(RULES, History(last_deload=ended), TODAY, {}, "epley", ["fatigue"])
    assert soon is None
    later = DeloadMark(day(20), day(14), "6 weeks of training without one")
    found = decide_deload(RULES, History(last_deload=later), TODAY, {}, "epley", ["fatigue"])
    assert found is not None and found.reason == "fatigue"
    # The engine reads the fatigue triggers itself from the body history.
    low = {"knee_pain": 0.0, "energy": 3.0}
    body = BodyHistory(
        as_of=TODAY, checkins=tuple(CheckinState(day(d), "ORANGE", low) for d in range(5, 0, -1))
    )
    found = decide_deload(RULES, History(body=body), TODAY, {}, "epley")
    assert found is not None
    assert found.reason == "RED/ORANGE on 5 of the last 5 check-ins (region inputs aside)"


def test_a_deload_in_sessions_ends_on_its_last_session_not_on_its_latest_day() -> None:
    by_days = {k: v for k, v in RULES_DATA["deload"].items() if k != "lasts_days"}
    rules = rules_with(deload={**by_days, "lasts_sessions": 3})
    # Three deload sessions 12, 11 and 10 days ago; its latest day is still 8 days ahead.
    mark = DeloadMark(day(12), TODAY + dt.timedelta(days=8), "fatigue", sessions=3)
    done = frozenset({day(12), day(11), day(10)})
    history = History(last_deload=mark, deload_dates=done)
    assert decide_deload(rules, history, TODAY, {}, "epley") is None
    # Work after its last session counts for the next one: RPE creep 9, 6 and 3 days ago.
    creeping = {"Back Squat": _at("Back Squat", (100, 5, 7), (100, 5, 7.5), (100, 5, 8))}
    found = decide_deload(rules, history, TODAY, creeping, "epley")
    assert found is not None and found.reason.startswith("RPE creeping")
    assert found.started == TODAY and (found.session, found.sessions) == (1, 3)
    # Fatigue waits a deload's length (3 days here) after the last session, then counts.
    assert decide_deload(rules, history, day(9), {}, "epley", ["fatigue"]) is None
    assert decide_deload(rules, history, day(6), {}, "epley", ["fatigue"]) is not None
