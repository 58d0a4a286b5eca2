"""The workout as the dashboard walks through it: items, entry values and timers (pure)."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from flux_cli.engine.types import ConditioningPlan, NextSetRulePlan, Plan
    from flux_cli.storage.records import ExerciseRecord, SetRecord

# "timed" holds and carries take a load; "unloaded" time (a walk, a stretch: an exercise
# that does not `takes_load`) has no weight field at all.
Kind = Literal["strength", "timed", "unloaded", "conditioning"]

MAX_SANE_REPS = 100
MAX_SANE_LOAD_KG = 1000.0
RPE_RANGE = (1.0, 10.0)
EXTRA_REST_S = 30


@dataclass(frozen=True, slots=True)
class Item:
    """One thing to do in the session: a prescribed exercise or the conditioning block."""

    name: str
    kind: Kind
    block: str
    target_sets: int
    reps: int | None = None
    seconds: float | None = None
    load_kg: float | None = None
    rpe: float | None = None
    rest_s: int = 120
    barbell: bool = False
    conditioning: ConditioningPlan | None = None
    # How the next set's load follows the last set's RPE (the plan's in-session rule).
    next_set_rule: NextSetRulePlan | None = None
    # `A1`, `A2`: alternated with its partner, one rest per round (a composed superset).
    superset: str | None = None


def items_for(
    plan: Plan | None,
    sets: Sequence[SetRecord],
    load_types: Mapping[str, str],
    unloaded: Collection[str] = frozenset(),
) -> list[Item]:
    """The session's items in plan order, then any exercise logged outside the plan."""
    items: list[Item] = []
    if plan is not None:
        from flux_cli.engine.types import ConditioningPlan
        from flux_cli.present.plans import session_steps

        for exercise, mark in session_steps(plan):
            if isinstance(exercise, ConditioningPlan):
                items.append(
                    Item(
                        name=exercise.exercise,
                        kind="conditioning",
                        block="conditioning",
                        target_sets=exercise.rounds,
                        seconds=exercise.work_s,
                        rest_s=exercise.rest_s,
                        conditioning=exercise,
                    )
                )
                continue
            items.append(
                Item(
                    name=exercise.name,
                    kind=_kind(exercise.reps is None, exercise.name in unloaded),
                    block=exercise.block,
                    target_sets=exercise.sets,
                    reps=exercise.reps,
                    seconds=exercise.seconds,
                    load_kg=exercise.load_kg,
                    rpe=exercise.rpe,
                    rest_s=exercise.rest_s,
                    barbell=load_types.get(exercise.name) == "barbell",
                    next_set_rule=exercise.next_set_rule,
                    superset=mark or None,
                )
            )
    known = {item.name for item in items}
    for row in sets:
        if row.exercise not in known:
            known.add(row.exercise)
            timed = row.reps is None and row.seconds is not None
            items.append(
                Item(
                    name=row.exercise,
                    kind=_kind(timed, row.exercise in unloaded),
                    block="extra",
                    target_sets=0,
                    barbell=load_types.get(row.exercise) == "barbell",
                )
            )
    return items


def extra_item(exercise: ExerciseRecord) -> Item:
    """An exercise the athlete adds to the session, outside the plan."""
    return Item(
        name=exercise.name,
        kind=_kind(exercise.tracking != "reps", not exercise.takes_load),
        block="extra",
        target_sets=0,
        barbell=exercise.load_type == "barbell",
    )


def _kind(timed: bool, unloaded: bool) -> Kind:
    if not timed:
        return "strength"
    return "unloaded" if unloaded else "timed"


def sets_of(item: Item, sets: Sequence[SetRecord]) -> list[SetRecord]:
    return [row for row in sets if row.exercise == item.name]


def resume_index(items: Sequence[Item], sets: Sequence[SetRecord]) -> int:
    """Where the athlete left off: the first item not yet done, else the last one logged."""
    for index, item in enumerate(items):
        if len(sets_of(item, sets)) < item.target_sets:
            return index
    if sets:
        last = sets[-1].exercise
        return next((i for i, item in enumerate(items) if item.name == last), 0)
    return 0


# ---------------------------------------------------------------------------- entry values


@dataclass(frozen=True, slots=True)
class Entry:
    """A set as typed: weight in kg, and the rest as numbers; None where left empty."""

    weight_kg: float | None = None
    reps: int | None = None
    seconds: float | None = None
    rpe: float | None = None
    avg_watts: float | None = None
    peak_hr: int | None = None


class EntryError(ValueError):
    """A field that cannot be logged as typed; `field` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def parse_number(
    field: str, text: str, *, integer: bool = False, required: bool = False
) -> float | None:
    """A typed field as a number; non-numbers and negatives are refused."""
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        if required:
            raise EntryError(field, f"{field}: required")
        return None
    try:
        value = float(cleaned)
    except ValueError:
        raise EntryError(field, f"{field}: not a number") from None
    if not math.isfinite(value) or value < 0:
        raise EntryError(field, f"{field}: must be a positive number")
    if integer and not value.is_integer():
        raise EntryError(field, f"{field}: a whole number")
    return value


FIELDS_BY_KIND: dict[Kind, tuple[str, ...]] = {
    "strength": ("weight", "reps", "rpe"),
    "timed": ("weight", "seconds", "rpe"),
    "unloaded": ("seconds", "rpe"),
    "conditioning": ("seconds", "watts", "hr"),
}


def read_entry(
    kind: Kind, values: Mapping[str, str], labels: Mapping[str, str], units: str
) -> Entry:
    """The typed fields of an item of `kind` as an Entry; EntryError names the bad field."""
    from flux_cli.tui.format import to_kg

    def number(name: str, *, integer: bool = False, required: bool = False) -> float | None:
        if name not in FIELDS_BY_KIND[kind]:
            return None
        try:
            return parse_number(
                labels.get(name, name), values.get(name, ""), integer=integer, required=required
            )
        except EntryError as error:
            error.field = name
            raise

    weight = number("weight")
    reps = number("reps", integer=True, required=kind == "strength")
    heart_rate = number("hr", integer=True)
    entry = Entry(
        weight_kg=None if weight is None else to_kg(weight, units),
        reps=None if reps is None else int(reps),
        seconds=number("seconds", required=kind != "strength"),
        rpe=number("rpe"),
        avg_watts=number("watts"),
        peak_hr=None if heart_rate is None else int(heart_rate),
    )
    _check_ranges(entry, labels)
    return entry


def _check_ranges(entry: Entry, labels: Mapping[str, str]) -> None:
    """Refuse a typed value above flux's declared ranges (`engine.limits`).

    Negatives never parse, and a weight of 0 stays possible (a bodyweight set).
    """
    from flux_cli.engine import limits

    checks = (
        ("weight", entry.weight_kg, limits.WEIGHT_KG),
        ("reps", entry.reps, limits.REPS),
        ("seconds", entry.seconds, limits.SECONDS),
        ("rpe", entry.rpe, limits.RPE),
        ("watts", entry.avg_watts, limits.WATTS),
        ("hr", entry.peak_hr, limits.HEART_RATE),
    )
    for name, value, bound in checks:
        if value is not None and value > bound.high:
            label = labels.get(name, name)
            raise EntryError(name, f"{label}: must be {bound.describe()}")


def interval_metadata(item: Item, entry: Entry, round_number: int) -> dict[str, Any]:
    """Protocol data stored with a conditioning interval (none for other items)."""
    if item.conditioning is None:
        return {}
    metadata: dict[str, Any] = {
        "protocol": item.conditioning.protocol,
        "level": item.conditioning.level,
        "round": round_number,
    }
    if entry.avg_watts is not None:
        metadata["avg_watts"] = entry.avg_watts
    if entry.peak_hr is not None:
        metadata["peak_hr"] = entry.peak_hr
    return metadata


def unusual(entry: Entry) -> list[str]:
    """Values that are possible typos and need a confirmation before they are logged."""
    reasons = []
    if entry.reps is not None and entry.reps > MAX_SANE_REPS:
        reasons.append(f"{entry.reps} reps is over {MAX_SANE_REPS}")
    if entry.weight_kg is not None and entry.weight_kg > MAX_SANE_LOAD_KG:
        reasons.append(f"{entry.weight_kg:g} kg is over {MAX_SANE_LOAD_KG:g} kg")
    if entry.rpe is not None and not RPE_RANGE[0] <= entry.rpe <= RPE_RANGE[1]:
        reasons.append(f"RPE {entry.rpe:g} is outside 1-10")
    return reasons


# ---------------------------------------------------------------------------- timers


@dataclass
class RestTimer:
    """A countdown between sets."""

    ends_at: float | None = None
    total_s: float = 0.0

    def start(self, now: float, seconds: float) -> None:
        self.ends_at = now + seconds
        self.total_s = seconds

    def extend(self, now: float, seconds: float = EXTRA_REST_S) -> None:
        if self.ends_at is None or self.ends_at <= now:
            self.start(now, seconds)
        else:
            self.ends_at += seconds
            self.total_s += seconds

    def skip(self) -> None:
        self.ends_at = None

    def remaining(self, now: float) -> float | None:
        """Seconds left, or None when no rest is running."""
        if self.ends_at is None:
            return None
        left = self.ends_at - now
        if left <= 0:
            self.ends_at = None
            return None
        return left


@dataclass(frozen=True, slots=True)
class Phase:
    name: Literal["ready", "work", "rest", "done"]
    round: int
    remaining: float


@dataclass
class IntervalTimer:
    """Work/rest rounds; steady state is one round of work. Pausable."""

    rounds: int
    work_s: float
    rest_s: float
    started_at: float | None = None
    paused_at: float | None = None
    paused_total: float = field(default=0.0)

    @property
    def running(self) -> bool:
        return self.started_at is not None and self.paused_at is None

    def toggle(self, now: float) -> None:
        """Start, pause or resume."""
        if self.started_at is None:
            self.started_at = now
        elif self.paused_at is None:
            self.paused_at = now
        else:
            self.paused_total += now - self.paused_at
            self.paused_at = None

    def phase(self, now: float) -> Phase:
        if self.started_at is None:
            return Phase("ready", 1, self.work_s)
        at = self.paused_at if self.paused_at is not None else now
        elapsed = at - self.started_at - self.paused_total
        period = self.work_s + self.rest_s
        index = int(elapsed // period) if period > 0 else self.rounds
        if index >= self.rounds:
            return Phase("done", self.rounds, 0.0)
        within = elapsed - index * period
        if within < self.work_s:
            return Phase("work", index + 1, self.work_s - within)
        if index + 1 >= self.rounds:
            return Phase("done", self.rounds, 0.0)
        return Phase("rest", index + 1, period - within)

    def finished_rounds(self, now: float) -> int:
        """How many work phases have ended."""
        phase = self.phase(now)
        if phase.name == "done":
            return self.rounds
        return phase.round if phase.name == "rest" else phase.round - 1


def unfinished_interval(timer: IntervalTimer, round_number: int, now: float) -> str | None:
    """Why logging `round_number` now is early (its work phase has not ended), else None."""
    if timer.started_at is None:
        return f"interval {round_number}: the interval timer has not run (space starts it)"
    if timer.finished_rounds(now) < round_number:
        return f"interval {round_number}: its work phase has not ended on the timer"
    return None
