"""The rules file's `composition` section: session slots per archetype, weights, caps, targets.

Models only (DESIGN §2); the CP-SAT model that reads them is `flux_cli.engine.compose`.
An archetype without slots is planned from its blocks alone, as before composition existed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from flux_cli.engine.muscles import Muscle
from flux_cli.engine.strict import StrictModel

# Alloy's session structure, in session order.
SlotKind = Literal[
    "warm_up",
    "main",
    "secondary",
    "accessory",
    "core",
    "carry",
    "conditioning",
    "finisher",
    "cool_down",
]
SLOT_ORDER: tuple[str, ...] = (
    "warm_up",
    "main",
    "secondary",
    "accessory",
    "core",
    "carry",
    "conditioning",
    "finisher",
    "cool_down",
)
# Alloy's progressive relaxation ladder, the default order (each step keeps the earlier ones).
Relaxation = Literal[
    "widen_patterns",
    "accept_synergists",
    "lower_preference",
    "accept_isolation",
    "accept_generic",
    "emergency_minimum",
]
RELAXATION_ORDER: tuple[Relaxation, ...] = (
    "widen_patterns",
    "accept_synergists",
    "lower_preference",
    "accept_isolation",
    "accept_generic",
    "emergency_minimum",
)
Mechanic = Literal["compound", "isolation"]
# Most sets a slot's range may allow for one exercise (a prescription allows 20).
MAX_SETS = 10
TrackingKind = Literal["reps", "time", "distance"]


class _Strict(StrictModel):
    """The composition section takes numbers and booleans as strictly as every other section."""


class Qualifier(_Strict):
    """What an exercise needs to fill a slot; an empty list accepts anything on that axis.

    `patterns`: the exercise's movement pattern is one of these; `pattern_free`: it trains
    none of the rules' patterns (so accessories leave pattern debt alone); `other_pattern`:
    it trains a pattern, one the archetype does not (a row on a squat day: work for the back
    that leaves the archetype's own rotation alone); `muscles`: one of its primary muscles
    is listed; `categories`: its catalogue category (strength, cardio, stretching, …);
    `names`: exactly these exercises (a fixed slot, still time-costed).
    """

    patterns: list[str] = Field(default_factory=list)
    pattern_free: bool = False
    other_pattern: bool = False
    muscles: list[str] = Field(default_factory=list)
    mechanic: Mechanic | None = None
    tracking: list[TrackingKind] = Field(default_factory=list)
    categories: list[str] = Field(default_factory=lambda: ["strength"])
    names: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_pattern_rule(self) -> Qualifier:
        if self.pattern_free and self.other_pattern:
            raise ValueError("'pattern_free' and 'other_pattern' exclude each other")
        return self


class SlotRule(_Strict):
    """One place in an archetype's session: what qualifies, how many, which prescription.

    `use: planned` is filled by the planner's own blocks (the anchor's selection in `main`,
    the protocol in `conditioning`): composition counts its time and muscles, never
    changes it. `use: compose` is chosen by the CP-SAT model from the catalogue.
    """

    slot: SlotKind
    use: Literal["planned", "compose"] = "compose"
    min: int = Field(default=1, ge=0, le=10)
    max: int = Field(default=1, ge=0, le=10)
    prescription: str | None = None
    # `[fewest, most]` sets per pick, chosen by the solver: the state's prescribed sets (held
    # inside the range) unless the time budget asks for fewer or a weekly floor for more.
    # Left out: the prescription's sets, fixed.
    sets: list[int] | None = Field(default=None, min_length=2, max_length=2)
    qualifies: Qualifier = Field(default_factory=Qualifier)

    @model_validator(mode="after")
    def _counts_and_prescription(self) -> SlotRule:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) must not exceed max ({self.max})")
        if self.use == "compose" and self.prescription is None:
            raise ValueError("a slot with use: compose needs 'prescription'")
        if self.sets is not None and self.use != "compose":
            raise ValueError("'sets' is for a slot with use: compose")
        return self

    @field_validator("sets")
    @classmethod
    def _set_range(cls, sets: list[int] | None) -> list[int] | None:
        if sets is not None and not 1 <= sets[0] <= sets[1] <= MAX_SETS:
            raise ValueError(
                f"sets [{sets[0]}, {sets[1]}] must be [fewest, most] with "
                f"1 ≤ fewest ≤ most ≤ {MAX_SETS}"
            )
        return sets


class Weights(_Strict):
    """Objective weights (integers, points per term); the score of a pick is their sum."""

    pattern_alignment: int = Field(default=30, ge=0, le=1000)
    muscle_alignment: int = Field(default=20, ge=0, le=1000)
    volume_deficit: int = Field(default=10, ge=0, le=1000)  # per weighted set below the floor
    preference: int = Field(default=40, ge=0, le=1000)
    compound_bonus: int = Field(default=10, ge=0, le=1000)
    goal_alignment: int = Field(default=10, ge=0, le=1000)
    time_use: int = Field(default=2, ge=0, le=1000)  # per minute of the budget used
    # Penalty: done in one of the last `recency_sessions` sessions of the same archetype.
    recency: int = Field(default=25, ge=0, le=1000)
    # Points flux's own and the athlete's exercises have over a seeded public catalogue's.
    familiar: int = Field(default=0, ge=0, le=1000)
    # Penalty per composed isolation exercise beyond the first for one primary muscle in a
    # session (two curls on one day): the muscle's volume comes from one move, the rest of
    # the session from other muscles.
    repeat_isolation: int = Field(default=0, ge=0, le=1000)
    # A warm-up for the day's work: points per muscle of the planner's own work (its primary
    # and secondary muscles, the primary ones twice) that the warm-up moves, as many for a
    # machine the athlete has (a bike or rower over a walk), and half of them off for one
    # done in the last sessions of the kind (varied when several fit). 0: a warm-up earns
    # `muscle_alignment` for a primary muscle of the planner's work, as a cool-down does.
    warm_up_fit: int = Field(default=0, ge=0, le=1000)
    # Penalty for composed resistance work that loads a `spared_muscles` muscle the
    # planner's own work already loads (a barbell row after squats: the lower back).
    spared: int = Field(default=0, ge=0, le=1000)


class WeeklyTarget(_Strict):
    """Weighted sets per muscle over the last 7 days plus today: aim above floor, never over cap."""

    floor: float = Field(ge=0, le=100)
    cap: float = Field(ge=0, le=200)

    @model_validator(mode="after")
    def _ordered(self) -> WeeklyTarget:
        if self.floor > self.cap:
            raise ValueError(f"floor ({self.floor}) must not exceed cap ({self.cap})")
        return self


class TimeCost(_Strict):
    """Seconds an exercise costs: setup once, then per set reps × tempo (doubled for one side
    at a time) or the set's seconds, and its rest (`supersets`: one rest per round)."""

    # A controlled repetition of about 3 s (2 s lowering, 1 s lifting) is the ACSM
    # position stand's "moderate velocity" for novice-to-intermediate training (ACSM 2009).
    tempo_s_per_rep: float = Field(default=3.0, gt=0, le=20)
    setup_s: int = Field(default=60, ge=0, le=900)
    setup_s_loaded_bar: int = Field(default=120, ge=0, le=900)


_SUPERSET_SLOTS: tuple[SlotKind, ...] = ("accessory",)
_KEEP_FIRST: tuple[SlotKind, ...] = ("warm_up",)


class Supersets(_Strict):
    """Picks of these slots that share no primary muscle may be done as a superset: both
    exercises' work, then one rest per round (the shorter rest is saved each shared round).

    `use`: `when_short` pairs only when the time saved buys something (a pick kept, sets
    kept) under a tight budget; `always` pairs whenever two picks qualify; `never`."""

    use: Literal["never", "when_short", "always"] = "when_short"
    slots: list[SlotKind] = Field(default_factory=lambda: list(_SUPERSET_SLOTS))


class CompositionRules(_Strict):
    """Slots per archetype and the knobs of the CP-SAT model that fills them."""

    slots: dict[str, list[SlotRule]] = Field(default_factory=dict)
    # Compose every plan; when false, only days given a budget or equipment (`--minutes`,
    # `--equipment`, or the profile's `session_minutes` / `equipment`) are composed.
    enabled: bool = True
    session_minutes: int = Field(default=60, ge=5, le=300)
    time_tolerance: float = Field(default=0.1, ge=0, le=0.5)
    session_cap_sets: dict[str, float] = Field(default_factory=dict)  # muscle → weighted sets
    default_session_cap_sets: float = Field(default=10, ge=0, le=100)
    weekly_targets: dict[str, WeeklyTarget] = Field(default_factory=dict)
    # Days ahead a weekly floor is planned for: a muscle is short today when the week ending
    # today or on any of the next `floor_lookahead_days` days would fall below its floor
    # with the sets done so far (older sets leave the week; the days between may not train
    # it). 0: the week ending today alone.
    floor_lookahead_days: int = Field(default=0, ge=0, le=6)
    # Muscles whose resistance work also loads a body region in composed slots, beside the
    # region's own muscles and patterns (the regions section): region → muscles.
    region_muscles: dict[str, list[str]] = Field(default_factory=dict)
    pattern_uses_per_week: int = Field(default=4, ge=1, le=50)
    # How many of an archetype's latest sessions the recency penalty remembers.
    recency_sessions: int = Field(default=1, ge=1, le=10)
    # Muscles the rest of a session spares when its planned work loads them (primary or
    # secondary): composed resistance work loading one of them costs `weights.spared`.
    spared_muscles: list[Muscle] = Field(default_factory=list)
    # The prescription an exercise standing in for a planned lift takes when nothing of its
    # pattern the day allows takes a load (bodyweight alone): None keeps the planned lift's.
    bodyweight_prescription: str | None = None
    weights: Weights = Field(default_factory=Weights)
    time: TimeCost = Field(default_factory=TimeCost)
    supersets: Supersets = Field(default_factory=Supersets)
    relaxation: list[Relaxation] = Field(default_factory=lambda: list(RELAXATION_ORDER))
    # When slots may stay empty (the emergency minimum), these are kept first, in order: a
    # pick of each outweighs any pick of the slots after it.
    keep_first: list[SlotKind] = Field(default_factory=lambda: list(_KEEP_FIRST), max_length=9)
    solve_seconds: float = Field(default=2.0, gt=0, le=30)
    seed: int = Field(default=7, ge=0, le=2**31 - 1)

    @field_validator("keep_first")
    @classmethod
    def _once_each(cls, slots: list[SlotKind]) -> list[SlotKind]:
        repeated = sorted({slot for slot in slots if slots.count(slot) > 1})
        if repeated:
            raise ValueError(f"a slot is listed once: {', '.join(repeated)} repeated")
        return slots

    def problems(
        self,
        archetypes: dict[str, list[str]],
        prescriptions: set[str],
        patterns: list[str],
        regions: set[str] | None = None,
    ) -> list[tuple[tuple[str | int, ...], str]]:
        """Cross-references: archetype names, prescriptions and patterns the slots name, and
        the regions `region_muscles` names."""
        found: list[tuple[tuple[str | int, ...], str]] = []
        bodyweight = self.bodyweight_prescription
        if bodyweight is not None and bodyweight not in prescriptions:
            found.append(
                (
                    ("composition", "bodyweight_prescription"),
                    f"unknown prescription '{bodyweight}'",
                )
            )
        for region in self.region_muscles:
            if regions is not None and region not in regions:
                known = ", ".join(sorted(regions)) or "none"
                found.append(
                    (
                        ("composition", "region_muscles", region),
                        f"unknown region '{region}' (regions: {known})",
                    )
                )
        for archetype, slot_rules in self.slots.items():
            where: tuple[str | int, ...] = ("composition", "slots", archetype)
            if archetype not in archetypes:
                found.append((where, f"unknown archetype '{archetype}'"))
            for index, rule in enumerate(slot_rules):
                at = (*where, index)
                if rule.prescription is not None and rule.prescription not in prescriptions:
                    found.append(
                        ((*at, "prescription"), f"unknown prescription '{rule.prescription}'")
                    )
                own = archetypes.get(archetype, [])
                for pattern in rule.qualifies.patterns:
                    if pattern not in patterns:
                        found.append(
                            ((*at, "qualifies", "patterns"), f"unknown pattern '{pattern}'")
                        )
                    elif rule.qualifies.other_pattern and pattern in own:
                        found.append(
                            (
                                (*at, "qualifies", "patterns"),
                                f"pattern '{pattern}' is one {archetype} trains: "
                                "other_pattern takes only the others",
                            )
                        )
        return found
