"""The CP-SAT model: one boolean per (slot, candidate) (per set count too where the slot gives
a set range), superset pairs, budgets and caps, a weighted score.

Pure data in, data out; OR-Tools is loaded by `solver.Model.solve` only.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from flux_cli.engine.compose.candidates import NOT_RESISTANCE, Candidate, set_seconds
from flux_cli.engine.compose.request import DayContext, FixedItem, SlotOption
from flux_cli.engine.compose.solver import Model, Solution
from flux_cli.engine.composition_rules import CompositionRules, Relaxation

# Loads that fit each family's goal: performance work is loadable, recovery work is light.
# Load types that take added weight (bands and bodyweight do not, in plate steps).
LOADED = frozenset({"barbell", "dumbbell", "kettlebell", "machine", "cable"})
_LIGHT = frozenset({"bodyweight", "band", "none"})
_LOADED_BAR = frozenset({"barbell"})
_FREE_WEIGHTS = frozenset({"barbell", "dumbbell", "kettlebell"})


def fits_goal(candidate: Candidate, goal: str, family: str) -> bool:
    """Whether a pick serves the athlete's goal: strength, compound free-weight lifts;
    hypertrophy, any loaded resistance work (isolation and machines included); endurance,
    bodyweight, band and cardio work; general, loaded work on performance days and light
    work on the others (the day's family)."""
    if goal == "strength":
        return candidate.mechanic == "compound" and candidate.load_type in _FREE_WEIGHTS
    if goal == "hypertrophy":
        return candidate.load_type in LOADED
    if goal == "endurance":
        return candidate.load_type in _LIGHT or candidate.category == "cardio"
    return candidate.load_type in (LOADED if family == "performance" else _LIGHT)


# Slots where a coach repeats what works: the recency penalty is for training variety (a
# warm-up has a smaller variety term of its own with `weights.warm_up_fit`: equal fits take
# turns, a better fit stays).
UNVARIED_SLOTS = frozenset({"warm_up", "cool_down"})
# When slots may stay empty (the emergency minimum), the rules' `keep_first` slots go last:
# a pick of the last one listed earns this, of each one before it this much more, so each
# outweighs any pick of the slots after it (a pick's other terms stay well under this). The
# shipped [warm_up, secondary]: the warm-up 500, the secondary lift 250.
KEEP_FIRST_POINTS = 250
# Chosen sets (a slot with a `sets` range: one boolean per candidate and set count): a set
# above the prescription costs this many points, so it is added only where it earns a weekly
# deficit's points (never for time use alone); a set below costs this besides its time use
# and deficit, so sets are lowered only when the budget or a cap asks, and before a whole
# exercise is dropped (a pick is worth far more).
EXTRA_SET_POINTS = 1
SHORT_SET_POINTS = 5


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


# Superset pairs are considered among each superset slot's best candidates by score (the
# pairs grow with the square of the candidates): a superset saves time for picks worth it.
# Six made the pairs most of a tight budget's solve (45 min: 0.34 s, four: 0.08 s, on the
# shipped rules over the 873 catalogue); with one variable per pair of choices six still
# took twice four's time over the 46 solves of a simulated three weeks (2.7 s, 1.3 s).
PAIR_CANDIDATES = 4
# Of candidates alike to every constraint, the best this many per slot stay in the model.
LOOK_ALIKES_KEPT = 3
# `when_short`: a superset costs a point, so it is used only when the time it saves buys
# more; `always`: it earns one.
SUPERSET_POINTS = 1


@dataclass(frozen=True, slots=True)
class Pair:
    """Two choices (picks at given set counts) that may be done as a superset: `var` is true
    when they are. They share `rounds` (the smaller set count); each round saves `rest_s`
    (the shorter rest: one rest per round).

    One variable per pair of choices, not per pair of exercises with a rounds count: the
    saving is then a constant, and the LP relaxation bounds the time closely. With a rounds
    integer tied to both set counts, CP-SAT found a 35-minute session in 0.05 s and spent
    0.15 s more proving it best."""

    var: int
    first: str
    second: str
    rest_s: int
    rounds: int


@dataclass
class Built:
    """A built model with what its variables mean and which assumption guards which group.

    A choice is one boolean per (slot, candidate), or per (slot, candidate, set count) where
    the slot gives a set range (`sets`: choice variable → its set count); a candidate's set
    count in a slot is Σ count × choice, 0 when it is not picked."""

    model: Model
    choices: list[tuple[int, SlotOption, Candidate, int, dict[str, int]]] = field(
        default_factory=list
    )
    groups: dict[int, str] = field(default_factory=dict)  # assumption literal → group name
    sets: dict[int, int] = field(default_factory=dict)
    pairs: list[Pair] = field(default_factory=list)

    def sets_of(self, var: int, option: SlotOption) -> int:
        return self.sets.get(var, option.sets)

    def seconds_terms(self) -> list[tuple[int, int]]:
        """Each choice's seconds, less the rest each superset saves, as linear terms."""
        terms = [(var, seconds) for var, _, _, seconds, _ in self.choices]
        terms += [(pair.var, -pair.rest_s * pair.rounds) for pair in self.pairs]
        return terms


def relaxed_for(option: SlotOption, setting: Setting) -> frozenset[Relaxation]:
    """The relaxations that apply to `option` (all of them, or only the conflicting slots')."""
    scoped = setting.relaxed_slots is None or option.slot in setting.relaxed_slots
    return setting.relaxed if scoped else frozenset()


# Slots whose categories and tracking hold under every relaxation: a warm-up is five easy
# minutes of cardio and a cool-down a stretch, so a bench press fills neither (the emergency
# minimum leaves the slot empty instead).
KIND_HOLDS = frozenset({"warm_up", "cool_down"})


def qualifies(option: SlotOption, candidate: Candidate, setting: Setting) -> bool:
    """Whether `candidate` may fill `option` under the relaxations made so far.

    `pattern_free` and `other_pattern` hold under every relaxation: an accessory that
    trained one of the archetype's patterns would pay that pattern's debt and steal the next
    session's lead from it (the rotation counts a pattern only in sessions of archetypes
    that train it, so another archetype's pattern is work for its muscles alone)."""
    rule = option.qualifies
    relaxed = relaxed_for(option, setting)
    if rule.names:
        return candidate.name in rule.names
    # What kind of work a slot takes holds under every relaxation: a slot naming no
    # categories takes resistance work (no run or stretch as an accessory), a slot's tracking
    # is how its prescription is given (no timed hold in reps), and a warm-up or cool-down
    # keeps its categories. `accept_generic` accepts other resistance categories alone (a
    # strongman or plyometric lift where strength work was asked).
    if not rule.categories and candidate.category in NOT_RESISTANCE:
        return False
    if rule.categories and candidate.category not in rule.categories:
        generic = "accept_generic" in relaxed and option.slot not in KIND_HOLDS
        resistance = not set(rule.categories) & NOT_RESISTANCE
        if not (generic and resistance and candidate.category not in NOT_RESISTANCE):
            return False
    if rule.tracking and candidate.tracking not in rule.tracking:
        return False
    if rule.pattern_free and candidate.pattern is not None:
        return False
    if rule.other_pattern and (candidate.pattern is None or candidate.pattern in setting.patterns):
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
    """Why a restricted region bars `candidate` today: an exercise the region names (a run
    for the knee), or resistance work whose pattern or a primary muscle loads the region (a
    warm-up on the bike or a stretch stays)."""
    if candidate.name in day.restricted_exercises:
        return f"restricted ({day.restricted_exercises[candidate.name]}): it loads it"
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


def week_low(setting: Setting, muscle: str, fixed: Mapping[str, float]) -> tuple[float, int]:
    """The fewest weighted sets `muscle` has, with the fixed work, in the weeks the floor is
    planned for (ending today or on one of the next `floor_lookahead_days` days, counting
    only sets done so far), and in how many days that week ends (0: today)."""
    day = setting.day
    done = day.weekly_sets.get(muscle, 0.0) + fixed.get(muscle, 0.0)
    leaving = day.leaving.get(muscle, ())[: setting.rules.floor_lookahead_days]
    lowest, when = done, 0
    for ahead, sets in enumerate(leaving, start=1):
        done -= sets
        if done < lowest:
            lowest, when = done, ahead
    return lowest, when


def deficits(setting: Setting) -> dict[str, float]:
    """Weighted sets each muscle still lacks for its weekly floor, after the fixed work, in
    the weeks the floor is planned for (`week_low`)."""
    fixed = fixed_sets(setting)
    return {
        muscle: max(0.0, target.floor - week_low(setting, muscle, fixed)[0])
        for muscle, target in setting.rules.weekly_targets.items()
    }


def score_terms(
    option: SlotOption,
    candidate: Candidate,
    setting: Setting,
    deficit: Mapping[str, float],
    seconds: int | None = None,
    sets: int | None = None,
) -> dict[str, int]:
    """The objective's terms for one pick, in points, by name (the pick's `why`);
    `seconds`: the time its time use counts, when the caller has it already; `sets`: its
    chosen set count, when the slot gives a range."""
    if sets is None:
        sets = option.sets
    weights = setting.rules.weights
    day = setting.day
    terms: dict[str, int] = {}
    if candidate.pattern is not None and candidate.pattern in setting.patterns:
        terms["pattern"] = weights.pattern_alignment
    if option.qualifies.muscles and set(candidate.primary) & set(option.qualifies.muscles):
        terms["muscle"] = weights.muscle_alignment
    elif option.slot == "warm_up" and weights.warm_up_fit:
        terms.update(_warm_up_terms(candidate, setting))
    elif option.slot in UNVARIED_SLOTS and set(candidate.primary) & _planned_muscles(setting):
        # A warm-up or cool-down for what the planner's own work trains (a hamstring
        # stretch after deadlifts, a quad stretch after squats).
        terms["session_muscle"] = weights.muscle_alignment
    # Rewarded for the muscles it trains first: catalogues list secondary muscles unevenly
    # (the public one names up to six for a kettlebell snatch), and rewarding them made long
    # lists win. Secondary sets still count toward every cap.
    lacking = sum(
        min(deficit.get(muscle, 0.0), candidate.weighted_sets(muscle, sets))
        for muscle in candidate.primary
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
    if not candidate.familiar and weights.familiar:
        # The points a familiar exercise has over this one, from a seeded public catalogue:
        # taken from it (a plan of familiar exercises alone scores as it did without).
        terms["unfamiliar"] = -weights.familiar
    if fits_goal(candidate, day.goal, setting.family):
        terms["goal"] = weights.goal_alignment
    resistance = candidate.category not in NOT_RESISTANCE
    if weights.spared and resistance and set(candidate.muscles) & spared_today(setting):
        terms["spared"] = -weights.spared
    recent = day.last_same_archetype.get(setting.archetype, frozenset())
    varied = option.slot not in UNVARIED_SLOTS
    if varied and candidate.name in recent and move != "yes":
        terms["recency"] = -weights.recency
    keep = setting.rules.keep_first
    places: dict[str, int] = {slot: len(keep) - index for index, slot in enumerate(keep)}
    kept_first = option.slot in places and "emergency_minimum" in relaxed_for(option, setting)
    if kept_first:
        points = KEEP_FIRST_POINTS * places[option.slot]
        terms["warm_up_first" if option.slot == "warm_up" else "keep_first"] = points
    if seconds is None:
        seconds = seconds_for(option, candidate, setting.rules, sets=min(sets, option.sets))
    minutes = seconds / 60
    if weights.time_use:
        terms["time_use"] = round(weights.time_use * minutes)
    if sets > option.sets:
        terms["sets"] = -EXTRA_SET_POINTS * (sets - option.sets)
    elif sets < option.sets:
        # A slot kept first keeps its sets first too: a set less costs it as much again per
        # place (the secondary lift loses a set only after the accessories after it did).
        short = SHORT_SET_POINTS * (1 + places[option.slot] if kept_first else 1)
        terms["sets"] = -short * (option.sets - sets)
    return terms


def _planned_muscles(setting: Setting) -> frozenset[str]:
    """The primary muscles of the session's fixed work (the lead lift, a planned block)."""
    return frozenset(
        muscle for item in setting.fixed if item.candidate for muscle in item.candidate.primary
    )


def spared_today(setting: Setting) -> frozenset[str]:
    """The rules' `spared_muscles` that the session's fixed work loads, as a primary or a
    secondary muscle (the lower back under a squat or a deadlift): composed resistance work
    loading one of them again costs `weights.spared`."""
    spared = setting.rules.spared_muscles
    return frozenset(
        muscle
        for item in setting.fixed
        if item.candidate is not None
        for muscle in item.candidate.muscles
        if muscle in spared
    )


# Warm-ups on these set an easy, even pace by their resistance, without a run's impact.
CARDIO_MACHINES = frozenset({"bike", "rower", "machine"})


def _warm_up_terms(candidate: Candidate, setting: Setting) -> dict[str, int]:
    """A warm-up's terms (`weights.warm_up_fit`, 0: not called): per muscle of the fixed
    work it moves (a primary muscle of that work counts twice), one more for a cardio
    machine (the athlete has it: `allowed` checked), and half of one off when it was done
    in one of the last sessions of the kind, so equally fitting warm-ups take turns."""
    weight = setting.rules.weights.warm_up_fit
    primary: set[str] = set()
    secondary: set[str] = set()
    for item in setting.fixed:
        if item.candidate is not None:
            primary.update(item.candidate.primary)
            secondary.update(item.candidate.secondary)
    moved = set(candidate.muscles)
    units = 2 * len(moved & primary) + len(moved & (secondary - primary))
    terms: dict[str, int] = {}
    if units:
        terms["warm_up_fit"] = weight * units
    if candidate.needs & CARDIO_MACHINES:
        terms["warm_up_machine"] = weight
    recent = setting.day.last_same_archetype.get(setting.archetype, frozenset())
    if candidate.name in recent and setting.day.moves.get(candidate.name) != "yes":
        terms["recency"] = -(weight // 2)
    return terms


def budget_seconds(setting: Setting) -> int:
    return int(setting.day.minutes * 60 * (1 + setting.rules.time_tolerance))


def set_counts(option: SlotOption, *, plain: bool = False) -> range:
    """The set counts a pick of `option` may have (`plain`: the prescribed ones alone)."""
    if option.set_range is None or plain:
        return range(option.sets, option.sets + 1)
    return range(option.set_range[0], option.set_range[1] + 1)


def build(setting: Setting, *, drop_time: bool = False, plain: bool = False) -> Built:
    """The model for `setting`: each constraint group guarded by an assumption literal.

    `plain`: prescribed sets only and no supersets, a tighter model for explaining an
    infeasible one (what cannot hold with more freedom cannot hold with less)."""
    rules = setting.rules
    emergency = "emergency_minimum" in setting.relaxed
    built = Built(model=Model())
    model = built.model
    deficit = deficits(setting)
    usable = [c for c in setting.day.candidates if allowed(c, setting) is None]
    usable.sort(key=lambda c: c.name)
    by_candidate: dict[str, list[int]] = {}
    picks: dict[tuple[int, str], list[tuple[int, int]]] = {}  # (slot, name) → (choice, sets)
    for option in setting.slots:
        ranged = option.set_range is not None and not plain
        for candidate in _contenders(option, usable, setting, deficit):
            for sets in set_counts(option, plain=plain):
                var = model.new_bool()
                seconds = seconds_for(option, candidate, rules, sets=sets)
                kept = seconds_for(option, candidate, rules, sets=min(sets, option.sets))
                terms = score_terms(option, candidate, setting, deficit, kept, sets)
                built.choices.append((var, option, candidate, seconds, terms))
                by_candidate.setdefault(candidate.name, []).append(var)
                picks.setdefault((option.index, candidate.name), []).append((var, sets))
                if ranged:
                    built.sets[var] = sets
    objective = [(var, sum(terms.values())) for var, _, _, _, terms in built.choices]
    if not plain:
        objective += _supersets(setting, built, picks)
        objective += _repeat_isolation(setting, built)

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
    if not (emergency and setting.relaxed_slots is None):  # (lifted only for a whole session)
        _pattern_limits(setting, built)
    for name, rule in sorted(setting.day.moves.items()):
        variables = by_candidate.get(name, [])
        if rule == "yes" and variables:
            model.add_linear([(v, 1) for v in variables], 1, 1, enforced_by=group(f"yes:{name}"))
    model.maximise(objective)
    return built


def _repeat_isolation(setting: Setting, built: Built) -> list[tuple[int, int]]:
    """Objective terms costing `weights.repeat_isolation` for each composed isolation pick
    beyond the first per primary muscle (warm-ups and cool-downs aside)."""
    penalty = setting.rules.weights.repeat_isolation
    if not penalty:
        return []
    by_muscle: dict[str, list[int]] = {}
    for var, option, candidate, _, _ in built.choices:
        if candidate.mechanic == "isolation" and option.slot not in UNVARIED_SLOTS:
            for muscle in candidate.primary:
                by_muscle.setdefault(muscle, []).append(var)
    terms: list[tuple[int, int]] = []
    for muscle in sorted(by_muscle):
        variables = by_muscle[muscle]
        if len(variables) < 2:
            continue
        extra = built.model.new_int(0, len(variables))
        # picks - extra <= 1: `extra` counts the picks past the first.
        built.model.add_linear([*((v, 1) for v in variables), (extra, -1)], -len(variables), 1)
        terms.append((extra, -penalty))
    return terms


def _contenders(
    option: SlotOption, usable: Sequence[Candidate], setting: Setting, deficit: Mapping[str, float]
) -> list[Candidate]:
    """The candidates that qualify for `option`, look-alikes thinned to the best few.

    Two candidates alike in everything the constraints see (muscles, pattern, one side or
    two, time at the prescribed sets) differ only in score, so a session never needs more
    of a kind than the slot can hold plus one taken by another slot: the best
    LOOK_ALIKES_KEPT of each kind, by score, then name, stay. A seeded catalogue has dozens
    of curls and stretches alike to the constraints; without them the solver spent most of
    a tight budget's solve proving that none of the others did better. Movement rules'
    exercises always stay."""
    kinds: dict[tuple[object, ...], list[tuple[int, str, Candidate]]] = {}
    kept: list[Candidate] = []
    for candidate in usable:
        if not qualifies(option, candidate, setting):
            continue
        if candidate.name in setting.day.moves:
            kept.append(candidate)
            continue
        kind = (
            candidate.primary,
            candidate.secondary,
            candidate.pattern,
            candidate.unilateral,
            seconds_for(option, candidate, setting.rules),
        )
        score = sum(score_terms(option, candidate, setting, deficit).values())
        kinds.setdefault(kind, []).append((-score, candidate.name, candidate))
    for alike in kinds.values():
        kept += [candidate for *_, candidate in sorted(alike)[:LOOK_ALIKES_KEPT]]
    return sorted(kept, key=lambda c: c.name)


def _supersets(
    setting: Setting, built: Built, picks: dict[tuple[int, str], list[tuple[int, int]]]
) -> list[tuple[int, int]]:
    """Pairs of superset-slot choices sharing no primary muscle, each pick in one pair at
    most; a pair is done only when both are picked. Returns the pairs' objective terms."""
    rule = setting.rules.supersets
    if rule.use == "never":
        return []
    model = built.model
    pool: list[tuple[SlotOption, Candidate, list[tuple[int, int]]]] = []
    for option in setting.slots:
        if option.slot not in rule.slots:
            continue
        best: dict[str, tuple[int, Candidate]] = {}
        for var, o, candidate, _, terms in built.choices:
            if o is option and built.sets_of(var, o) == o.sets:  # ranked at prescribed sets
                best[candidate.name] = (sum(terms.values()), candidate)
        ranked = sorted(best.values(), key=lambda item: (-item[0], item[1].name))
        pool += [(option, c, picks[(option.index, c.name)]) for _, c in ranked[:PAIR_CANDIDATES]]
    in_pairs: dict[int, list[int]] = {}  # choice → the pairs it is in
    for i, (one, a, first) in enumerate(pool):
        for other, b, second in pool[i + 1 :]:
            if a.name == b.name or set(a.primary) & set(b.primary):
                continue
            rest = min(one.rest_s, other.rest_s)
            for choice_a, sets_a in first:
                for choice_b, sets_b in second:
                    var = model.new_bool()
                    built.pairs.append(Pair(var, a.name, b.name, rest, min(sets_a, sets_b)))
                    in_pairs.setdefault(choice_a, []).append(var)
                    in_pairs.setdefault(choice_b, []).append(var)
    for choice, variables in sorted(in_pairs.items()):
        # A pick is in one pair at most, and only a pick is in one.
        model.add_linear([*((v, 1) for v in variables), (choice, -1)], -1, 0)
    points = SUPERSET_POINTS * (1 if rule.use == "always" else -1)
    return [(pair.var, points) for pair in built.pairs]


def _muscle_limits(setting: Setting, built: Built) -> None:
    """Per-session caps scaled by recovery, and the weekly caps; in half sets (integers)."""
    by_muscle: dict[str, list[tuple[int, int]]] = {}
    for var, option, candidate, _, _ in built.choices:  # one pass, in the model's order
        sets = built.sets_of(var, option)
        for muscle in candidate.muscles:
            half_sets = round(2 * candidate.weighted_sets(muscle, sets))
            by_muscle.setdefault(muscle, []).append((var, half_sets))
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
    """No pattern more often in a week than the rules allow (the planner's own work counts,
    and a pick standing in for it is held to no limit, as that work is not)."""
    limit = setting.rules.pattern_uses_per_week
    composed = [choice for choice in built.choices if not choice[1].stands_in]
    for pattern in sorted({c.pattern for _, _, c, _, _ in composed if c.pattern}):
        used = setting.day.pattern_uses.get(pattern, 0) + sum(
            1 for item in setting.fixed if item.candidate and item.candidate.pattern == pattern
        )
        terms = [(var, 1) for var, _, c, _, _ in composed if c.pattern == pattern]
        literal = built.model.new_bool()
        built.groups[literal] = f"pattern:{pattern}"
        built.model.add_linear(terms, 0, max(0, limit - used), enforced_by=literal)


def solve(setting: Setting, built: Built) -> Solution:
    """The best selection with every constraint group on (fixed in the model)."""
    return built.model.solve(
        seconds=setting.rules.solve_seconds,
        seed=setting.rules.seed,
        fixed_true=sorted(built.groups),
    )


def conflicts(setting: Setting) -> list[str]:
    """The constraint groups that cannot hold together (a feasibility solve with assumptions,
    on the plain model: prescribed sets, no supersets)."""
    built = build(setting, plain=True)
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
    usable = [c for c in setting.day.candidates if allowed(c, setting) is None]
    for option in setting.slots:
        if option.minimum == 0:
            continue
        fewest = None if option.set_range is None else option.set_range[0]
        times = (
            seconds_for(option, c, setting.rules, sets=fewest)
            for c in usable
            if qualifies(option, c, setting)
        )
        total += sum(heapq.nsmallest(option.minimum, times))
    return total


def slot_options(slots: Sequence[SlotOption]) -> tuple[SlotOption, ...]:
    return tuple(slots)
