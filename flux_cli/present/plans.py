"""How a plan's session type reads, in the same plain words in the CLI and the dashboard."""

from __future__ import annotations

from flux_cli.engine.types import ConditioningPlan, Plan, PlannedExercise

Step = tuple[PlannedExercise | ConditioningPlan, str]


def session_kind(plan: Plan) -> str:
    """'Strength Type A (performance day, never done before)', without the rules' identifiers."""
    due = (
        "never done before"
        if plan.priority_score is None
        else f"{plan.days_since_last} days since last, {plan.priority_score:.2f}× due"
    )
    return f"{plan.archetype.replace('_', ' ')} ({plan.family} day, {due})"


def superset_marks(plan: Plan) -> list[str]:
    """Each exercise's superset mark, gym style (`A1`, `A2`: alternate them, one rest per
    round), or "" when it is done on its own."""
    seen: dict[str, int] = {}
    marks: list[str] = []
    for exercise in plan.exercises:
        if exercise.superset is None:
            marks.append("")
            continue
        seen[exercise.superset] = seen.get(exercise.superset, 0) + 1
        marks.append(f"{exercise.superset}{seen[exercise.superset]}")
    return marks


def session_steps(plan: Plan) -> list[Step]:
    """The session in the order it is done, each step with its superset mark: the warm-up,
    then the day's conditioning block (the planned work leads, as the main lift does on a
    strength day), then the exercises in plan order. The CLI and the dashboard both show
    this order; the plan JSON keeps `conditioning` apart."""
    steps: list[Step] = list(zip(plan.exercises, superset_marks(plan), strict=True))
    if plan.conditioning is not None:
        at = 0
        while at < len(steps) and getattr(steps[at][0], "slot", None) == "warm_up":
            at += 1
        steps.insert(at, (plan.conditioning, ""))
    return steps
