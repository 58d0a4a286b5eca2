"""`flux why EXERCISE` and `flux session swap EXERCISE`: composition explained and redone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flux_cli.errors import DomainRefusal
from flux_cli.services.base import (
    known_profile,
    load_rules,
    plan_for,
    profile_for_write,
    unit_of_work,
)
from flux_cli.services.moves import resolve_exercise

if TYPE_CHECKING:
    from flux_cli.engine.compose import DayContext
    from flux_cli.engine.types import Plan
    from flux_cli.rules_file import LoadedRules
    from flux_cli.services.base import Context
    from flux_cli.services.ports import UnitOfWork
    from flux_cli.storage.records import ProfileRecord, SessionRecord

NOT_COMPOSED = (
    "the day's plan was not composed (no time budget or equipment given): it holds the "
    "rules' fixed blocks; compose it with --minutes N or flux profile set session_minutes=N"
)


@dataclass(frozen=True, slots=True)
class WhyAnswer:
    exercise: str
    day: dt.date
    in_plan: bool
    why: list[str]


@dataclass(frozen=True, slots=True)
class SwapResult:
    session_id: int
    swapped_out: str
    swapped_in: str
    slot: str
    plan: Plan


def _day_plan(
    uow: UnitOfWork, ctx: Context, profile: ProfileRecord, day: dt.date
) -> tuple[Plan, SessionRecord | None]:
    """The day's plan: the active session's (with its swaps) if it is that day's, else planned."""
    from flux_cli.engine.types import Plan

    active = uow.sessions.active(profile.id) if profile.id else None
    if active is not None and active.date == day and active.plan:
        return Plan.model_validate(active.plan), active
    from flux_cli.services.composing import with_checkin

    recorded = uow.readiness.get(profile.id, day)
    if recorded is None:
        raise DomainRefusal(
            f"no check-in for {day.isoformat()}",
            hint="check in first: flux checkin knee_pain=2 energy=7",
        )
    options = with_checkin(None, recorded)
    return plan_for(uow, profile, load_rules(ctx, uow), recorded.inputs, day, options), None


def why_exercise(ctx: Context, name: str, day: dt.date) -> WhyAnswer:
    """Why `name` is, or is not, in the day's plan."""
    from flux_cli.engine.compose.explain import why_not
    from flux_cli.services.composing import day_context, with_checkin

    with unit_of_work(ctx, read_only=True) as uow:
        profile = known_profile(uow, ctx)
        exercise = resolve_exercise(uow, name, profile.id)
        plan, _ = _day_plan(uow, ctx, profile, day)
        mine = [e for e in plan.exercises if e.name == exercise.name]
        if mine:
            lines = [e.why or f"{e.block}: the rules' {e.block} block" for e in mine]
            return WhyAnswer(exercise.name, day, True, lines)
        if plan.estimated_minutes is None:
            return WhyAnswer(exercise.name, day, False, [NOT_COMPOSED])
        loaded = load_rules(ctx, uow)
        options = with_checkin(None, uow.readiness.get(profile.id, day) if profile.id else None)
        context = day_context(
            uow, profile, loaded, day, options, force=True, excluded=frozenset(plan.swapped_out)
        )
        assert context is not None, "a composed plan's rules have slots"
        context, state = _with_body(uow, profile, loaded, plan, context)
        lines = why_not(loaded.rules, plan, context, name, state)
        return WhyAnswer(exercise.name, day, False, lines)


def _with_body(
    uow: UnitOfWork, profile: ProfileRecord, loaded: LoadedRules, plan: Plan, context: DayContext
) -> tuple[DayContext, str]:
    """The context the plan was composed in (recovery and region restrictions as of its day)
    and the state its composed slots were prescribed at."""
    from flux_cli.engine.compose.plan import with_body
    from flux_cli.engine.regions import body_day, for_archetype
    from flux_cli.services.base import history_as_of, settings_of

    facts = settings_of(profile).facts(profile.name)
    history = history_as_of(uow, profile, loaded, plan.date)
    body = body_day(loaded.rules, history, plan.readiness, plan.state, plan.date, facts.ftp_watts)
    body = for_archetype(body, loaded.rules.archetypes[plan.archetype])
    return with_body(loaded.rules, context, body), body.work_state


def swap_exercise(ctx: Context, name: str) -> SwapResult:
    """Swap an exercise of the active session for the next best in its slot (re-solved)."""
    from flux_cli.engine.planner import build_plan
    from flux_cli.services.base import history_as_of, settings_of
    from flux_cli.services.composing import day_context, with_checkin

    with unit_of_work(ctx) as uow:
        profile = profile_for_write(uow, ctx)
        active = uow.sessions.active(profile.id)
        if active is None or not active.plan:
            raise DomainRefusal(
                "no active session with a plan",
                hint="start one with: flux session start (after flux checkin)",
            )
        from flux_cli.engine.types import Plan

        plan = Plan.model_validate(active.plan)
        exercise = resolve_exercise(uow, name, profile.id)
        target = next((e for e in plan.exercises if e.name == exercise.name), None)
        if target is None:
            raise DomainRefusal(
                f"{exercise.name} is not in session #{active.id}",
                hint="flux session show lists its exercises",
            )
        loaded = load_rules(ctx, uow)
        slots = loaded.rules.composition.slots.get(plan.archetype, [])
        composed = {rule.slot for rule in slots if rule.use == "compose"}
        if plan.estimated_minutes is None or target.slot not in composed:
            raise DomainRefusal(
                f"{exercise.name} is the planner's own choice, not a composed pick",
                hint="only composed slots swap (warm-up, accessories, core, …); "
                "plan with --minutes N or flux profile set session_minutes=N to compose",
            )
        recorded = uow.readiness.get(profile.id, active.date)
        inputs = recorded.inputs if recorded else plan.readiness
        swapped = frozenset({*plan.swapped_out, exercise.name})
        keep = frozenset(
            e.name for e in plan.exercises if e.slot in composed and e.name != exercise.name
        )
        context = day_context(
            uow,
            profile,
            loaded,
            active.date,
            with_checkin(None, recorded),
            force=True,
            excluded=swapped,
            keep=keep,
        )
        facts = settings_of(profile).facts(profile.name)
        history = history_as_of(uow, profile, loaded, active.date)
        fresh = build_plan(loaded.rules, facts, history, inputs, active.date, context)
        before = {e.name for e in plan.exercises}
        incoming = [e for e in fresh.exercises if e.slot == target.slot and e.name not in before]
        if not incoming:
            raise DomainRefusal(
                f"no other exercise fits the {target.slot} slot today",
                hint=f"flux why '{exercise.name}' shows what it competed with",
            )
        fresh = fresh.model_copy(update={"swapped_out": sorted(swapped)})
        uow.sessions.adopt_plan(
            active.id,
            state=fresh.state,
            archetype=fresh.archetype,
            session_name=fresh.session_name,
            anchor_pattern=fresh.anchor_pattern,
            conditioning_protocol=fresh.conditioning.protocol if fresh.conditioning else None,
            plan=fresh.model_dump(mode="json"),
        )
        return SwapResult(active.id, exercise.name, incoming[0].name, target.slot, fresh)
