"""The body's say in composition, through the services: recovery scales the per-muscle
session caps; a restricted region bars the composed work that loads it, in every slot."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from flux_cli import services
from flux_cli.engine.types import Plan
from flux_cli.services import Context
from flux_cli.services.body import recovery
from flux_cli.services.explaining import why_exercise
from flux_cli.services.moves import set_move
from tests.plan_support import lead_exercise
from tests.samples import REPO_ROOT

DAY = dt.date(2025, 6, 2)
GREEN = {"knee_pain": "1", "energy": "8"}
KNEE = {"knee_pain": "6", "energy": "9"}
# Resistance slots: the warm-up's cardio and the cool-down's stretch count no weighted sets.
WORK_SLOTS = ("secondary", "accessory", "core", "carry", "finisher")


def composed_sets(plan: Plan, muscle: str) -> float:
    """Weighted sets (primary 1, secondary 0.5) `muscle` gets from the composed work slots."""
    total = 0.0
    for item in plan.exercises:
        if item.slot not in WORK_SLOTS or item.muscles is None:
            continue
        if muscle in item.muscles.primary:
            total += item.sets
        elif muscle in item.muscles.secondary:
            total += item.sets * 0.5
    return total


def test_heavy_quads_yesterday_leave_fewer_quad_sets_today(ctx: Context, tmp_path: Path) -> None:
    # A quad-specialisation block: the weekly floor stays unmet after the week's 13 sets,
    # so both athletes still want quad work and only recovery tells them apart.
    shipped = (REPO_ROOT / "config" / "program_config.yaml").read_text()
    rules = tmp_path / "quads.yaml"
    rules.write_text(
        shipped.replace("quadriceps: {floor: 8, cap: 20}", "quadriceps: {floor: 20, cap: 30}")
    )
    assert rules.read_text() != shipped
    ctx = replace(ctx, config_path=rules)
    tired = replace(ctx, profile="tired")
    for who in (ctx, tired):  # both would do leg extensions if they could
        set_move(who, "Leg Extension", "prefer")
    # The same week's volume for both, so only recovery tells them apart: six days ago it
    # has worn off, yesterday it has not.
    for who, days_ago in ((ctx, 6), (tired, 1)):
        services.log_sets(who, "Leg Extension", ["50x12"] * 8, day=DAY - dt.timedelta(days_ago))
        services.complete_session(who)
    assert next(m for m in recovery(ctx, DAY).muscles if m.muscle == "quadriceps").percent >= 99
    quads = next(m for m in recovery(tired, DAY).muscles if m.muscle == "quadriceps")
    assert quads.percent <= 80, quads  # 8 sets, a day to recover: 2.9 sets of fatigue left

    fresh_plan = services.plan(ctx, GREEN, DAY)
    tired_plan = services.plan(tired, GREEN, DAY)
    # The same session shape and lead lift: only the accessories differ.
    assert lead_exercise(fresh_plan).name == lead_exercise(tired_plan).name == "Back Squat"
    assert "Leg Extension" in [e.name for e in fresh_plan.exercises]
    assert composed_sets(fresh_plan, "quadriceps") >= 3
    assert composed_sets(tired_plan, "quadriceps") < composed_sets(fresh_plan, "quadriceps")
    # The preferred Leg Extension is cut back (fewer sets) or left out, and the plan says why.
    fresh_sets = next(e.sets for e in fresh_plan.exercises if e.name == "Leg Extension")
    tired_pick = next((e for e in tired_plan.exercises if e.name == "Leg Extension"), None)
    assert tired_pick is None or tired_pick.sets < fresh_sets
    assert any(
        line.startswith("session caps scaled by recovery: quadriceps")
        for line in tired_plan.rationale
    ), tired_plan.rationale
    # The accessory slot is still filled, with work for muscles that are recovered.
    assert [e.slot for e in tired_plan.exercises].count("accessory") >= 1
    services.checkin(tired, GREEN, DAY)
    said = why_exercise(tired, "Leg Extension", DAY)
    if tired_pick is None:
        assert not said.in_plan and any("quadriceps capped" in line for line in said.why), said
    else:
        assert (
            tired_pick.why is not None and "the quadriceps session cap holds it" in tired_pick.why
        )


def _strength_b_is_next(ctx: Context) -> None:
    """A completed Strength A the day before DAY, so DAY's plan is Strength B."""
    day = DAY - dt.timedelta(days=1)
    services.checkin(ctx, GREEN, day)
    view = services.start_session(ctx, day)
    assert view.plan is not None and view.plan.archetype == "Strength_Type_A"
    lead = lead_exercise(view.plan)
    services.log_sets(ctx, lead.name, [f"60x{lead.reps}"] * lead.sets, day=day, rpe=7)
    services.complete_session(ctx)


@pytest.mark.parametrize("archetype", ["Strength_Type_A", "Strength_Type_B"])
def test_knee_pain_bars_loaded_knee_work_in_every_slot_and_spares_the_upper_body(
    ctx: Context, archetype: str
) -> None:
    # Preferred, so only the restriction keeps them out.
    knee_work = ("Leg Extension", "Leg Curl", "Bulgarian Split Squat", "Leg Press")
    for name in knee_work:
        set_move(ctx, name, "prefer")
    if archetype == "Strength_Type_B":
        _strength_b_is_next(ctx)
    free = services.plan(ctx, GREEN, DAY)
    sore = services.plan(ctx, KNEE, DAY)
    assert free.archetype == sore.archetype == archetype
    assert any(e.name in knee_work for e in free.exercises), "the control day takes knee work"

    for item in sore.exercises:
        if item.slot in WORK_SLOTS:
            assert item.name not in knee_work, item.name
            assert item.muscles is not None
            assert not {"quadriceps", "hamstrings"} & set(item.muscles.primary), item.name
    assert composed_sets(sore, "quadriceps") == 0
    assert (
        "knee_pain 6: knee: composed work leaves out SQUAT, quadriceps work, hamstrings work"
        in sore.rationale
    )
    assert not any("composed work leaves out" in line for line in free.rationale)
    # Upper-body work is untouched: the same prescription as on a pain-free day (energy 9):
    # GREEN's RPE 8 (ORANGE's is 7), its sets chosen in the shipped accessory range [2, 4].
    upper = [e for e in sore.exercises if e.slot == "accessory"]
    assert upper, "the accessory slot is filled from the rest of the body"
    for item in upper:
        assert item.rpe == 8 and 2 <= item.sets <= 4, (item.name, item.sets, item.rpe)
    said = why_exercise_after_checkin(ctx, "Leg Extension")
    assert said.startswith("restricted (knee_pain 6: knee)"), said


def why_exercise_after_checkin(ctx: Context, name: str) -> str:
    services.checkin(ctx, KNEE, DAY)
    return why_exercise(ctx, name, DAY).why[0]
