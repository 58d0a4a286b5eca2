from __future__ import annotations

import datetime as dt

import pytest
from engine_support import (
    GREEN,
    ORANGE,
    RED,
    RULES,
    RULES_DATA,
    TODAY,
    attempt,
    day,
    full,
    intervals,
    lift,
    rules_with,
    session,
)

from flux_cli.engine.body_rules import RegionRules
from flux_cli.engine.planner import FTP_HINT, build_plan, pattern_debt, session_name
from flux_cli.engine.rpe import percent_of_1rm
from flux_cli.engine.rules import Rules
from flux_cli.engine.types import History, Plan, ProfileFacts
from flux_cli.errors import InputError

# Strength_Type_B 9 days ago (2.25×), Strength_Type_A 4 days ago (1.00×), Conditioning
# yesterday, Recovery 2 days ago. Debt: SQUAT 2, HINGE 1, PUSH 2, PULL 4.
SESSIONS = (
    session(13, "Strength_Type_A", "SQUAT", "PUSH"),
    session(9, "Strength_Type_B", "HINGE", "PULL"),
    session(6, "Conditioning"),
    session(4, "Strength_Type_A", "SQUAT", "PUSH"),
    session(2, "Recovery", "HINGE"),
    session(1, "Conditioning"),
)
HISTORY = History.from_sessions(SESSIONS)
PROFILE = ProfileFacts(name="ana", ftp_watts=250)


def plan_for(
    readiness: dict[str, float], history: History = HISTORY, profile: ProfileFacts = PROFILE
) -> Plan:
    return build_plan(RULES, profile, history, readiness, TODAY)


def test_pattern_debt_counts_sessions_since_each_pattern() -> None:
    assert pattern_debt(RULES, HISTORY) == {"SQUAT": 2, "HINGE": 1, "PUSH": 2, "PULL": 4}


def test_pattern_never_trained_owes_every_session() -> None:
    sessions = (session(3, "Conditioning"), session(2, "Strength_Type_A", "SQUAT"))
    assert pattern_debt(RULES, History.from_sessions(sessions)) == {
        "SQUAT": 0,
        "HINGE": 2,
        "PUSH": 2,
        "PULL": 2,
    }
    assert pattern_debt(RULES, History.from_sessions(())) == {
        "SQUAT": 0,
        "HINGE": 0,
        "PUSH": 0,
        "PULL": 0,
    }


def test_green_plan_picks_the_most_overdue_archetype_and_the_highest_debt_anchor() -> None:
    plan = plan_for(GREEN)
    assert (plan.state, plan.archetype, plan.family) == ("GREEN", "Strength_Type_B", "performance")
    assert (plan.priority_score, plan.days_since_last) == (2.25, 9)
    assert plan.anchor_pattern == "PULL"
    assert plan.session_name == "Strength B: PULL focus"
    row = plan.exercises[0]
    assert (row.name, row.block, row.pattern, row.sets, row.reps, row.rpe, row.rest_s) == (
        "Barbell Row",
        "main",
        "PULL",
        5,
        5,
        8.0,
        180,
    )
    layout = RULES.archetypes["Strength_Type_B"].blocks
    assert [e.block for e in plan.exercises] == [b.block for b in layout]
    assert plan.conditioning is None
    assert plan.rationale[:3] == [
        "GREEN: no warning signs (knee_pain 2, energy 7)",
        "Strength Type B: 9 days since last, due every 4 days (2.25× due), the most overdue "
        "(next: Strength Type A, 1.00×)",
        "PULL leads: 9 days since last trained, 0 hard sets in 7 days, the most owed "
        "(next: HINGE, 2 days)",
    ]
    assert plan.pattern_days == {"SQUAT": 4, "HINGE": 2, "PUSH": 4, "PULL": 9}
    assert plan.pattern_debt == {"SQUAT": 2, "HINGE": 1, "PUSH": 2, "PULL": 4}
    assert plan.readiness == GREEN
    assert plan.profile == "ana"


def test_archetype_scores_cover_every_archetype_with_allowed_flags() -> None:
    scores = {s.archetype: s for s in plan_for(RED).archetype_scores}
    assert list(scores) == list(RULES.archetypes)
    assert {name: s.allowed for name, s in scores.items()} == {
        "Strength_Type_A": False,
        "Strength_Type_B": False,
        "Conditioning": False,
        "Recovery": True,
    }
    assert scores["Strength_Type_A"].priority_score == 1.0
    assert scores["Conditioning"].days_since_last == 1
    assert scores["Recovery"].priority_score == pytest.approx(2 / 7)


def test_orange_from_knee_pain_leaves_upper_body_work_at_full_intensity() -> None:
    # knee_pain is tied to the knee (rules: regions.inputs): PULL does not load it.
    plan = plan_for(ORANGE)
    assert plan.rationale[0] == "ORANGE: knee_pain 5 ≥ 4"
    row = plan.exercises[0]
    assert (row.name, row.sets, row.reps, row.rpe) == ("Barbell Row", 5, 5, 8.0)
    # GREEN's 5 × 5 @ RPE 8 by the RTS chart: full intensity.
    assert row.percent_e1rm == pytest.approx(percent_of_1rm(5, 8.0))
    assert plan.restrictions == []


def test_orange_from_low_energy_trims_volume_but_keeps_the_exercise() -> None:
    plan = plan_for({"knee_pain": 0.0, "energy": 4.0})
    assert plan.rationale[0] == "ORANGE: energy 4 ≤ 4"
    row = plan.exercises[0]
    assert (row.name, row.sets, row.reps, row.rpe) == ("Barbell Row", 3, 5, 7.0)
    assert row.percent_e1rm == pytest.approx(percent_of_1rm(5, 7.0))  # one RPE point lighter


def test_without_region_ties_orange_picks_orange_selections() -> None:
    plain = RULES.model_copy(update={"regions": RegionRules(inputs={}, volume_inputs={})})
    plan = build_plan(plain, PROFILE, HISTORY, ORANGE, TODAY)
    row = plan.exercises[0]
    assert (row.name, row.sets, row.reps, row.rpe, row.percent_e1rm) == (
        "Chest-Supported Dumbbell Row",
        3,
        5,
        7.0,
        0.786,  # rpe_target: 5 reps at RPE 7, RTS chart 78.6%
    )


def test_red_goes_to_recovery_with_others_by_debt() -> None:
    plan = plan_for(RED)
    assert (plan.archetype, plan.family, plan.anchor_pattern) == ("Recovery", "recovery", "PULL")
    assert plan.session_name == "Recovery: pain-free PULL"
    # Others: SQUAT 2 and PUSH 2 tie (rules order), then HINGE 1.
    assert [e.name for e in plan.exercises] == [
        "Band Pull-Apart",
        "Spanish Squat",
        "Push-Up",
        "Glute Bridge",
        "Cat-Cow",
    ]
    assert plan.rationale[1] == (
        "Recovery: 2 days since last, due every 7 days (0.29× due), "
        "the only kind of session allowed on RED days"
    )


def test_never_done_is_most_overdue_and_ties_break_in_rules_order() -> None:
    plan = plan_for(GREEN, History.from_sessions())
    assert (plan.archetype, plan.priority_score, plan.days_since_last) == (
        "Strength_Type_A",
        None,
        None,
    )
    assert (
        plan.rationale[1]
        == "Strength Type A: never done yet, tied with Strength Type B, first in the rules file"
    )
    assert (
        plan.rationale[2]
        == "SQUAT leads: never trained yet, tied with PUSH, first in order of SQUAT, PUSH"
    )
    history = History.from_sessions(
        sessions=(session(30, "Strength_Type_A", "SQUAT"), session(30, "Strength_Type_B"))
    )
    plan = plan_for(GREEN, history)
    assert plan.archetype == "Conditioning"
    assert plan.returning is not None and plan.returning.days_off == 30
    assert (
        plan.rationale[2]
        == "Conditioning: never done yet, the most overdue (next: Strength Type A, 7.50×)"
    )


def test_load_comes_from_e1rm_rounded_to_twice_the_smallest_plate() -> None:
    # Without a progression style, a prescription keeps its fixed percent of e1RM.
    fixed = rules_with(strength={"styles": {}})
    history_sessions = (session(5, "Strength_Type_B", "HINGE", "PULL"),)
    history = History.from_sessions(
        sessions=history_sessions,
        lift_sets={
            "Back Squat": (lift("Back Squat", 120, 5), lift("Back Squat", 60, 5, set_type="warmup"))
        },
    )

    def plan_for(
        readiness: dict[str, float], history: History, profile: ProfileFacts = PROFILE
    ) -> Plan:
        return build_plan(fixed, profile, history, readiness, TODAY)

    plan = plan_for(GREEN, history)
    squat = plan.exercises[0]
    assert (squat.name, squat.load_kg, squat.rpe, squat.percent_e1rm, squat.e1rm_kg) == (
        "Back Squat",
        112.5,
        8.0,
        0.8,
        140.0,
    )
    assert "Back Squat 5×5 @ 80% of e1RM 140 kg = 112.5 kg" in plan.rationale
    assert plan.exercises[1].load_kg is None
    fresh = plan_for(GREEN, History.from_sessions(history_sessions))
    assert "no e1RM for Back Squat yet: work to RPE 8" in fresh.rationale
    assert (fresh.exercises[0].load_kg, fresh.exercises[0].rpe, fresh.exercises[0].e1rm_kg) == (
        None,
        8.0,
        None,
    )
    coarse = ProfileFacts(plates_kg=(20.0, 5.0))
    assert plan_for(GREEN, history, coarse).exercises[0].load_kg == 110.0


LAYOUT = rules_with(
    archetypes={
        "Full": {
            "family": "performance",
            "frequency_days": 2,
            "states": ["GREEN", "ORANGE"],
            "patterns": ["SQUAT", "HINGE", "PUSH", "PULL"],
            "session_name": "{archetype} {state}: {anchor} {protocol}",
            "blocks": [
                {"block": "main", "use": "anchor", "prescription": "strength_main"},
                {"block": "secondary", "use": "others", "prescription": "regression"},
                {
                    "block": "extra",
                    "use": "pattern",
                    "pattern": "PUSH",
                    "prescription": "accessory",
                },
                {
                    "block": "core",
                    "use": "exercise",
                    "prescription": "core_hold",
                    "exercise": {"GREEN": "Plank", "ORANGE": "Dead Bug", "RED": "Dead Bug"},
                },
                {
                    "block": "carry",
                    "use": "exercise",
                    "exercise": "Farmer's Carry",
                    "prescription": "carry",
                },
            ],
        },
        **RULES_DATA["archetypes"],
    }
)


LAYOUT_PLAIN = LAYOUT.model_copy(update={"regions": RegionRules(inputs={}, volume_inputs={})})


@pytest.mark.parametrize(
    ("rules", "readiness", "expected"),
    [
        (
            LAYOUT,
            GREEN,
            [
                ("Deadlift", "main", "HINGE", 5),
                ("Bench Press", "secondary", "PUSH", 3),
                ("Barbell Row", "secondary", "PULL", 3),
                ("Back Squat", "secondary", "SQUAT", 3),
                ("Bench Press", "extra", "PUSH", 3),
                ("Plank", "core", None, 3),
                ("Farmer's Carry", "carry", None, 3),
            ],
        ),
        (
            LAYOUT_PLAIN,
            ORANGE,
            [
                ("Romanian Deadlift", "main", "HINGE", 3),
                ("Dumbbell Bench Press", "secondary", "PUSH", 3),
                ("Chest-Supported Dumbbell Row", "secondary", "PULL", 3),
                ("Box Squat", "secondary", "SQUAT", 3),
                ("Dumbbell Bench Press", "extra", "PUSH", 2),
                ("Dead Bug", "core", None, 3),
                ("Farmer's Carry", "carry", None, 2),
            ],
        ),
    ],
)
def test_blocks_fill_in_layout_order_with_others_by_debt(
    rules: Rules, readiness: dict[str, float], expected: list[tuple[str, str, str | None, int]]
) -> None:
    history = History.from_sessions(
        sessions=(
            session(3, "Strength_Type_B", "PULL"),
            session(2, "Recovery", "PUSH", "PULL"),
            session(1, "Strength_Type_A", "SQUAT"),
        )
    )
    # Debt: SQUAT 0, HINGE 3, PUSH 1, PULL 1 → anchor HINGE; others PUSH, PULL (tie), SQUAT.
    plan = build_plan(rules, PROFILE, history, readiness, TODAY)
    assert plan.archetype == "Full"
    assert plan.anchor_pattern == "HINGE"
    assert [(e.name, e.block, e.pattern, e.sets) for e in plan.exercises] == expected
    assert plan.session_name == f"Full {plan.state}: HINGE -"
    carry = plan.exercises[-1]
    assert (carry.reps, carry.seconds) == (None, 40 if plan.state == "GREEN" else 30)


def test_e1rm_uses_the_profile_formula() -> None:
    history = History.from_sessions(lift_sets={"Back Squat": (lift("Back Squat", 100, 10),)})
    assert (
        plan_for(GREEN, history, ProfileFacts(e1rm_formula="oconner")).exercises[0].e1rm_kg == 125.0
    )


@pytest.mark.parametrize("days_ago", [0, -1])
def test_history_reaching_the_plan_day_is_refused(days_ago: int) -> None:
    """Storage cuts history off before the plan's day; the planner checks it did."""
    late_session = History.from_sessions((*SESSIONS, session(days_ago, "Strength_Type_B", "PULL")))
    late_lift = History.from_sessions(
        SESSIONS, lift_sets={"Back Squat": (lift("Back Squat", 100, 5, days_ago=days_ago),)}
    )
    late_ride = History.from_sessions(SESSIONS, activity_dates=(day(days_ago),))
    as_of_later = History.from_sessions(SESSIONS, as_of=TODAY + dt.timedelta(days=1 - days_ago))
    for history in (late_session, late_lift, late_ride, as_of_later):
        with pytest.raises(ValueError, match="reaches that day or later"):
            plan_for(GREEN, history)


def test_history_as_of_the_plan_day_is_accepted() -> None:
    on_time = History.from_sessions(SESSIONS, as_of=TODAY)
    assert plan_for(GREEN, on_time).model_dump() == plan_for(GREEN).model_dump()


CONDITIONING_DUE_SESSIONS = (
    session(2, "Strength_Type_A", "SQUAT", "PUSH"),
    session(1, "Strength_Type_B", "HINGE", "PULL"),
    session(9, "Recovery"),
)
CONDITIONING_DUE = History.from_sessions(CONDITIONING_DUE_SESSIONS)


def test_conditioning_never_attempted_protocol_goes_first_in_block_order() -> None:
    plan = plan_for(GREEN, CONDITIONING_DUE)
    assert plan.archetype == "Conditioning"
    assert plan.conditioning is not None
    assert plan.conditioning.model_dump() == {
        "protocol": "HIIT",
        "kind": "intervals",
        "level": 1,
        "exercise": "Air Bike",
        "rounds": 6,
        "work_s": 30,
        "rest_s": 90,
        "intensity": 1.05,
        "target_watts": 262,
        "stand_in_for": None,
    }
    assert plan.session_name == "Conditioning: HIIT level 1"
    assert [(e.name, e.seconds, e.reps) for e in plan.exercises] == [("Plank", 45, None)]
    assert plan.rationale[-1] == (
        "HIIT (high-intensity intervals just above threshold) level 1 "
        "(never attempted, its turn among HIIT, SIT, SS): "
        "6×30 s, 90 s rest on Air Bike at 262 W (105% of FTP 250 W)"
    )
    assert plan.conditioning_levels == {"HIIT": 1, "SIT": 1, "SS": 1}


def test_conditioning_rotates_to_the_oldest_attempt_at_its_earned_level() -> None:
    history = History.from_sessions(
        sessions=CONDITIONING_DUE_SESSIONS,
        conditioning=(
            # SS 1 → 2 and HIIT 2 → 3 each raise two demands: two successes in a row each.
            attempt("SS", 1, full("SS", 1), days_ago=24),
            attempt("SS", 1, full("SS", 1), days_ago=20),
            attempt("HIIT", 2, full("HIIT", 2), days_ago=16),
            attempt("HIIT", 2, full("HIIT", 2), days_ago=12),
            attempt("SIT", 1, intervals(4, 20, None), days_ago=8),
        ),
    )
    plan = plan_for(GREEN, history)
    assert plan.conditioning is not None
    assert (plan.conditioning.protocol, plan.conditioning.level) == ("SS", 2)
    assert (plan.conditioning.work_s, plan.conditioning.rounds, plan.conditioning.target_watts) == (
        1500,
        1,
        155,
    )
    assert plan.conditioning_levels == {"HIIT": 3, "SIT": 1, "SS": 2}
    assert plan.session_name == "Conditioning: SS level 2"
    assert (
        "SS (steady state, conversational pace) level 2 "
        "(last done 2025-05-21, its turn among HIIT, SIT, SS): 25 min" in plan.rationale[-1]
    )


@pytest.mark.parametrize(
    ("ftp", "target"), [(100, 105), (200, 210), (250, 262), (300, 315), (333, 350)]
)
def test_target_watts_scale_with_ftp(ftp: float, target: int) -> None:
    plan = plan_for(GREEN, CONDITIONING_DUE, ProfileFacts(ftp_watts=ftp))
    assert plan.conditioning is not None
    assert plan.conditioning.target_watts == target == round(ftp * 1.05)


def test_without_ftp_there_is_no_target_and_the_rationale_says_how_to_set_it() -> None:
    plan = plan_for(GREEN, CONDITIONING_DUE, ProfileFacts())
    assert plan.conditioning is not None
    assert plan.conditioning.target_watts is None
    assert plan.rationale[-1].endswith(f"at 105% of FTP; {FTP_HINT}")
    assert FTP_HINT == "set ftp_watts with: flux profile set ftp_watts=250"


def test_plan_json_has_the_stable_keys() -> None:
    dumped = plan_for(GREEN).model_dump(mode="json")
    for key in (
        "date",
        "profile",
        "state",
        "readiness",
        "archetype",
        "family",
        "session_name",
        "anchor_pattern",
        "priority_score",
        "pattern_debt",
        "exercises",
        "conditioning",
        "rationale",
    ):
        assert key in dumped
    assert dumped["date"] == "2025-06-10"
    assert set(dumped["exercises"][0]) >= {
        "name",
        "pattern",
        "block",
        "sets",
        "reps",
        "load_kg",
        "rpe",
        "seconds",
    }


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{archetype} in {state}: {anchor} / {protocol} L{level}", "X in GREEN: SQUAT / - L-"),
        ("{unknown} {anchor.__class__}", "- {anchor.__class__}"),
        ("plain", "plain"),
    ],
)
def test_session_name_fills_placeholders_with_dashes_for_missing(
    template: str, expected: str
) -> None:
    values = {
        "archetype": "X",
        "state": "GREEN",
        "anchor": "SQUAT",
        "protocol": None,
        "level": None,
    }
    assert session_name(template, values) == expected


def test_missing_readiness_is_refused() -> None:
    with pytest.raises(InputError, match="missing readiness input: energy"):
        plan_for({"knee_pain": 1})


def test_a_conditioning_block_without_protocols_is_left_out() -> None:
    archetypes = {
        "Empty": {
            "family": "performance",
            "frequency_days": 3,
            "states": ["GREEN"],
            "session_name": "{protocol}",
            "blocks": [
                {"block": "conditioning", "use": "conditioning", "protocols": []},
                {
                    "block": "core",
                    "use": "exercise",
                    "exercise": "Plank",
                    "prescription": "core_hold",
                },
            ],
        },
        **RULES_DATA["archetypes"],
    }
    plan = build_plan(rules_with(archetypes=archetypes), PROFILE, HISTORY, GREEN, TODAY)
    assert (plan.archetype, plan.conditioning, plan.session_name) == ("Empty", None, "-")
    assert [e.name for e in plan.exercises] == ["Plank"]


def test_an_imported_activity_counts_as_conditioning_done() -> None:
    sessions = (session(9, "Strength_Type_A", "SQUAT"), session(8, "Strength_Type_B", "HINGE"))
    without = build_plan(
        RULES, ProfileFacts(), History.from_sessions(sessions=sessions), GREEN, TODAY
    )
    assert without.archetype == "Conditioning"  # never done: most overdue
    with_ride = build_plan(
        RULES,
        ProfileFacts(),
        History.from_sessions(sessions=sessions, activity_dates=(day(1),)),
        GREEN,
        TODAY,
    )
    score = next(s for s in with_ride.archetype_scores if s.archetype == "Conditioning")
    assert score.days_since_last == 1
    assert with_ride.archetype == "Strength_Type_A"
    strength = next(s for s in with_ride.archetype_scores if s.archetype == "Strength_Type_A")
    assert strength.days_since_last == 9  # activities never stand in for strength work
