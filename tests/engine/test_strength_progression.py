"""Progression styles, the next-set rule, deload and layoff modifiers, and their properties."""

from __future__ import annotations

import datetime as dt

import pytest
from engine_support import GREEN, RULES, RULES_DATA, TODAY, day
from hypothesis import given, settings
from hypothesis import strategies as st

from flux_cli.engine.athlete import Exposure, estimate
from flux_cli.engine.coaching_rules import StyleRule
from flux_cli.engine.planner import build_plan
from flux_cli.engine.rules import Prescription
from flux_cli.engine.strength import Modifiers, next_set_load, prescribe
from flux_cli.engine.types import (
    DatedSet,
    DeloadMark,
    History,
    LiftTarget,
    LoggedSet,
    NextSetRulePlan,
    PastSession,
    ProfileFacts,
)
from flux_cli.engine.units import equipment_of
from flux_cli.errors import RulesError
from flux_cli.rules_file import parse_rules

KG = equipment_of(ProfileFacts())
FIVES = Prescription(sets=5, reps=5, rpe=8)


def _day_of(
    days_ago: int, load: float, reps: int, rpe: float | None, *, sets: int = 5, target: int = 5
) -> Exposure:
    logged = tuple(LoggedSet("Back Squat", load, reps, rpe=rpe) for _ in range(sets))
    return Exposure(day(days_ago), logged, LiftTarget(sets, target, load, 8, "x"), False)


def _next(style: StyleRule, *exposures: Exposure) -> float:
    e1rm = estimate(list(exposures), "epley", RULES.e1rm, TODAY)
    decided = prescribe(
        "Back Squat", FIVES, style, RULES.strength, list(exposures), e1rm, KG, Modifiers()
    )
    assert decided.load_kg is not None, decided.reason
    return decided.load_kg


def test_rpe_target_loads_from_the_chart_and_says_why() -> None:
    last = _day_of(4, 100, 5, 7)  # RPE 7: one rep more in reserve than the target
    e1rm = estimate([last], "epley", RULES.e1rm, TODAY)
    decided = prescribe(
        "Back Squat", FIVES, StyleRule(), RULES.strength, [last], e1rm, KG, Modifiers()
    )
    # 100 / 0.786 (5 @ 7) = 127.2; × 0.811 (5 @ 8) = 103.2 → 102.5 on 2.5 kg steps.
    assert decided.load_kg == 102.5
    assert decided.reason == (
        "Back Squat 5×5 @ 102.5 kg (rpe_target, RPE 8 = 81.1% of e1RM 127.2 kg) "
        "(+2.5 kg: last 5×5 @ 100 kg RPE 7, target 8)"
    )
    assert decided.next_set_rule == NextSetRulePlan(
        target_rpe=8, down_per_rpe=0.04, up_per_rpe=0.02, tolerance_rpe=0.5
    )
    assert decided.previous is not None and decided.previous.load_kg == 100


def test_rpe_target_without_rpe_earns_a_step_by_completing_the_work() -> None:
    assert _next(StyleRule(), _day_of(4, 100, 5, None)) == 102.5


def test_linear_adds_the_increment_holds_on_a_miss_and_backs_off_after_two() -> None:
    linear = StyleRule(style="linear", increment_kg=5)
    assert _next(linear, _day_of(4, 100, 5, None)) == 105
    assert _next(linear, _day_of(4, 100, 4, 10)) == 100
    # Two failed sessions in a row: back off 10 % (rules default), on loadable steps.
    assert _next(linear, _day_of(8, 100, 4, 10), _day_of(4, 100, 3, 10)) == 90


def test_double_climbs_reps_then_load() -> None:
    double = StyleRule(style="double", rep_range=(8, 12))
    ten = _day_of(4, 20, 10, 8, sets=3, target=10)
    decided = prescribe("Curl", FIVES, double, RULES.strength, [ten], None, KG, Modifiers())
    assert (decided.reps, decided.load_kg) == (11, 20)
    top = _day_of(4, 20, 12, 8, sets=3, target=12)
    decided = prescribe("Curl", FIVES, double, RULES.strength, [top], None, KG, Modifiers())
    assert (decided.reps, decided.load_kg) == (8, 22.5)
    assert "all sets reached 12 reps" in decided.reason


def test_wave_steps_through_its_declared_sets() -> None:
    wave = StyleRule.model_validate(
        {"style": "wave", "wave": [{"reps": 5, "rpe": 7}, {"reps": 3, "rpe": 8}]}
    )
    first = prescribe("Back Squat", FIVES, wave, RULES.strength, [], None, KG, Modifiers())
    assert (first.reps, first.rpe) == (5, 7)
    done = Exposure(
        day(4),
        tuple(LoggedSet("Back Squat", 100, 5, rpe=7) for _ in range(5)),
        LiftTarget(5, 5, 100, 7, "wave"),
        False,
    )
    e1rm = estimate([done], "epley", RULES.e1rm, TODAY)
    second = prescribe("Back Squat", FIVES, wave, RULES.strength, [done], e1rm, KG, Modifiers())
    assert (second.reps, second.rpe) == (3, 8)
    assert second.load_kg is not None and second.load_kg > 100


@pytest.mark.parametrize(
    ("rpe", "expected"),
    [(8, 100), (8.5, 100), (9, 95), (10, 92.5), (7, 102.5), (6, 105)],
)
def test_the_next_set_rule(rpe: float, expected: float) -> None:
    # −4 % per RPE point above target, +2 % per point below, ±0.5 holds (rules defaults).
    rule = NextSetRulePlan(target_rpe=8, down_per_rpe=0.04, up_per_rpe=0.02, tolerance_rpe=0.5)
    assert next_set_load(rule, 100, rpe, KG) == expected


# ---------------------------------------------------------------------------- properties

loads = st.integers(min_value=24, max_value=100).map(lambda steps: steps * 2.5)
rpes = st.sampled_from([6.0, 6.5, 7.0, 7.5, 8.0, 8.5])
styles = st.sampled_from(
    [
        StyleRule(),
        StyleRule(style="linear"),
        StyleRule(style="double", rep_range=(5, 8)),
        StyleRule.model_validate({"style": "wave", "wave": [{"reps": 5, "rpe": 8}]}),
    ]
)
earlier = st.lists(st.tuples(loads, st.integers(1, 5), rpes), max_size=4)


def _history(past: list[tuple[float, int, float]]) -> list[Exposure]:
    return [
        _day_of(30 - 5 * index, load, reps, rpe) for index, (load, reps, rpe) in enumerate(past)
    ]


@settings(max_examples=150, deadline=None)
@given(style=styles, load=loads, rpe=rpes, past=earlier)
def test_a_successful_session_never_lowers_the_next_load(
    style: StyleRule, load: float, rpe: float, past: list[tuple[float, int, float]]
) -> None:
    exposures = [*_history(past), _day_of(2, load, 5, rpe)]
    assert _next(style, *exposures) >= load


@settings(max_examples=150, deadline=None)
@given(style=styles, load=loads, reps=st.integers(1, 4), past=earlier)
def test_a_failed_session_never_raises_the_next_load(
    style: StyleRule, load: float, reps: int, past: list[tuple[float, int, float]]
) -> None:
    exposures = [*_history(past), _day_of(2, load, reps, 10)]
    assert _next(style, *exposures) <= load


def _squat_history(loads_kg: list[float], *, deload: bool) -> History:
    sets = {
        "Back Squat": tuple(
            DatedSet(day(20 - 3 * i), LoggedSet("Back Squat", load, 5, rpe=8))
            for i, load in enumerate(loads_kg)
        )
    }
    mark = DeloadMark(day(1), TODAY + dt.timedelta(days=3), "test") if deload else None
    base = History.from_sessions(
        [PastSession(day(9), "Strength_Type_B", frozenset({"HINGE"}))], lift_sets=sets
    )
    return History(
        as_of=None,
        session_count=base.session_count,
        pattern_debt=base.pattern_debt,
        archetype_last_done=base.archetype_last_done,
        lift_sets=base.lift_sets,
        pattern_last_trained=base.pattern_last_trained,
        training_dates=base.training_dates,
        last_deload=mark,
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(loads, min_size=1, max_size=5))
def test_a_deload_plan_never_has_more_sets_nor_more_load(loads_kg: list[float]) -> None:
    normal = build_plan(RULES, ProfileFacts(), _squat_history(loads_kg, deload=False), GREEN, TODAY)
    deload = build_plan(RULES, ProfileFacts(), _squat_history(loads_kg, deload=True), GREEN, TODAY)
    assert deload.deload is not None and normal.deload is None
    assert deload.deload.reason == "test"
    for light, usual in zip(deload.exercises, normal.exercises, strict=True):
        assert light.sets <= usual.sets
        if light.load_kg is not None and usual.load_kg is not None:
            assert light.load_kg <= usual.load_kg
    # Same inputs, same plan.
    assert deload == build_plan(
        RULES, ProfileFacts(), _squat_history(loads_kg, deload=True), GREEN, TODAY
    )


def test_a_lift_back_after_a_layoff_has_fewer_sets_and_a_detrained_load() -> None:
    before = _squat_history([120.0], deload=False)
    plan = build_plan(RULES, ProfileFacts(), before, GREEN, TODAY + dt.timedelta(days=40))
    squat = next(item for item in plan.exercises if item.name == "Back Squat")
    assert plan.returning is not None
    assert squat.sets == 3  # 5 × 0.6
    line = next(line for line in plan.rationale if line.startswith("Back Squat"))
    assert "detrained from" in line and "first time back" in line


# ---------------------------------------------------------------------------- rules file


@pytest.mark.parametrize(
    ("section", "value", "where", "what"),
    [
        (
            "strength",
            {"styles": {"accessory": {"style": "double", "rep_range": [12, 8]}}},
            "strength.styles.accessory",
            "rep_range min (12) must not exceed max (8)",
        ),
        ("deload", {"every_weeks": 0}, "deload.every_weeks", "greater than or equal to 1"),
        ("strength", {"back_off": 1.5}, "strength.back_off", "less than 1"),
        ("deload", {"sets_factor": 0}, "deload.sets_factor", "greater than 0"),
        (
            "strength",
            {"styles": {"no_such": {"style": "linear"}}},
            "strength.styles.no_such",
            "unknown prescription 'no_such'",
        ),
    ],
)
def test_an_inconsistent_section_is_refused_with_its_line_and_key_path(
    section: str, value: dict[str, object], where: str, what: str
) -> None:
    import yaml

    text = yaml.safe_dump({**RULES_DATA, section: value}, sort_keys=False)
    with pytest.raises(RulesError) as caught:
        parse_rules(text, origin="rules.yaml")
    problem = caught.value.problems[0]
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith(f"{section}:"))
    assert problem.startswith("rules.yaml:")
    assert int(problem.split(":")[1]) >= line
    assert f"{where}" in problem and what in problem


# ---------------------------------------------------------------------------- FTP


def test_ftp_is_proposed_from_twenty_minutes_of_power_only_when_it_beats_the_profile() -> None:
    from flux_cli.engine.ftp import propose_ftp

    ride = LoggedSet("Stationary Bike", seconds=1500, metadata={"avg_watts": 290})
    short = LoggedSet("Air Bike", seconds=30, metadata={"avg_watts": 600})
    # Allen & Coggan: FTP ≈ 95 % of the best 20-minute power: 0.95 × 290 = 275.5 → 276 W.
    proposal = propose_ftp([ride, short], current=250)
    assert proposal is not None and proposal.ftp_watts == 276
    assert proposal.reason == (
        "FTP estimate 276 W (95% of 290 W held 25 min): accept with flux profile set ftp_watts=276"
    )
    assert propose_ftp([ride], current=275) is None  # not 2 % better: nothing to say
    assert propose_ftp([short], current=None) is None  # sprints say nothing about FTP
    assert propose_ftp([ride], current=None) is not None
