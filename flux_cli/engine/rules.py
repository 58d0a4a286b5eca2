"""The rules file ("the brain") as typed models, validated at load (DESIGN §2).

The models only accept data; reading YAML and reporting line numbers is
`flux_cli.rules_file`'s job, so the engine never touches the file system.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import (
    Field,
    PrivateAttr,
    field_validator,
    model_validator,
)

from flux_cli.engine.body_rules import LoadRules, RecoveryRules, RegionRules, check_body_rules
from flux_cli.engine.coaching_rules import DeloadRules, LayoffRules, RotationRules, StrengthRules
from flux_cli.engine.composition_rules import CompositionRules
from flux_cli.engine.conditions import Condition, ConditionError, compile_condition
from flux_cli.engine.strict import StrictModel as _Strict

Family = Literal["performance", "recovery"]
SUPPORTED_VERSIONS = (1,)


class ReadinessInput(_Strict):
    """A number the athlete reports at check-in, with its inclusive range."""

    min: float = 0
    max: float = 10
    integer: bool = True
    label: str = ""

    @model_validator(mode="after")
    def _range_is_ordered(self) -> ReadinessInput:
        if self.min >= self.max:
            raise ValueError(f"min ({self.min}) must be below max ({self.max})")
        return self


def _all_families() -> list[Family]:
    return ["performance", "recovery"]


class StateRule(_Strict):
    """A readiness state; the first whose `when` holds is today's state."""

    name: str
    when: str
    colour: str = "default"
    families: list[Family] = Field(default_factory=_all_families)
    _condition: Condition | None = PrivateAttr(default=None)

    @property
    def condition(self) -> Condition:
        assert self._condition is not None, "conditions are compiled when Rules validates"
        return self._condition


class Prescription(_Strict):
    """Sets × reps (or seconds) at a fraction of e1RM, with an RPE target as fallback."""

    sets: int = Field(ge=1, le=20)
    reps: int | None = Field(default=None, ge=1, le=100)
    seconds: int | None = Field(default=None, ge=1, le=3600)
    percent_e1rm: float | None = Field(default=None, gt=0, le=1.2)
    rpe: float | None = Field(default=None, ge=1, le=10)
    rest_s: int = Field(default=120, ge=0, le=900)

    @model_validator(mode="after")
    def _reps_or_seconds(self) -> Prescription:
        if (self.reps is None) == (self.seconds is None):
            raise ValueError("give exactly one of reps or seconds")
        return self


class Block(_Strict):
    """One block of an archetype's session layout.

    `use`: `anchor` (the anchor pattern's selection), `others` (the archetype's other
    patterns, highest debt first), `pattern` (a named pattern), `exercise` (a fixed
    exercise, or one per state) or `conditioning` (the protocol whose turn it is).
    """

    block: str
    use: Literal["anchor", "others", "pattern", "exercise", "conditioning"]
    prescription: str | None = None
    pattern: str | None = None
    exercise: str | dict[str, str] | None = None
    protocols: list[str] | None = None

    @model_validator(mode="after")
    def _fields_fit_use(self) -> Block:
        needs = {
            "pattern": "pattern",
            "exercise": "exercise",
            "conditioning": "protocols",
        }.get(self.use)
        if needs and getattr(self, needs) is None:
            raise ValueError(f"a block with use: {self.use} needs '{needs}'")
        if self.use != "conditioning" and self.prescription is None:
            raise ValueError(f"a block with use: {self.use} needs 'prescription'")
        return self


class Archetype(_Strict):
    """A kind of session with an ideal frequency, the states it may run in and its layout."""

    family: Family
    frequency_days: float = Field(gt=0)
    states: list[str] = Field(min_length=1)
    patterns: list[str] = Field(default_factory=list)
    session_name: str
    blocks: list[Block] = Field(min_length=1)

    @property
    def conditioning_block(self) -> Block | None:
        return next((b for b in self.blocks if b.use == "conditioning"), None)


class ProtocolLevel(_Strict):
    """One level: rounds of work/rest at a fraction of the benchmark; steady state is one round."""

    rounds: int = Field(default=1, ge=1, le=100)
    work_s: int = Field(ge=1, le=4 * 3600)
    rest_s: int = Field(default=0, ge=0, le=3600)
    intensity: float = Field(gt=0, le=3)


class Protocol(_Strict):
    """A conditioning protocol (HIIT, SIT, SS) with numbered levels, level 1 first."""

    kind: Literal["intervals", "steady"]
    exercise: str
    # What carries the protocol out, in order, on a day `exercise` is not equipped (a
    # composed plan knows the day's equipment): by effort, as the watts target is the bike's.
    alternatives: list[str] = Field(default_factory=list, max_length=10)
    benchmark: Literal["ftp_watts"] = "ftp_watts"
    description: str = ""
    levels: list[ProtocolLevel] = Field(min_length=1)

    @model_validator(mode="after")
    def _steady_is_one_round(self) -> Protocol:
        if self.kind == "steady" and any(level.rounds != 1 for level in self.levels):
            raise ValueError("steady-state levels are one round whose work_s is the duration")
        return self


class ProgressionRules(_Strict):
    """How conditioning levels move: up on success, hold on partial, down on repeated failure."""

    tolerance: float = Field(default=0.03, ge=0, le=0.5)
    fail_below_fraction: float = Field(default=0.5, gt=0, le=1)
    down_after_failures: int = Field(default=2, ge=1, le=10)
    start_level: int = Field(default=1, ge=1)
    # A level whose next step raises two demands at once (rounds, work, rest, intensity)
    # needs two successes in a row before it moves up.
    hold_on_two_axes: bool = True


class E1RMRules(_Strict):
    """Which logged sets feed the e1RM that loads are prescribed from, and how it moves.

    `rpe_floor`: a set logged at a lower RPE says nothing about the max (easy work misleads).
    `smoothing_up`/`smoothing_down`: the share of the gap to a session's estimate taken
    when it is above/below the running one (a new best counts fast, a bad day slowly).
    `detrain_*`: after `detrain_after_days` without the lift, lose `detrain_per_week`
    of it per week more, never below `detrain_floor` of it.
    """

    window_days: int = Field(default=90, ge=1, le=3650)
    max_reps: int = Field(default=12, ge=1, le=30)
    rpe_floor: float = Field(default=6.5, ge=6.5, le=10)
    smoothing_up: float = Field(default=0.7, gt=0, le=1)
    smoothing_down: float = Field(default=0.3, gt=0, le=1)
    detrain_after_days: int = Field(default=14, ge=1, le=365)
    detrain_per_week: float = Field(default=0.015, ge=0, le=0.2)
    detrain_floor: float = Field(default=0.85, gt=0, le=1)


class Rules(_Strict):
    """A whole, cross-checked rules file. Dict order is rules-file order (ties break on it)."""

    version: int = 1
    readiness: dict[str, ReadinessInput] = Field(min_length=1)
    states: list[StateRule] = Field(min_length=1)
    patterns: list[str] = Field(min_length=1)
    selections: dict[str, dict[str, str]]
    prescriptions: dict[str, dict[str, Prescription]]
    archetypes: dict[str, Archetype] = Field(min_length=1)
    protocols: dict[str, Protocol] = Field(default_factory=dict)
    progression: ProgressionRules = Field(default_factory=ProgressionRules)
    e1rm: E1RMRules = Field(default_factory=E1RMRules)
    composition: CompositionRules = Field(default_factory=CompositionRules)
    strength: StrengthRules = Field(default_factory=StrengthRules)
    deload: DeloadRules = Field(default_factory=DeloadRules)
    layoff: LayoffRules = Field(default_factory=LayoffRules)
    rotation: RotationRules = Field(default_factory=RotationRules)
    # The body: load ledger, muscle recovery, regions (engine/body_rules.py).
    load: LoadRules = Field(default_factory=LoadRules)
    recovery: RecoveryRules = Field(default_factory=RecoveryRules)
    regions: RegionRules = Field(default_factory=RegionRules)

    @property
    def state_names(self) -> list[str]:
        return [state.name for state in self.states]

    def exercise_names(self) -> set[str]:
        """Every exercise the rules can prescribe."""
        names = {name for per_state in self.selections.values() for name in per_state.values()}
        for protocol in self.protocols.values():
            names |= {protocol.exercise, *protocol.alternatives}
        for region in (self.regions.regions or {}).values():
            names |= set(region.exercises)
        for archetype in self.archetypes.values():
            for block in archetype.blocks:
                if isinstance(block.exercise, str):
                    names.add(block.exercise)
                elif isinstance(block.exercise, dict):
                    names |= set(block.exercise.values())
        return names

    @field_validator("version")
    @classmethod
    def _known_version(cls, version: int) -> int:
        if version not in SUPPORTED_VERSIONS:
            raise ValueError(
                f"version {version} is not supported: this flux reads version "
                f"{', '.join(map(str, SUPPORTED_VERSIONS))}"
            )
        return version

    @model_validator(mode="after")
    def _cross_check(self) -> Rules:
        problems: list[tuple[tuple[str | int, ...], str]] = []
        states = self.state_names
        declared = list(self.readiness)

        if len(set(states)) != len(states):
            problems.append((("states",), "state names must be unique"))
        for index, state_rule in enumerate(self.states):
            try:
                state_rule._condition = compile_condition(state_rule.when, declared)
            except ConditionError as error:
                problems.append((("states", index, "when"), str(error)))

        for pattern, per_state in self.selections.items():
            if pattern not in self.patterns:
                problems.append((("selections", pattern), f"'{pattern}' is not a declared pattern"))
            for state in states:
                if state not in per_state:
                    problems.append((("selections", pattern), f"no selection for state {state}"))
        for pattern in self.patterns:
            if pattern not in self.selections:
                problems.append((("selections",), f"pattern {pattern} has no selections"))

        # Checked when the file names them: the default names states a file may not have.
        poor = (
            self.load.deload_poor_states
            if "deload_poor_states" in self.load.model_fields_set
            else []
        )
        for index, state in enumerate(poor):
            if state not in states:
                problems.append((("load", "deload_poor_states", index), f"unknown state '{state}'"))

        for key, per_state_prescription in self.prescriptions.items():
            for state in states:
                if state not in per_state_prescription:
                    problems.append((("prescriptions", key), f"no prescription for state {state}"))
            for state in per_state_prescription:
                if state not in states:
                    problems.append((("prescriptions", key, state), f"unknown state '{state}'"))

        for name, archetype in self.archetypes.items():
            where: tuple[str | int, ...] = ("archetypes", name)
            for state in archetype.states:
                if state not in states:
                    problems.append(((*where, "states"), f"unknown state '{state}'"))
            for pattern in archetype.patterns:
                if pattern not in self.patterns:
                    problems.append(((*where, "patterns"), f"unknown pattern '{pattern}'"))
            for index, block in enumerate(archetype.blocks):
                at = (*where, "blocks", index)
                if block.prescription is not None and block.prescription not in self.prescriptions:
                    problems.append(
                        ((*at, "prescription"), f"unknown prescription '{block.prescription}'")
                    )
                if block.pattern is not None and block.pattern not in self.patterns:
                    problems.append(((*at, "pattern"), f"unknown pattern '{block.pattern}'"))
                if block.use in ("anchor", "others") and not archetype.patterns:
                    problems.append((at, f"use: {block.use} needs the archetype to train patterns"))
                if isinstance(block.exercise, dict):
                    for state in states:
                        if state not in block.exercise:
                            problems.append(((*at, "exercise"), f"no exercise for state {state}"))
                for protocol in block.protocols or []:
                    if protocol not in self.protocols:
                        problems.append(((*at, "protocols"), f"unknown protocol '{protocol}'"))

        for key in self.strength.styles:
            if key not in self.prescriptions:
                problems.append((("strength", "styles", key), f"unknown prescription '{key}'"))
        for protocol in self.layoff.not_first_back:
            if protocol not in self.protocols:
                problems.append((("layoff", "not_first_back"), f"unknown protocol '{protocol}'"))

        for state_rule in self.states:
            if not any(
                state_rule.name in a.states and a.family in state_rule.families
                for a in self.archetypes.values()
            ):
                problems.append(
                    (
                        ("archetypes",),
                        f"no archetype of families {state_rule.families} "
                        f"is allowed in state {state_rule.name}",
                    )
                )

        problems += self.composition.problems(
            {name: a.patterns for name, a in self.archetypes.items()},
            set(self.prescriptions),
            self.patterns,
            set(self.regions.region_map(self)),
        )
        problems += check_body_rules(self)
        if problems:
            raise RulesProblems(problems)
        return self


def condition_problems(data: Mapping[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    """Check each state's `when` in raw rules data, even where other fields fail validation.

    Pydantic runs `Rules._cross_check` only once every field is valid, so without this a
    bad condition would surface only after the range errors around it were fixed.
    """
    readiness = data.get("readiness")
    states = data.get("states")
    if not isinstance(readiness, Mapping) or not isinstance(states, list):
        return []
    declared = [str(name) for name in readiness]
    problems: list[tuple[tuple[str | int, ...], str]] = []
    for index, state in enumerate(states):
        when = state.get("when") if isinstance(state, Mapping) else None
        if not isinstance(when, str):
            continue
        try:
            compile_condition(when, declared)
        except ConditionError as error:
            problems.append((("states", index, "when"), str(error)))
    return problems


class RulesProblems(Exception):
    """Cross-reference problems, each with the key path it belongs to.

    Not a ValueError on purpose: pydantic lets it through unwrapped, paths intact.
    """

    def __init__(self, problems: list[tuple[tuple[str | int, ...], str]]) -> None:
        super().__init__(
            "; ".join(f"{'.'.join(map(str, path))}: {what}" for path, what in problems)
        )
        self.problems = problems
