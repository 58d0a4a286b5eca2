"""Compose a session: solve, relax in the rules' order when infeasible, explain every pick."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from flux_cli.engine.compose.candidates import Candidate
from flux_cli.engine.compose.model import (
    Built,
    Setting,
    budget_seconds,
    build,
    cheapest_full_seconds,
    conflicts,
    deficits,
    fixed_sets,
    muscle_room,
    solve,
    week_low,
)
from flux_cli.engine.compose.request import Composition, Pick, Relaxed
from flux_cli.engine.compose.solver import Solution
from flux_cli.engine.composition_rules import Relaxation

T = TypeVar("T")

_TERM_WORDS = {
    "pattern": "trains today's pattern",
    "muscle": "the slot's muscle",
    "session_muscle": "what the lead lift trains",
    "volume_deficit": "below weekly volume",
    "preferred": "preferred",
    "compound": "compound",
    "goal": "fits the goal",
    "recency": "done in a recent session of the kind",
    "warm_up_fit": "warms up the muscles of the day's work",
    "warm_up_machine": "on a cardio machine",
    "spared": "loads what the lead lift loaded",
    "time_use": "time use",
    "warm_up_first": "warm up before the work",
    "keep_first": "kept before later slots when time is short",
    "sets": "sets off the prescription",
}
_VOLUME = ("cap:", "weekly:")
_RELAXATION_WORDS = {
    "widen_patterns": "any movement pattern accepted",
    "accept_synergists": "exercises that train the muscle as a synergist accepted",
    "lower_preference": "preference weight lowered",
    "accept_isolation": "isolation exercises accepted where compound was asked",
    "accept_generic": "exercises outside the slot's categories accepted",
    "emergency_minimum": "emergency minimum: slots may stay empty, weekly pattern limits lifted",
}


def compose(setting: Setting) -> Composition:
    """The best session for `setting`, relaxing the rules' ladder step by step if needed."""
    relaxed: list[Relaxed] = []
    notes: list[str] = []
    why = ""
    at_cap = False  # the slots dropped are those a muscle at its cap exists to train
    conflicting: list[str] = []
    slots: set[str] = set()
    if cheapest_full_seconds(setting) > budget_seconds(setting):
        # Each slot's minimum at its quickest overruns the budget: no need to solve or
        # search for the conflict to know the budget is in it.
        found, conflicting = Solution(status="infeasible"), ["time"]
        why, total_seconds = _group_words("time"), 0.0
    else:
        built = build(setting)
        found = solve(setting, built)
        total_seconds = found.wall_seconds
    if found.status == "unknown":
        # The limit came before any session: nothing was proven impossible, so there is
        # nothing to relax (each step of the ladder would only spend the limit again).
        notes.append(
            f"no session found within the solver's limit ({setting.rules.solve_seconds:g} s"
            " of work): only the planned work; composition.solve_seconds gives it more"
        )
    elif found.status not in ("optimal", "feasible") and not conflicting:
        conflicting = conflicts(setting)
        if not conflicting and cheapest_full_seconds(setting) > budget_seconds(setting):
            # No conflict found within the solver's limit, but each slot's minimum at its
            # quickest already overruns the budget: the budget is in it.
            conflicting = ["time"]
        why = " and ".join(_group_words(g) for g in conflicting) or "no solution in time"
        slots = {group.partition(":")[2] for group in conflicting if group.startswith("slot:")}
        caps = [group for group in conflicting if group.startswith(_VOLUME)]
        if slots and caps and len(slots) + len(caps) == len(conflicting):
            # A muscle at its cap empties the slots that exist to train it: the rules
            # working, not giving way. Said as such, with the numbers, and nothing else
            # is relaxed (the other slots keep their counts, the week its pattern limits).
            capped = replace(setting, relaxed_slots=frozenset(slots))
            capped = _with(capped, "emergency_minimum")
            built = build(capped)
            again = solve(capped, built)
            total_seconds += again.wall_seconds
            if again.status in ("optimal", "feasible"):
                setting, found, at_cap = capped, again, True
                why = " and ".join(_cap_words(group, setting) for group in caps)
    if found.status not in ("optimal", "feasible", "unknown"):
        # The budget binds every slot at once; a muscle cap or a count binds only the
        # slots named in the conflict: relax those alone.
        scoped = "time" not in conflicting
        if slots and scoped and not any(group.startswith("yes:") for group in conflicting):
            setting = replace(setting, relaxed_slots=frozenset(slots))
        steps = list(setting.rules.relaxation)
        if any(group == "time" or group.startswith(_VOLUME) for group in conflicting):
            # Widening what qualifies finds no shorter work (a slot's prescription sets its
            # time) and no work that spares a muscle the slot exists to train: with the
            # budget or a muscle's cap in the conflict, go straight to the emergency minimum.
            steps = [step for step in steps if step == "emergency_minimum"]
        for step in steps:
            setting = _with(setting, step)
            built = build(setting)
            found = solve(setting, built)
            total_seconds += found.wall_seconds
            words = (
                _emergency_words(setting)
                if step == "emergency_minimum"
                else _RELAXATION_WORDS[step]
            )
            reason = f"{words}: {why} could not all hold" if not relaxed else words
            relaxed.append(Relaxed(constraint=step, reason=reason))
            if found.status in ("optimal", "feasible"):
                break
        while found.status not in ("optimal", "feasible") and setting.relaxed_slots is not None:
            # Another conflict the first search did not name (two slots that nothing the
            # athlete has can fill, a slot whose muscle is at its weekly cap): the relaxations
            # made so far apply to its slots too, or to every slot when it names none.
            more = conflicts(setting)
            new = {g.partition(":")[2] for g in more if g.startswith("slot:")}
            new -= setting.relaxed_slots
            scope = setting.relaxed_slots | new if new else None
            why = " and ".join(filter(None, [why, *(_group_words(g) for g in sorted(more))]))
            setting = replace(setting, relaxed_slots=scope)
            built = build(setting)
            found = solve(setting, built)
            total_seconds += found.wall_seconds
            relaxed = [
                replace(
                    r,
                    reason=_emergency_words(setting)
                    + (f": {why} could not all hold" if i == 0 else ""),
                )
                if r.constraint == "emergency_minimum"
                else r
                for i, r in enumerate(relaxed)
            ]
        if found.status not in ("optimal", "feasible"):
            built = build(setting, drop_time=True)
            found = solve(setting, built)
            total_seconds += found.wall_seconds
            relaxed.append(
                Relaxed(
                    constraint="time",
                    reason=f"{setting.day.minutes} min is less than the planned work alone",
                )
            )
    if found.status == "feasible":
        notes.append("the solver stopped at its time limit: the best session found so far")
    picks = _picks(setting, built, found)
    picks, paired = _paired(built, found, picks)
    notes += paired
    counts = {option.slot: 0 for option in setting.slots}
    for pick in picks:
        counts[pick.slot] += 1
    dropped = [o.slot for o in setting.slots if counts[o.slot] < o.minimum]
    if dropped and found.status == "unknown":
        named = f"{', '.join(dropped)} slot{'' if len(dropped) == 1 else 's'}"
        relaxed.append(Relaxed(constraint="slots", reason=f"{named} empty: no session in time"))
    elif dropped:
        need = cheapest_full_seconds(setting)
        named = f"{', '.join(dropped)} slot{'' if len(dropped) == 1 else 's'} dropped"
        if need > budget_seconds(setting):
            reason = (
                f"{setting.day.minutes} min: {named}, the full session needs {round(need / 60)} min"
                + (" done one exercise at a time" if setting.rules.supersets.use != "never" else "")
            )
        elif at_cap:
            reason = f"{named}: {why}"
        elif why:
            reason = f"{named}: {why} could not all hold"
        else:
            reason = f"{setting.day.minutes} min: {named}"
        relaxed.append(Relaxed(constraint="slots", reason=reason))
    seconds = sum(item.seconds for item in setting.fixed) + sum(p.seconds for p in picks)
    if seconds > budget_seconds(setting) and not any(r.constraint == "time" for r in relaxed):
        relaxed.append(
            Relaxed(
                constraint="time",
                reason=f"the planned work alone needs {round(seconds / 60)} min, "
                f"over the {setting.day.minutes} min budget",
            )
        )
    weighted: dict[str, float] = {}
    patterns: list[str] = []
    for candidate, sets in [
        *((item.candidate, item.sets) for item in setting.fixed if item.candidate),
        *((pick.candidate, pick.sets) for pick in picks),
    ]:
        for muscle in candidate.muscles:
            weighted[muscle] = weighted.get(muscle, 0.0) + candidate.weighted_sets(muscle, sets)
        if candidate.pattern and candidate.pattern not in patterns:
            patterns.append(candidate.pattern)
    return Composition(
        picks=tuple(picks),
        estimated_minutes=round(seconds / 60, 1),
        relaxed=tuple(relaxed),
        status=found.status,
        weighted_sets={m: sets for m, sets in sorted(weighted.items()) if sets},
        patterns=tuple(patterns),
        structure_met=not dropped and not relaxed,
        solve_seconds=total_seconds,
        notes=tuple(notes),
    )


def _emergency_words(setting: Setting) -> str:
    """What the emergency minimum allows: the scoped slots, or every slot."""
    if setting.relaxed_slots is None:
        return _RELAXATION_WORDS["emergency_minimum"]
    scope = sorted(setting.relaxed_slots)
    plural = "s" if len(scope) > 1 else ""
    return f"emergency minimum: the {', '.join(scope)} slot{plural} may stay empty"


def _with(setting: Setting, step: Relaxation) -> Setting:
    return replace(setting, relaxed=setting.relaxed | {step})


def _picks(setting: Setting, built: Built, found: Solution) -> list[Pick]:
    if found.status not in ("optimal", "feasible"):
        return []
    chosen = [choice for choice in built.choices if found.values[choice[0]] == 1]
    picked = {candidate.name for _, _, candidate, _, _ in chosen}
    picks: list[Pick] = []
    for var, option, candidate, seconds, terms in chosen:
        sets = built.sets_of(var, option)
        rivals = [
            (sum(t.values()), c.name)
            for v, o, c, _, t in built.choices
            # Rivals at the prescribed sets, as `flux why` scores them.
            if o is option and c.name not in picked and built.sets_of(v, o) == o.sets
        ]
        score = sum(terms.values())
        picks.append(
            Pick(
                slot=option.slot,
                slot_index=option.index,
                candidate=candidate,
                seconds=seconds,
                score=score,
                terms=dict(terms),
                why=_why(option.slot, candidate.name, score, terms, rivals),
                sets=sets,
            )
        )
    picks.sort(key=lambda pick: (pick.slot_index, -pick.score, pick.candidate.name))
    return _with_set_reasons(setting, picks)


def _paired(built: Built, found: Solution, picks: list[Pick]) -> tuple[list[Pick], list[str]]:
    """The picks with their superset letters (A, B, … in session order), each pair's saved
    rest taken off its time, and one rationale line per superset."""
    if found.status not in ("optimal", "feasible") or not built.pairs:
        return picks, []
    done = [pair for pair in built.pairs if found.values[pair.var] == 1]
    if not done:
        return picks, []
    order = {pick.candidate.name: index for index, pick in enumerate(picks)}
    sets = {pick.candidate.name: pick.sets for pick in picks}
    named = sorted((sorted((p.first, p.second), key=order.__getitem__), p) for p in done)
    named.sort(key=lambda item: order[item[0][0]])
    letters: dict[str, str] = {}
    partners: dict[str, str] = {}
    saved: dict[str, int] = {}
    lines: list[str] = []
    for index, ((first, second), pair) in enumerate(named):
        letter = chr(ord("A") + index)
        rounds = min(sets[first], sets[second])
        seconds = rounds * pair.rest_s
        letters[first] = letters[second] = letter
        partners[first], partners[second] = second, first
        saved[first] = seconds // 2
        saved[second] = seconds - seconds // 2
        lines.append(
            f"superset {letter}: {first} + {second}, one rest per round "
            f"({rounds} rounds, {format_minutes(seconds)} of rest saved)"
        )
    lettered = [
        replace(
            pick,
            superset=letters[pick.candidate.name],
            seconds=pick.seconds - saved[pick.candidate.name],
            why=f"{pick.why}; superset {letters[pick.candidate.name]} with "
            f"{partners[pick.candidate.name]}",
        )
        if pick.candidate.name in letters
        else pick
        for pick in picks
    ]
    return together(lettered, lambda pick: pick.superset), lines


def together(items: list[T], letter: Callable[[T], str | None]) -> list[T]:
    """`items` in their order, but each superset's second member moved up to follow its
    first: an athlete alternates A1 and A2, so nothing may stand between them."""
    placed: set[str] = set()
    ordered: list[T] = []
    for item in items:
        mark = letter(item)
        if mark is None:
            ordered.append(item)
        elif mark not in placed:
            placed.add(mark)
            ordered += [other for other in items if letter(other) == mark]
    return ordered


def format_minutes(seconds: int) -> str:
    return f"{seconds / 60:.1f} min".replace(".0 min", " min")


def _with_set_reasons(setting: Setting, picks: list[Pick]) -> list[Pick]:
    """Each pick of a ranged slot with why it got its sets: a muscle short of its weekly
    floor (more), or the cap or budget that one more set would break (fewer, or no more)."""
    ranges = {o.index: o for o in setting.slots if o.set_range is not None}
    if not ranges:
        return picks
    fixed = fixed_sets(setting)
    used = dict(fixed)
    for pick in picks:
        for muscle in pick.candidate.muscles:
            used[muscle] = used.get(muscle, 0.0) + pick.candidate.weighted_sets(muscle, pick.sets)
    short = deficits(setting)
    reasons: list[Pick] = []
    for pick in picks:
        option = ranges.get(pick.slot_index)
        if option is None:
            reasons.append(pick)
            continue
        candidate = pick.candidate
        head = f"{pick.sets} sets" + (
            " as prescribed" if pick.sets == option.sets else f" ({option.sets} prescribed)"
        )
        low_high = option.set_range or (option.sets, option.sets)
        weighted = candidate.weighted_sets
        lacking = sorted(
            (m for m in candidate.muscles if short.get(m, 0.0) > 0 and weighted(m, 1)),
            key=lambda m: (m not in candidate.primary, -short[m], m),
        )
        parts: list[str] = []
        if lacking:
            muscle = lacking[0]
            done, ahead = week_low(setting, muscle, fixed)
            floor = setting.rules.weekly_targets[muscle].floor
            when = "" if not ahead else " tomorrow" if ahead == 1 else f" in {ahead} days"
            parts.append(f"{muscle} at {done:g} of {floor:g} weekly sets{when}")
        elif pick.sets > option.sets:
            parts.append("no weekly floor short")
        wants_more = any(short[m] > weighted(m, pick.sets) for m in lacking)
        if pick.sets < option.sets or (wants_more and pick.sets < low_high[1]):
            parts.append(_bound(setting, candidate, used, pick.sets < option.sets))
        text = f"{head}: {'; '.join(parts)}" if parts else head
        reasons.append(replace(pick, sets_why=text, why=f"{pick.why}; {text}"))
    return reasons


def _bound(setting: Setting, candidate: Candidate, used: dict[str, float], fewer: bool) -> str:
    """What one more set of `candidate` would break: a muscle's cap, else the budget."""
    fixed = fixed_sets(setting)
    for muscle in candidate.muscles:
        one = candidate.weighted_sets(muscle, 1)
        if not one:
            continue
        today = used.get(muscle, 0.0) - fixed.get(muscle, 0.0)
        room, week_room = muscle_room(setting, muscle)
        if today + one > room:
            return f"the {muscle} session cap holds it ({today + fixed.get(muscle, 0.0):g} sets)"
        if week_room is not None and today + one > week_room:
            return f"the {muscle} weekly cap holds it"
    minutes = setting.day.minutes
    if fewer:
        return f"fewer to fit the {minutes} min budget"
    return f"more would not fit the {minutes} min budget beside the other picks"


def term_words(terms: dict[str, int]) -> str:
    """Score terms in plain words, largest first: `compound +10, done last session -25`."""
    parts = [
        f"{_TERM_WORDS.get(term, term)} {points:+d}"
        for term, points in sorted(terms.items(), key=lambda item: (-abs(item[1]), item[0]))
        if points
    ]
    return ", ".join(parts) or "no scoring terms"


def _why(
    slot: str, name: str, score: int, terms: dict[str, int], rivals: list[tuple[int, str]]
) -> str:
    text = f"{slot}: score {score} ({term_words(terms)})"
    if rivals:
        best_score, best_name = min(rivals, key=lambda rival: (-rival[0], rival[1]))
        text += f"; next best {best_name} ({best_score})"
    return text


def _cap_words(group: str, setting: Setting) -> str:
    """A muscle's cap that a conflict reached, with its numbers (`weekly:abdominals`)."""
    kind, _, muscle = group.partition(":")
    done = setting.day.weekly_sets.get(muscle, 0.0) + fixed_sets(setting).get(muscle, 0.0)
    room, week_room = muscle_room(setting, muscle)
    target = setting.rules.weekly_targets.get(muscle)
    if kind == "weekly" and target is not None and week_room is not None:
        return f"{muscle} at {done:g} of {target.cap:g} weekly sets (the cap)"
    return f"{muscle} at its session cap ({room:g} more sets after recovery)"


def _group_words(group: str) -> str:
    """A constraint group's name (`slot:core`, `cap:chest`) in plain words."""
    kind, _, what = group.partition(":")
    return {
        "slot": f"the {what} slot's count",
        "time": "the time budget",
        "cap": f"the {what} session cap",
        "weekly": f"the {what} weekly cap",
        "pattern": f"{what}'s uses this week",
        "yes": f"HARD_YES {what}",
    }.get(kind, group)
