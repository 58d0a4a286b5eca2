"""Readiness tied to body regions, and fatigue-aware spacing of hard work (DESIGN §3).

`BodyDay` is what the planner asks about the body on one day:
- restrictions: a readiness input tied to a region (knee_pain → knee) that is among the
  causes of an ORANGE/RED day restricts only work that loads that region (its patterns take
  the cap state's selection and prescription, its interval protocols swap to the declared
  steady option); everything else is chosen and prescribed as the other inputs allow, and
  inputs that only trim volume (energy) never change the exercise;
- spacing: after a high load on the spacing region yesterday (a long hard ride, heavy
  legs), archetypes that can only load it are deprioritised and the anchor moves off it;
- endurance cover: activities count toward conditioning by their load, not their date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from flux_cli.engine.body import BodyHistory
from flux_cli.engine.body_rules import Region
from flux_cli.engine.conditions import format_number
from flux_cli.engine.load import LoadEntry, LoadSummary, load_entries, load_summary
from flux_cli.engine.readiness import evaluate_state
from flux_cli.engine.recovery import RegionDay, loads_region, recovery_percent, region_load_on
from flux_cli.engine.rules import Archetype, Block, Rules
from flux_cli.engine.types import ArchetypeScore, ConditioningPlan, History, Restriction


def _severity(rules: Rules, state: str) -> int:
    """0 for the first (most severe) state in the rules, higher is milder."""
    return rules.state_names.index(state)


def _caused_by(rules: Rules, state: str, inputs: Mapping[str, float], name: str) -> bool:
    """Whether input `name` is among the comparisons that made `state` hold."""
    rule = next(s for s in rules.states if s.name == state)
    return any(reason.split(" ", 1)[0] == name for reason in rule.condition.explain(inputs))


@dataclass(frozen=True, slots=True)
class RegionLimit:
    """A restricted region: why, the state its work is capped at, and its protocol swaps."""

    region: str
    area: Region
    why: str
    cap_state: str
    protocol_swap: Mapping[str, str]


@dataclass
class BodyDay:
    """The body's say in one day's plan (see the module docstring)."""

    rules: Rules
    state: str
    work_state: str
    selection_state: str
    limits: list[RegionLimit]
    body: BodyHistory | None
    ftp_watts: float | None
    restrictions: list[Restriction] = field(default_factory=list)
    # Rationale lines for what `pick` and `conditioning_block` swapped or capped.
    notes: list[str] = field(default_factory=list)
    load: LoadSummary | None = None
    recovery: dict[str, int] | None = None
    spacing: RegionDay | None = None
    endurance: list[LoadEntry] = field(default_factory=list)

    # ------------------------------------------------------------------ archetype and anchor

    def _spacing_region(self) -> Region:
        return self.rules.regions.region_map(self.rules).get(
            self.rules.regions.spacing_region, Region()
        )

    def _only_loads_spacing_region(self, archetype: Archetype) -> bool:
        region = self._spacing_region()
        block = archetype.conditioning_block
        if block is not None:
            protocols = [p for p in block.protocols or [] if p in self.rules.protocols]
            hard = [p for p in protocols if self.rules.protocols[p].kind == "intervals"]
            if hard and all(p in region.protocols for p in hard):
                return True
        patterns = archetype.patterns
        return bool(patterns) and all(p in region.patterns for p in patterns)

    def adjust_scores(
        self, scores: Sequence[ArchetypeScore], history: History, today: dt.date
    ) -> tuple[list[ArchetypeScore], list[str]]:
        """Scores with activities counted by load, an endurance week covering conditioning, and
        archetypes that only load yesterday's fatigued region deprioritised; with reasons."""
        scores = self._allowed_as_the_other_inputs_say(scores)
        if self.body is None:
            return list(scores), []
        lines: list[str] = []
        adjusted = []
        covered = self._endurance_covers()
        if covered:
            lines.append(covered)
        for score in scores:
            archetype = self.rules.archetypes[score.archetype]
            if archetype.conditioning_block is not None:
                last = history.archetype_last_done.get(score.archetype)
                days = None if last is None else (today - last).days
                priority = None if days is None else days / archetype.frequency_days
                if covered:
                    priority = 0.0
                score = score.model_copy(
                    update={"days_since_last": days, "priority_score": priority}
                )
            adjusted.append(score)
        if self.spacing is not None:
            tiring = {
                name
                for name, archetype in self.rules.archetypes.items()
                if self._only_loads_spacing_region(archetype)
            }
            easier = [s for s in adjusted if s.allowed and s.archetype not in tiring]
            factor = self.rules.regions.spacing_factor
            if easier:
                spaced = []
                waiting = []
                for s in adjusted:
                    if s.allowed and s.archetype in tiring:
                        priority = 0.0 if s.priority_score is None else s.priority_score * factor
                        s = s.model_copy(update={"priority_score": priority})
                        waiting.append(s.archetype.replace("_", " "))
                    spaced.append(s)
                adjusted = spaced
                if waiting:
                    lines.append(
                        self.spacing_line(
                            f"{', '.join(waiting)} priority × {format_number(factor)}"
                        )
                    )
        return adjusted, lines

    def _allowed_as_the_other_inputs_say(
        self, scores: Sequence[ArchetypeScore]
    ) -> list[ArchetypeScore]:
        """When only a region input made the day worse, archetypes are allowed as the work
        state says (the day's families still hold), so a sore knee alone does not turn a
        good day into a recovery day; if none would be, the day's own flags stand."""
        if not self.limits or self.work_state == self.state:
            return list(scores)
        families = next(s.families for s in self.rules.states if s.name == self.state)
        flagged = [
            score.model_copy(
                update={
                    "allowed": self.work_state in self.rules.archetypes[score.archetype].states
                    and self.rules.archetypes[score.archetype].family in families
                }
            )
            for score in scores
        ]
        return flagged if any(score.allowed for score in flagged) else list(scores)

    def _endurance_covers(self) -> str | None:
        if not self.endurance:
            return None
        points = sum(entry.points for entry in self.endurance)
        line = self.rules.regions.endurance_week_points
        if points < line:
            return None
        minutes = sum(entry.minutes for entry in self.endurance)
        days = self.rules.regions.endurance_days
        return (
            f"endurance in the last {days} days: {len(self.endurance)} activities, "
            f"{format_number(round(minutes / 60, 1))} h, load {round(points)} ≥ "
            f"{format_number(line)}: conditioning is covered"
        )

    def anchor_order(self, patterns: Sequence[str]) -> tuple[list[str], str | None]:
        """Patterns with restricted regions' moved last, then, after a high load yesterday, the
        spacing region's; with the reason when the anchor moved."""
        ordered = list(patterns)
        reason = None
        for limit in self.limits:
            moved = _rest_last(ordered, limit.area)
            if moved != ordered:
                self.restrictions.append(
                    Restriction(
                        what=f"{ordered[0]} no longer leads: {moved[0]} does",
                        why=f"{limit.why}: {limit.region}",
                    )
                )
                ordered = moved
                reason = (
                    f"{limit.why}: {', '.join(p for p in patterns if p in limit.area.patterns)} "
                    f"loads the {limit.region}, so {ordered[0]} leads"
                )
        if self.spacing is not None:
            moved = _rest_last(ordered, self._spacing_region())
            if moved != ordered:
                ordered = moved
                reason = self.spacing_line(f"{ordered[0]} leads")
        return ordered, reason

    def spacing_line(self, then: str) -> str:
        assert self.spacing is not None
        what = "; ".join(_describe(entry) for entry in self.spacing.entries)
        region = self.rules.regions.spacing_region
        return (
            f"yesterday: {what}: {region} body took load {round(self.spacing.points)} "
            f"(≥ {format_number(self.rules.regions.spacing_points)}), so it rests: {then}"
        )

    # ------------------------------------------------------------------ exercises

    def pick(self, block: Block, name: str, pattern: str | None) -> tuple[str, str]:
        """The exercise and the state to prescribe it at, for one pick of the planner."""
        candidate = self._named(block, pattern, self.selection_state) or name
        for limit in self.limits:
            if self._loads(candidate, pattern, limit.area) or self._loads(
                name, pattern, limit.area
            ):
                capped = self._named(block, pattern, limit.cap_state) or name
                self._restrict(
                    candidate if capped == candidate else f"{candidate} → {capped}",
                    f"{limit.why}: {limit.region} work capped at {limit.cap_state}",
                )
                return capped, limit.cap_state
        return candidate, self.work_state

    def _restrict(self, what: str, why: str) -> None:
        self.restrictions.append(Restriction(what=what, why=why))
        self.notes.append(f"{why}: {what}")

    def _named(self, block: Block, pattern: str | None, state: str) -> str | None:
        if pattern is not None and block.use in ("anchor", "others", "pattern"):
            return self.rules.selections[pattern][state]
        if isinstance(block.exercise, dict):
            return block.exercise[state]
        if isinstance(block.exercise, str):
            return block.exercise
        return None

    def _loads(self, name: str, pattern: str | None, area: Region) -> bool:
        if pattern is not None and pattern in area.patterns:
            return True
        return self.body is not None and loads_region(self.body, name, area)

    def conditioning_block(self, block: Block) -> Block:
        """The block with interval protocols on a restricted region swapped (HIIT → SS)."""
        protocols = list(block.protocols or [])
        for limit in self.limits:
            swapped = []
            for protocol in protocols:
                new = limit.protocol_swap.get(protocol, protocol)
                if new != protocol:
                    self._restrict(
                        f"{protocol} → {new}",
                        f"{limit.why}: no intervals that load the {limit.region}",
                    )
                if new not in swapped:
                    swapped.append(new)
            protocols = swapped
        return (
            block
            if protocols == block.protocols
            else block.model_copy(update={"protocols": protocols})
        )

    def scale_conditioning(
        self, plan: ConditioningPlan | None, ftp_watts: float | None, rationale: list[str]
    ) -> ConditioningPlan | None:
        """Conditioning intensity scaled by the rules' factor for the work state."""
        if plan is None:
            return None
        factor = self.rules.regions.intensity_map(self.rules).get(self.work_state, 1.0)
        if factor == 1.0:
            return plan
        intensity = round(plan.intensity * factor, 3)
        target = None if not ftp_watts else round(ftp_watts * intensity)
        rationale.append(
            f"{self.work_state}: conditioning at {format_number(round(factor * 100))}% of its "
            f"level's intensity ({format_number(round(intensity * 100, 1))}% of FTP"
            + (f", {target} W)" if target is not None else ")")
        )
        return plan.model_copy(update={"intensity": intensity, "target_watts": target})


def _rest_last(patterns: list[str], region: Region) -> list[str]:
    """`patterns` with the region's moved last, when that changes which one leads."""
    rested = [p for p in patterns if p not in region.patterns]
    tired = [p for p in patterns if p in region.patterns]
    if not rested or not tired or patterns[0] in rested:
        return patterns
    return rested + tired


def _describe(entry: LoadEntry) -> str:
    hours = entry.minutes / 60
    span = f"{format_number(round(hours, 1))} h" if hours >= 1 else f"{round(entry.minutes)} min"
    return f"{entry.name} ({entry.what}, {span}, load {round(entry.points)})"


def body_day(
    rules: Rules,
    history: History,
    readiness: Mapping[str, float],
    state: str,
    today: dt.date,
    ftp_watts: float | None,
) -> BodyDay:
    """What the body says about `today`: restrictions, effective states, load and spacing."""
    inputs = {name: float(readiness[name]) for name in rules.readiness}
    limits: list[RegionLimit] = []
    regions = rules.regions.region_map(rules)
    relieved = dict(inputs)
    for name, tie in rules.regions.input_map(rules).items():
        if inputs[name] == tie.ok_value or not _caused_by(rules, state, inputs, name):
            continue
        relieved[name] = tie.ok_value
        limits.append(
            RegionLimit(
                region=tie.region,
                area=regions.get(tie.region, Region()),
                why=f"{name} {format_number(inputs[name])}",
                cap_state=tie.cap_state or state,
                protocol_swap=tie.protocol_swap,
            )
        )
    work_state = evaluate_state(rules, relieved).name if limits else state
    chosen = dict(relieved)
    for name, ok in rules.regions.volume_map(rules).items():
        if name in chosen:
            chosen[name] = ok
    selection_state = evaluate_state(rules, chosen).name
    # Never milder than the work state for the parts a limit does not cover, and never
    # more severe than the day itself.
    if _severity(rules, work_state) < _severity(rules, state):
        work_state = state
    if _severity(rules, selection_state) < _severity(rules, work_state):
        selection_state = work_state
    day = BodyDay(
        rules=rules,
        state=state,
        work_state=work_state,
        selection_state=selection_state,
        limits=limits,
        body=history.body,
        ftp_watts=ftp_watts,
    )
    body = history.body
    if body is not None:
        day.load = load_summary(body, ftp_watts, rules.load)
        day.recovery = recovery_percent(body, rules, ftp_watts)
        yesterday = today - dt.timedelta(days=1)
        spaced = region_load_on(body, rules, rules.regions.spacing_region, yesterday, ftp_watts)
        if spaced.points >= rules.regions.spacing_points:
            day.spacing = spaced
        since = today - dt.timedelta(days=rules.regions.endurance_days)
        day.endurance = [
            entry
            for entry in load_entries(body, ftp_watts, rules.load)
            if entry.what != "session" and entry.date >= since
        ]
    return day


def for_archetype(day: BodyDay, archetype: Archetype) -> BodyDay:
    """The day with its milder states kept only where the archetype may run in them."""
    allowed = set(archetype.states)
    work = day.work_state if day.work_state in allowed else day.state
    selection = day.selection_state if day.selection_state in allowed else work
    return replace(day, work_state=work, selection_state=selection)
