"""The CP-SAT model: one boolean per (slot, candidate), budgets and caps, a weighted score.

Pure data in, data out; OR-Tools is loaded by `solver.Model.solve` only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from flux_cli.engine.compose.candidates import NOT_RESISTANCE, Candidate, set_seconds
from flux_cli.engine.compose.request import DayContext, FixedItem, SlotOption
from flux_cli.engine.compose.solver import Model, Solution
from flux_cli.engine.composition_rules import CompositionRules, Relaxation

# Loads that fit each family's goal: performance work is loadable, recovery work is light.
_LOADED = frozenset({"barbell", "dumbbell", "kettlebell", "machine", "cable"})
_LIGHT = frozenset({"bodyweight", "band", "none"})
_LOADED_BAR = frozenset({"barbell"})
# Slots where a coach repeats what works: the recency penalty is for training variety.
UNVARIED_SLOTS = frozenset({"warm_up", "cool_down"})
# When slots may stay empty (the emergency minimum), the warm-up is the last to go: it
# outweighs any accessory (a pick's other terms stay well under this).
WARM_UP_FIRST = 500
# Chosen sets (a slot with a `sets` range): a set above the prescription costs this many
# points, so it is added only where it earns a weekly deficit's points; a set below costs
# this plus its share of time use and deficit, so sets are lowered only when the budget or a
# cap asks, and before a whole exercise is dropped (a pick is worth far more).
EXTRA_SET_POINTS = 1
SHORT_SET_POINTS = 5


@dataclass(frozen=True, slots=True)
class SetChoice:
    """The integer set count of one ranged choice (0 when not picked) and its time.

    `up` and `down` are the sets above and below the prescribed ones."""

    var: int
    low: int
    prescribed: int
    high: int
    setup_s: int
    per_set_s: int
    up: int
    down: int


@dataclass(frozen=True, slots=True)
class Setting:
    """Everything one solve needs besides the candidates: rules, relaxations so far, the day."""

    rules: CompositionRules
    archetype: str
    patterns: tuple[str, ...]
    family: str
    slots: tuple[SlotOption, ...]
    fixed: tuple[FixedItem, ...]
    day: DayContext
    relaxed: frozenset[Relaxation] = frozenset()
    # The slots whose qualifiers the relaxations widen (None: every slot).
    relaxed_slots: frozenset[str] | None = None


@dataclass
class Built:
    """A built model with what its variables mean and which assumption guards which group."""

    model: Model
    choices: list[tuple[int, SlotOption, Candidate, int, dict[str, int]]] = field(
        default_factory=list
    )
    groups: dict[int, str] = field(default_factory=dict)  # assumption literal → group name
    sets: dict[int, SetChoice] = field(default_factory=dict)  # choice variable → its set count

    def seconds_terms(self) -> list[tuple[int, int]]:
        """Each choice's seconds as linear terms (a ranged choice: setup + sets × set time)."""
        terms: list[tuple[int, int]] = []
        for var, _, _, seconds, _ in self.choices:
            chosen = self.sets.get(var)
            if chosen is None:
                terms.append((var, seconds))
            else:
                terms += [(var, chosen.setup_s), (chosen.var, chosen.per_set_s)]
        return terms


def relaxed_for(option: SlotOption, setting: Setting) -> frozenset[Relaxation]:
    """The relaxations that apply to `option` (all of them, or only the conflicting slots')."""
    scoped = setting.relaxed_slots is None or option.slot in setting.relaxed_slots
    return setting.relaxed if scoped else frozenset()


def qualifies(option: SlotOption, candidate: Candidate, setting: Setting) -> bool:
    """Whether `candidate` may fill `option` under the relaxations made so far.

    `pattern_free` holds under every relaxation: an accessory that trained a pattern would
    pay that pattern's debt and steal the next session's lead from it."""
    rule = option.qualifies
    relaxed = relaxed_for(option, setting)
    if rule.names:
        return candidate.name in rule.names
    if "accept_generic" not in relaxed:
        if rule.categories and candidate.category not in rule.categories:
            return False
        if rule.tracking and candidate.tracking not in rule.tracking:
            return False
    if rule.pattern_free and candidate.pattern is not None:
        return False
    if "widen_patterns" not in relaxed and rule.patterns and candidate.pattern not in rule.patterns:
        return False
    mechanic_counts = rule.mechanic is not None and "accept_isolation" not in relaxed
    if mechanic_counts and candidate.mechanic != rule.mechanic:
        return False
    if rule.muscles:
        muscles = candidate.muscles if "accept_synergists" in relaxed else candidate.primary
        if not set(muscles) & set(rule.muscles):
            return False
    return True


def allowed(candidate: Candidate, setting: Setting) -> str | None:
    """Why `candidate` can never be picked today, or None when it can."""
    day = setting.day
    if day.moves.get(candidate.name) == "no":
        return "HARD_NO (flux moves no)"
    if candidate.name in day.excluded:
        return "swapped out for the day"
    missing = candidate.needs - day.equipment
    if missing:
        return f"not equipped: needs {', '.join(sorted(missing))}"
    restricted = restriction_of(candidate, day)
    if restricted is not None:
        return restricted
    if any(item.name == candidate.name for item in setting.fixed):
        return "already in the session"
    return None


def restriction_of(candidate: Candidate, day: DayContext) -> str | None:
    """Why a restricted region bars `candidate` today: resistance work whose pattern or a
    primary muscle loads the region (a warm-up on the bike or a stretch stays)."""
    if candidate.category in NOT_RESISTANCE:
        return None
    if candidate.pattern is not None and candidate.pattern in day.restricted_patterns:
        why = day.restricted_patterns[candidate.pattern]
        return f"restricted ({why}): {candidate.pattern} loads it"
    for muscle in candidate.primary:
        if muscle in day.restricted_muscles:
            return f"restricted ({day.restricted_muscles[muscle]}): works the {muscle}"
    return None


def seconds_for(
    option: SlotOption, candidate: Candidate, rules: CompositionRules, sets: int | None = None
) -> int:
    """Seconds `candidate` takes in `option` at its prescribed sets (or `sets`)."""
    setup = (
        rules.time.setup_s_loaded_bar if candidate.load_type in _LOADED_BAR else rules.time.setup_s
    )
    return set_seconds(
        sets=option.sets if sets is None else sets,
        reps=option.reps if option.seconds is None else None,
        seconds=option.seconds,
        rest_s=option.rest_s,
        unilateral=candidate.unilateral,
        tempo_s_per_rep=rules.time.tempo_s_per_rep,
        setup_s=setup,
    )


def fixed_sets(setting: Setting) -> dict[str, float]:
    """Weighted sets per muscle of the planner's own work."""
    totals: dict[str, float] = {}
    for item in setting.fixed:
        if item.candidate is None:
            continue
        for muscle in item.candidate.muscles:
            totals[muscle] = totals.get(muscle, 0.0) + item.candidate.weighted_sets(
                muscle, item.sets
            )
    return totals


def deficits(setting: Setting) -> dict[str, float]:
    """Weighted sets each muscle still lacks for its weekly floor, after the fixed work."""
    fixed = fixed_sets(setting)
    return {
        muscle: max(
            0.0, target.floor - setting.day.weekly_sets.get(muscle, 0.0) - fixed.get(muscle, 0.0)
        )
        for muscle, target in setting.rules.weekly_targets.items()
    }


def score_terms(
    option: SlotOption,
    candidate: Candidate,
    setting: Setting,
    deficit: Mapping[str, float],
    seconds: int | None = None,
) -> dict[str, int]:
    """The objective's terms for one pick, in points, by name (the pick's `why`);
    `seconds`: the pick's time when the caller has it already."""
    weights = setting.rules.weights
    day = setting.day
    terms: dict[str, int] = {}
    if candidate.pattern is not None and candidate.pattern in setting.patterns:
        terms["pattern"] = weights.pattern_alignment
    if option.qualifies.muscles and set(candidate.primary) & set(option.qualifies.muscles):
        terms["muscle"] = weights.muscle_alignment
    lacking = sum(
        min(deficit.get(muscle, 0.0), candidate.weighted_sets(muscle, option.sets))
        for muscle in candidate.muscles
    )
    if lacking > 0:
        terms["volume_deficit"] = round(weights.volume_deficit * lacking)
    move = day.moves.get(candidate.name)
    if move == "prefer":
        preference = weights.preference
        terms["preferred"] = (
            preference // 2 if "lower_preference" in setting.relaxed else preference
        )
    if candidate.mechanic == "compound":
        terms["compound"] = weights.compound_bonus
    goal = _LOADED if setting.family == "performance" else _LIGHT
    if candidate.load_type in goal:
        terms["goal"] = weights.goal_alignment
    recent = day.last_same_archetype.get(setting.archetype, frozenset())
    varied = option.slot not in UNVARIED_SLOTS
    if varied and candidate.name in recent and move != "yes":
        terms["recency"] = -weights.recency
    if option.slot == "warm_up" and "emergency_minimum" in relaxed_for(option, setting):
        terms["warm_up_first"] = WARM_UP_FIRST
    if seconds is None:
        seconds = seconds_for(option, candidate, setting.rules)
    minutes = seconds / 60
    if weights.time_use:
        terms["time_use"] = round(weights.time_use * minutes)
    return terms


def budget_seconds(setting: Setting) -> int:
    return int(setting.day.minutes * 60 * (1 + setting.rules.time_tolerance))


def build(setting: Setting, *, drop_time: bool = False) -> Built:
    """The model for `setting`: each constraint group guarded by an assumption literal."""
    rules = setting.rules
    emergency = "emergency_minimum" in setting.relaxed
    built = Built(model=Model())
    model = built.model
    deficit = deficits(setting)
    usable = [c for c in setting.day.candidates if allowed(c, setting) is None]
    usable.sort(key=lambda c: c.name)
    by_candidate: dict[str, list[int]] = {}
    # Chosen sets give half-set points (a secondary muscle's set is worth 0.5): the whole
    # objective is doubled then, which leaves a model without ranges exactly as it was.
    scale = 2 if any(option.set_range for option in setting.slots) else 1
    objective: list[tuple[int, int]] = []
    for option in setting.slots:
        for candidate in usable:
            if not qualifies(option, candidate, setting):
                continue
            var = model.new_bool()
            seconds = seconds_for(option, candidate, rules)
            terms = score_terms(option, candidate, setting, deficit, seconds)
            built.choices.append((var, option, candidate, seconds, terms))
            by_candidate.setdefault(candidate.name, []).append(var)
            objective.append((var, scale * sum(terms.values())))
            if option.set_range is not None:
                objective += _set_count(built, var, option, candidate, setting, deficit)

    def group(name: str) -> int:
        literal = model.new_bool()
        built.groups[literal] = name
        return literal

    for variables in by_candidate.values():
        if len(variables) > 1:
            model.add_linear([(v, 1) for v in variables], 0, 1)
    for option in setting.slots:
        in_slot = [(var, 1) for var, o, *_ in built.choices if o is option]
        low = 0 if "emergency_minimum" in relaxed_for(option, setting) else option.minimum
        model.add_linear(in_slot, low, option.maximum, enforced_by=group(f"slot:{option.slot}"))
    fixed_seconds = sum(item.seconds for item in setting.fixed)
    if not drop_time:
        model.add_linear(
            built.seconds_terms(),
            0,
            max(0, budget_seconds(setting) - fixed_seconds),
            enforced_by=group("time"),
        )
    # Caps hold even in an emergency: a slot is dropped before a muscle is overworked.
    _muscle_limits(setting, built)
    if not emergency:
        _pattern_limits(setting, built)
    for name, rule in sorted(setting.day.moves.items()):
        variables = by_candidate.get(name, [])
        if rule == "yes" and variables:
            model.add_linear([(v, 1) for v in variables], 1, 1, enforced_by=group(f"yes:{name}"))
    model.maximise(objective)
    return built


def _set_count(
    built: Built,
    var: int,
    option: SlotOption,
    candidate: Candidate,
    setting: Setting,
    deficit: Mapping[str, float],
) -> list[tuple[int, int]]:
    """The integer set count of a ranged choice and its objective terms (doubled points).

    sets = prescribed × picked + up − down, fewest..most when picked and 0 when not. A set
    above the prescription earns `volume_deficit` per weighted set still short of a floor
    after the prescribed sets; a set below loses its time use and deficit share."""
    assert option.set_range is not None
    low, high = option.set_range
    prescribed = option.sets
    model = built.model
    rules = setting.rules
    setup = seconds_for(option, candidate, rules, sets=0)
    per_set = seconds_for(option, candidate, rules, sets=1) - setup
    count = model.new_int(0, high)
    up = model.new_int(0, high - prescribed)
    down = model.new_int(0, prescribed - low)
    model.add_linear([(count, 1), (var, -low)], 0, high)
    model.add_linear([(count, 1), (var, -high)], -high, 0)
    model.add_linear([(count, 1), (var, -prescribed), (up, -1), (down, 1)], 0, 0)
    built.sets[var] = SetChoice(count, low, prescribed, high, setup, per_set, up, down)
    weights = rules.weights
    per_set_deficit = sum(
        min(deficit.get(m, 0.0), candidate.weighted_sets(m, 1)) for m in candidate.muscles
    )
    short = (
        SHORT_SET_POINTS
        + round(weights.time_use * per_set / 60)
        + round(weights.volume_deficit * per_set_deficit)
    )
    terms = [(up, -2 * EXTRA_SET_POINTS), (down, -2 * short)]
    for muscle in candidate.muscles:
        half = round(2 * candidate.weighted_sets(muscle, 1))
        rest = deficit.get(muscle, 0.0) - candidate.weighted_sets(muscle, prescribed)
        if half <= 0 or rest <= 0 or weights.volume_deficit == 0:
            continue
        filled = model.new_int(0, int(2 * rest))  # half sets of the shortfall the extra sets fill
        model.add_linear([(filled, 1), (up, -half)], -2 * high, 0)
        terms.append((filled, weights.volume_deficit))
    return terms


def _muscle_limits(setting: Setting, built: Built) -> None:
    """Per-session caps scaled by recovery, and the weekly caps; in half sets (integers)."""
    by_muscle: dict[str, list[tuple[int, int]]] = {}
    for var, option, candidate, _, _ in built.choices:  # one pass, in the model's order
        chosen = built.sets.get(var)
        for muscle in candidate.muscles:
            if chosen is None:
                half_sets = round(2 * candidate.weighted_sets(muscle, option.sets))
                by_muscle.setdefault(muscle, []).append((var, half_sets))
            else:
                half_sets = round(2 * candidate.weighted_sets(muscle, 1))
                by_muscle.setdefault(muscle, []).append((chosen.var, half_sets))
    for muscle in sorted(by_muscle):
        terms = by_muscle[muscle]
        room, week_room = muscle_room(setting, muscle)
        literal = built.model.new_bool()
        built.groups[literal] = f"cap:{muscle}"
        built.model.add_linear(terms, 0, int(2 * room), enforced_by=literal)
        if week_room is not None:
            literal = built.model.new_bool()
            built.groups[literal] = f"weekly:{muscle}"
            built.model.add_linear(terms, 0, int(2 * week_room), enforced_by=literal)


def muscle_room(setting: Setting, muscle: str) -> tuple[float, float | None]:
    """Weighted sets `muscle` may still take today after the fixed work: under its session
    cap scaled by recovery, and under its weekly cap (None: no weekly target)."""
    rules = setting.rules
    already = fixed_sets(setting).get(muscle, 0.0)
    cap = rules.session_cap_sets.get(muscle, rules.default_session_cap_sets)
    recovered = cap * min(1.0, max(0.0, setting.day.recovery.get(muscle, 1.0)))
    room = max(0.0, recovered - already)
    target = rules.weekly_targets.get(muscle)
    if target is None:
        return room, None
    return room, max(0.0, target.cap - setting.day.weekly_sets.get(muscle, 0.0) - already)


def _pattern_limits(setting: Setting, built: Built) -> None:
    """No pattern more often in a week than the rules allow (the planner's own work counts)."""
    limit = setting.rules.pattern_uses_per_week
    for pattern in sorted({c.pattern for _, _, c, _, _ in built.choices if c.pattern}):
        used = setting.day.pattern_uses.get(pattern, 0) + sum(
            1 for item in setting.fixed if item.candidate and item.candidate.pattern == pattern
        )
        terms = [(var, 1) for var, _, c, _, _ in built.choices if c.pattern == pattern]
        literal = built.model.new_bool()
        built.groups[literal] = f"pattern:{pattern}"
        built.model.add_linear(terms, 0, max(0, limit - used), enforced_by=literal)


def solve(setting: Setting, built: Built) -> Solution:
    """The best selection with every constraint group on (fixed, so presolve can use them)."""
    return built.model.solve(
        seconds=setting.rules.solve_seconds,
        seed=setting.rules.seed,
        fixed_true=sorted(built.groups),
    )


def conflicts(setting: Setting, built: Built) -> list[str]:
    """The constraint groups that cannot hold together (a feasibility solve with assumptions)."""
    found = built.model.solve(
        seconds=setting.rules.solve_seconds,
        seed=setting.rules.seed,
        assumptions=sorted(built.groups),
        with_objective=False,
    )
    return sorted({built.groups[literal] for literal in found.core if literal in built.groups})


def cheapest_full_seconds(setting: Setting) -> int:
    """A lower bound on the full structure's time: each slot's minimum at its quickest."""
    total = sum(item.seconds for item in setting.fixed)
    for option in setting.slots:
        fewest = None if option.set_range is None else option.set_range[0]
        times = sorted(
            seconds_for(option, c, setting.rules, sets=fewest)
            for c in setting.day.candidates
            if allowed(c, setting) is None and qualifies(option, c, setting)
        )
        total += sum(times[: option.minimum])
    return total


def slot_options(slots: Sequence[SlotOption]) -> tuple[SlotOption, ...]:
    return tuple(slots)
