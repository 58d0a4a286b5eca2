"""Rules-file sections for the coaching work: strength progression, deloads, layoffs, rotation.

Each is a model with defaults, so a rules file without the section keeps working; the
shipped `config/program_config.yaml` states every knob.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from flux_cli.engine.strict import StrictModel as _Strict

Style = Literal["rpe_target", "linear", "double", "wave"]
Family = Literal["performance", "recovery"]


class WaveStep(_Strict):
    """One exposure of a wave: reps per set at a target RPE."""

    reps: int = Field(ge=1, le=30)
    rpe: float = Field(ge=5, le=10)


class StyleRule(_Strict):
    """How one prescription's load and reps move between sessions.

    `rpe_target`: load = e1RM × chart%(reps @ target RPE). `linear`: `increment_kg` after a
    fully completed session. `double`: reps climb through `rep_range` at one load, then
    the load rises and reps reset. `wave`: each exposure takes the next `wave` step.
    `increment_kg` None means the smallest loadable step of the athlete's plates.
    """

    style: Style = "rpe_target"
    increment_kg: float | None = Field(default=None, gt=0, le=50)
    rep_range: tuple[int, int] | None = None
    wave: list[WaveStep] | None = None

    @model_validator(mode="after")
    def _fits_style(self) -> StyleRule:
        if self.rep_range is not None:
            low, high = self.rep_range
            if low < 1 or high > 30:
                raise ValueError(f"rep_range must lie within 1–30, got [{low}, {high}]")
            if low > high:
                raise ValueError(f"rep_range min ({low}) must not exceed max ({high})")
        if self.style == "double" and self.rep_range is None:
            raise ValueError("style double needs rep_range: [min, max]")
        if self.style == "wave" and not self.wave:
            raise ValueError("style wave needs wave: a list of {reps, rpe} steps")
        return self


class NextSetRule(_Strict):
    """In-session autoregulation: move the next set's load by the RPE miss of the last one.

    Per RPE point above target the load drops `down_per_rpe`; per point below it rises
    `up_per_rpe`; within `tolerance_rpe` it holds.
    """

    down_per_rpe: float = Field(default=0.04, ge=0, le=0.25)
    up_per_rpe: float = Field(default=0.02, ge=0, le=0.25)
    tolerance_rpe: float = Field(default=0.5, ge=0, le=2)


class StrengthRules(_Strict):
    """Progression styles per prescription (by its key in `prescriptions`) and failure back-off.

    A prescription not named in `styles` keeps a fixed %e1RM (or its RPE target).
    After `failures_to_back_off` failed exposures in a row the load drops `back_off`.
    `max_step_up`: the most a load may rise from one exposure to the next.
    """

    styles: dict[str, StyleRule] = Field(default_factory=dict)
    failures_to_back_off: int = Field(default=2, ge=1, le=10)
    back_off: float = Field(default=0.1, gt=0, lt=1)
    max_step_up: float = Field(default=0.1, gt=0, le=1)
    next_set: NextSetRule = Field(default_factory=NextSetRule)


class DeloadRules(_Strict):
    """When a deload starts and what it changes.

    Time: after `every_weeks` weeks of training without one, with at least
    `min_sessions_per_week` sessions a week on average (light weeks need no deload).
    Performance: the session
    e1RM of at least `min_lifts` lead lifts down `e1rm_drop` or more from their best of the
    last `exposures` exposures, or `failed_exposures` failed exposures in a row of a lead
    lift. RPE creep: a lead lift's last `creep_exposures` exposures at the same top load
    and reps (within 3% of the load) logged at an RPE that rose `rpe_creep` points or more
    from the first to the last, the last the highest, for `creep_lifts` lead lifts.
    A deload lasts `lasts_days` days, or `lasts_sessions` sessions (then at most a week per
    session); it keeps `sets_factor` of the sets (at least one), lowers target RPE by
    `rpe_drop` (and the load with it) and conditioning by `conditioning_levels_down` levels.
    """

    every_weeks: int = Field(default=6, ge=1, le=52)
    min_sessions_per_week: float = Field(default=2, ge=0, le=14)
    lasts_days: int = Field(default=7, ge=1, le=28)
    sets_factor: float = Field(default=0.5, gt=0, le=1)
    rpe_drop: float = Field(default=2, ge=0, le=5)
    conditioning_levels_down: int = Field(default=1, ge=0, le=10)
    e1rm_drop: float = Field(default=0.05, gt=0, lt=1)
    exposures: int = Field(default=3, ge=2, le=10)
    min_lifts: int = Field(default=2, ge=1, le=10)
    failed_exposures: int = Field(default=3, ge=1, le=10)
    lasts_sessions: int | None = Field(default=None, ge=1, le=20)
    rpe_creep: float = Field(default=1.0, gt=0, le=5)
    creep_exposures: int = Field(default=3, ge=2, le=10)
    creep_lifts: int = Field(default=1, ge=1, le=10)

    @model_validator(mode="after")
    def _one_length(self) -> DeloadRules:
        if "lasts_days" in self.model_fields_set and self.lasts_sessions is not None:
            raise ValueError(
                "give lasts_days or lasts_sessions, not both (a deload lasts days or sessions)"
            )
        return self

    @property
    def longest_days(self) -> int:
        """The most days a deload can run: `lasts_days`, or a week per session."""
        return self.lasts_days if self.lasts_sessions is None else 7 * self.lasts_sessions


class LayoffRules(_Strict):
    """Coming back after more than `gap_days` without training.

    The first exposure of each lift after the gap keeps `sets_factor` of its sets (its
    e1RM is already detrained); conditioning steps down `levels_per_week_off` levels
    per week off; the protocols in `not_first_back` are not the first session back.
    """

    gap_days: int = Field(default=14, ge=1, le=365)
    sets_factor: float = Field(default=0.6, gt=0, le=1)
    levels_per_week_off: float = Field(default=0.5, ge=0, le=5)
    not_first_back: list[str] = Field(default_factory=list)


def _performance_only() -> list[Family]:
    return ["performance"]


class RotationRules(_Strict):
    """What counts as training a pattern, and how pattern debt is weighed.

    A set counts when the session's family is in `families` (imported and ad-hoc sessions
    always count) and it was not logged at RPE `ignore_rpe_at_or_below` or lower. Debt is
    days since the pattern was last trained plus `days_per_missing_set` for each hard set
    (counted sets in the last 7 days) short of `weekly_hard_sets`. A pattern trained before
    but not for `pattern_due_days` makes an archetype that trains it go first, except over
    a session that trains no pattern (conditioning) not done for `patternless_due_days`:
    due patterns never starve it. After `rest_after_days` training days in a row, the
    answer is rest.
    """

    families: list[Family] = Field(default_factory=_performance_only)
    ignore_rpe_at_or_below: float = Field(default=5, ge=0, le=10)
    weekly_hard_sets: int = Field(default=10, ge=0, le=100)
    days_per_missing_set: float = Field(default=0.3, ge=0, le=10)
    pattern_due_days: int = Field(default=9, ge=1, le=60)
    patternless_due_days: int = Field(default=7, ge=1, le=60)
    rest_after_days: int = Field(default=6, ge=1, le=30)
