"""Rules-file sections for the body: the load ledger, muscle recovery and regions (DESIGN §2).

Each section has defaults, so a rules file that omits it behaves as the shipped one does.
The cross-checks against the rest of the file (inputs, patterns, protocols) live in
`check_body_rules`, which `Rules` calls with the other cross-references.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field, ValidationInfo, field_validator, model_validator

from flux_cli.engine.muscles import MUSCLES
from flux_cli.engine.strict import StrictModel as _Strict

if TYPE_CHECKING:
    from flux_cli.engine.rules import Rules

# The muscle vocabulary the catalogues use (flux_cli/data/exercises.yaml).
CATALOGUE_MUSCLES = MUSCLES


class Zone(_Strict):
    """A labelled band of a signal: the first zone whose `above` the value exceeds wins."""

    above: float | None = None
    label: str = Field(min_length=1, max_length=40)


def _tsb_zones() -> list[Zone]:
    # GoldenCheetah's PMC form bands (TSB in TSS points).
    return [
        Zone(above=25, label="transition"),
        Zone(above=5, label="fresh"),
        Zone(above=-10, label="neutral"),
        Zone(above=-30, label="optimal training"),
        Zone(label="high risk"),
    ]


def _acwr_zones() -> list[Zone]:
    # Gabbett 2016, Br J Sports Med 50:273: 0.8-1.3 the "sweet spot", above 1.5 the danger zone.
    return [
        Zone(above=1.5, label="danger"),
        Zone(above=1.3, label="caution"),
        Zone(above=0.8, label="sweet spot"),
        Zone(label="low"),
    ]


def _activity_rpe() -> dict[str, float]:
    return {"Ride": 5, "Virtual Ride": 5, "Run": 6, "Swim": 5, "Hike": 3, "Walk": 2, "Row": 5}


def _zones_end_with_catch_all(zones: list[Zone]) -> list[Zone]:
    if not zones or zones[-1].above is not None:
        raise ValueError("the last zone needs no 'above' (it catches every other value)")
    bounds = [zone.above for zone in zones[:-1] if zone.above is not None]
    if len(bounds) != len(zones) - 1:
        raise ValueError("only the last zone may omit 'above'")
    if bounds != sorted(bounds, reverse=True):
        raise ValueError("zones go from the highest 'above' down")
    return zones


class LoadRules(_Strict):
    """The daily training-load ledger, in points where one hour at FTP is 100 (TSS)."""

    atl_days: float = Field(default=7, gt=0, le=60)
    ctl_days: float = Field(default=42, gt=0, le=365)
    # Days read before today: 4 CTL time constants leave e^-4 ≈ 2% of older load unseen.
    window_days: int = Field(default=168, ge=28, le=730)
    acute_days: int = Field(default=7, ge=1, le=28)
    chronic_days: int = Field(default=28, ge=7, le=90)
    # Foster session RPE × minutes is in arbitrary units (AU); 60 min at RPE 7 ≈ 1 h at FTP.
    au_per_point: float = Field(default=4.2, gt=0, le=100)
    default_session_rpe: float = Field(default=6, ge=1, le=10)
    minutes_per_set: float = Field(default=3, gt=0, le=30)
    max_session_minutes: float = Field(default=240, gt=0, le=24 * 60)
    hr_rest: float = Field(default=60, ge=25, le=120)
    hr_max: float = Field(default=190, ge=120, le=230)
    hr_threshold: float = Field(default=170, ge=80, le=220)
    relative_effort_points: float = Field(default=1.0, gt=0, le=10)
    activity_rpe: dict[str, float] = Field(default_factory=_activity_rpe)
    default_activity_rpe: float = Field(default=4, ge=1, le=10)
    tsb_zones: list[Zone] = Field(default_factory=_tsb_zones)
    acwr_zones: list[Zone] = Field(default_factory=_acwr_zones)
    # Fatigue triggers for a deload: TSB below the line on each of the last N days, ACWR
    # above its line, or RED/ORANGE on `poor_checkins` of the last `checkins` check-ins.
    deload_tsb_below: float = Field(default=-30, ge=-500, le=0)
    deload_tsb_days: int = Field(default=3, ge=1, le=28)
    deload_acwr_above: float = Field(default=1.5, gt=1, le=5)
    deload_checkins: int = Field(default=7, ge=1, le=28)
    deload_poor_checkins: int = Field(default=5, ge=1, le=28)
    deload_poor_states: list[str] = Field(default_factory=lambda: ["RED", "ORANGE"])

    @field_validator("hr_threshold")
    @classmethod
    def _threshold_between_rest_and_max(cls, value: float, info: ValidationInfo) -> float:
        # Declared after hr_rest and hr_max, so both are in `info.data` when valid.
        rest, most = info.data.get("hr_rest"), info.data.get("hr_max")
        if rest is not None and value <= rest:
            raise ValueError(f"must be above hr_rest ({rest:g})")
        if most is not None and value >= most:
            raise ValueError(f"must be below hr_max ({most:g})")
        return value

    @field_validator("tsb_zones", "acwr_zones")
    @classmethod
    def _zones(cls, zones: list[Zone]) -> list[Zone]:
        return _zones_end_with_catch_all(zones)

    @model_validator(mode="after")
    def _consistent(self) -> LoadRules:
        if self.acute_days >= self.chronic_days:
            raise ValueError("acute_days must be below chronic_days")
        if self.chronic_days > self.window_days:
            raise ValueError("chronic_days must fit in window_days")
        for kind, rpe in self.activity_rpe.items():
            if not 1 <= rpe <= 10:
                raise ValueError(f"activity_rpe.{kind} must be from 1 to 10")
        if self.deload_poor_checkins > self.deload_checkins:
            raise ValueError("deload_poor_checkins must not exceed deload_checkins")
        return self


def _recovery_days() -> dict[str, float]:
    big = {"quadriceps", "hamstrings", "glutes", "lower back", "chest", "lats", "middle back"}
    return {muscle: (3 if muscle in big else 2) for muscle in CATALOGUE_MUSCLES}


def _muscle_aliases() -> dict[str, str]:
    return {
        "quads": "quadriceps",
        "hams": "hamstrings",
        "glute": "glutes",
        "abs": "abdominals",
        "core": "abdominals",
        "pecs": "chest",
        "delts": "shoulders",
        "back": "middle back",
        "low back": "lower back",
        "calf": "calves",
    }


class RecoveryRules(_Strict):
    """Per-muscle fatigue from sets and activities, and soreness, decaying to recovered."""

    # Days until a muscle's fatigue has decayed to 5% (exponential, per muscle group).
    recovery_days: dict[str, float] = Field(default_factory=_recovery_days)
    aliases: dict[str, str] = Field(default_factory=_muscle_aliases)
    primary_weight: float = Field(default=1.0, ge=0, le=5)
    secondary_weight: float = Field(default=0.5, ge=0, le=5)
    # Hard sets (at the fresh-day rate) that leave a muscle 0% recovered.
    sets_to_exhaust: float = Field(default=12, gt=0, le=100)
    # An activity's load points that count as one hard set for each muscle of its regions.
    points_per_set: float = Field(default=10, gt=0, le=1000)
    # Soreness s reported d days ago counts s·(1−r)^d now (the Gainsly seed's decay).
    soreness_decay: float = Field(default=0.35, gt=0, lt=1)
    window_days: int = Field(default=10, ge=1, le=60)
    # Regions each activity type loads; unmapped types load `default_activity_regions`.
    activity_regions: dict[str, list[str]] = Field(
        default_factory=lambda: {
            "Ride": ["lower"],
            "Virtual Ride": ["lower"],
            "Run": ["lower"],
            "Hike": ["lower"],
            "Walk": ["lower"],
            "Swim": ["upper"],
            "Row": ["lower", "upper"],
        }
    )
    default_activity_regions: list[str] = Field(default_factory=lambda: ["lower"])

    @model_validator(mode="after")
    def _consistent(self) -> RecoveryRules:
        for alias, muscle in self.aliases.items():
            if muscle not in self.recovery_days:
                raise ValueError(f"aliases.{alias}: '{muscle}' is not a muscle in recovery_days")
        for muscle, days in self.recovery_days.items():
            if not 0 < days <= 30:
                raise ValueError(f"recovery_days.{muscle} must be above 0 and at most 30")
        return self

    def muscle_named(self, name: str) -> str | None:
        """The muscle group a name or alias stands for (case and `_` forgiven), or None."""
        key = " ".join(name.replace("_", " ").split()).lower()
        if key in self.recovery_days:
            return key
        for alias, muscle in self.aliases.items():
            if " ".join(alias.replace("_", " ").split()).lower() == key:
                return muscle
        return None


class Region(_Strict):
    """A body region: the muscles, patterns and protocols that load it, and exercises that
    load it whatever they train (a run's impact on a sore knee)."""

    muscles: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)
    protocols: list[str] = Field(default_factory=list)
    exercises: list[str] = Field(default_factory=list, max_length=50)


class InputRegion(_Strict):
    """A readiness input tied to a region: when it alone makes the day worse, the region is
    restricted: its patterns take the `cap_state` selection and prescription, its protocols
    are replaced by `protocol_swap`; the rest of the session follows the other inputs."""

    region: str
    ok_value: float
    cap_state: str | None = None
    protocol_swap: dict[str, str] = Field(default_factory=dict)


# flux's own exercises whose landings load the knee and the legs whatever they train.
_IMPACT = ("Running", "Jump Rope")


def _regions() -> dict[str, Region]:
    return {
        "knee": Region(
            muscles=["quadriceps"],
            patterns=["SQUAT"],
            protocols=["HIIT", "SIT"],
            exercises=list(_IMPACT),
        ),
        "lower": Region(
            muscles=["quadriceps", "hamstrings", "glutes", "calves", "adductors", "abductors"],
            patterns=["SQUAT", "HINGE"],
            protocols=["HIIT", "SIT", "SS"],
            exercises=list(_IMPACT),
        ),
        "upper": Region(
            muscles=[
                "chest",
                "shoulders",
                "triceps",
                "biceps",
                "lats",
                "middle back",
                "traps",
                "forearms",
            ],
            patterns=["PUSH", "PULL"],
        ),
    }


def _input_regions() -> dict[str, InputRegion]:
    return {
        "knee_pain": InputRegion(
            region="knee", ok_value=0, cap_state="RED", protocol_swap={"HIIT": "SS", "SIT": "SS"}
        )
    }


class RegionRules(_Strict):
    """Body regions, the readiness inputs tied to them, and how fatigue spaces hard work.

    `regions`, `inputs`, `volume_inputs` and `conditioning_intensity` left out take flux's
    defaults, reduced to the inputs, patterns, protocols and states the file declares; given,
    they are checked against the file.
    """

    regions: dict[str, Region] | None = None
    inputs: dict[str, InputRegion] | None = None
    # Inputs that trim volume and intensity but never change the exercise: input → ok value.
    volume_inputs: dict[str, float] | None = None
    # Conditioning intensity multiplier per state (a state not listed: 1).
    conditioning_intensity: dict[str, float] | None = None
    # The region whose fatigue from yesterday spaces heavy lower-body and interval work.
    spacing_region: str = "lower"
    # Load points on that region yesterday that make it "high": a 2-h hard ride or heavy legs.
    spacing_points: float = Field(default=120, gt=0, le=2000)
    # Priority multiplier for archetypes that load the fatigued region (lower = less likely).
    spacing_factor: float = Field(default=0.3, ge=0, le=1)
    # Endurance load points over the last `endurance_days` that already cover conditioning.
    endurance_week_points: float = Field(default=300, gt=0, le=5000)
    endurance_days: int = Field(default=7, ge=1, le=28)

    def region_map(self, rules: Rules) -> dict[str, Region]:
        """The regions in force (defaults reduced to what the file declares)."""
        if self.regions is not None:
            return self.regions
        muscles = set(rules.recovery.recovery_days)
        return {
            name: Region(
                muscles=[m for m in region.muscles if m in muscles],
                patterns=[p for p in region.patterns if p in rules.patterns],
                protocols=[p for p in region.protocols if p in rules.protocols],
                exercises=region.exercises,
            )
            for name, region in _regions().items()
        }

    def input_map(self, rules: Rules) -> dict[str, InputRegion]:
        """The readiness inputs tied to regions (defaults only for declared inputs)."""
        if self.inputs is not None:
            return self.inputs
        states = set(rules.state_names)
        found = {}
        for name, tie in _input_regions().items():
            if name not in rules.readiness:
                continue
            swap = {
                old: new
                for old, new in tie.protocol_swap.items()
                if old in rules.protocols and new in rules.protocols
            }
            cap = tie.cap_state if tie.cap_state in states else None
            found[name] = tie.model_copy(update={"protocol_swap": swap, "cap_state": cap})
        return found

    def volume_map(self, rules: Rules) -> dict[str, float]:
        if self.volume_inputs is not None:
            return self.volume_inputs
        energy = rules.readiness.get("energy")
        return {} if energy is None else {"energy": energy.max}

    def intensity_map(self, rules: Rules) -> dict[str, float]:
        if self.conditioning_intensity is not None:
            return self.conditioning_intensity
        defaults = {"ORANGE": 0.9, "RED": 0.8}
        return {state: factor for state, factor in defaults.items() if state in rules.state_names}


def check_body_rules(rules: Rules) -> list[tuple[tuple[str | int, ...], str]]:
    """Cross-references of the body sections to the rest of the file, each with its key path."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    muscles = set(rules.recovery.recovery_days)
    body = rules.regions
    regions = body.region_map(rules)
    for name, region in (body.regions or {}).items():
        at = ("regions", "regions", name)
        for muscle in region.muscles:
            if muscle not in muscles:
                problems.append(((*at, "muscles"), f"'{muscle}' is not a muscle in recovery"))
        for pattern in region.patterns:
            if pattern not in rules.patterns:
                problems.append(((*at, "patterns"), f"unknown pattern '{pattern}'"))
        for protocol in region.protocols:
            if protocol not in rules.protocols:
                problems.append(((*at, "protocols"), f"unknown protocol '{protocol}'"))
    for name, tie in (body.inputs or {}).items():
        at = ("regions", "inputs", name)
        if name not in rules.readiness:
            problems.append((at, f"'{name}' is not a declared readiness input"))
        else:
            spec = rules.readiness[name]
            if not spec.min <= tie.ok_value <= spec.max:
                problems.append(((*at, "ok_value"), f"must be within {spec.min:g}-{spec.max:g}"))
        if tie.region not in regions:
            problems.append(((*at, "region"), f"unknown region '{tie.region}'"))
        if tie.cap_state is not None and tie.cap_state not in rules.state_names:
            problems.append(((*at, "cap_state"), f"unknown state '{tie.cap_state}'"))
        for old, new in tie.protocol_swap.items():
            for protocol in (old, new):
                if protocol not in rules.protocols:
                    problems.append(((*at, "protocol_swap"), f"unknown protocol '{protocol}'"))
    for name, value in (body.volume_inputs or {}).items():
        spec_or_none = rules.readiness.get(name)
        if spec_or_none is None:
            problems.append((("regions", "volume_inputs", name), "not a declared readiness input"))
        elif not spec_or_none.min <= value <= spec_or_none.max:
            problems.append(
                (
                    ("regions", "volume_inputs", name),
                    f"must be within {spec_or_none.min:g}-{spec_or_none.max:g}",
                )
            )
    for state, factor in (body.conditioning_intensity or {}).items():
        at = ("regions", "conditioning_intensity", state)
        if state not in rules.state_names:
            problems.append((at, f"unknown state '{state}'"))
        elif not 0 < factor <= 1.5:
            problems.append((at, "must be above 0 and at most 1.5"))
    if body.spacing_region not in regions:
        problems.append((("regions", "spacing_region"), f"unknown region '{body.spacing_region}'"))
    for kind, kind_regions in rules.recovery.activity_regions.items():
        for region_name in kind_regions:
            if region_name not in regions:
                problems.append(
                    (("recovery", "activity_regions", kind), f"unknown region '{region_name}'")
                )
    for region_name in rules.recovery.default_activity_regions:
        if region_name not in regions:
            problems.append(
                (("recovery", "default_activity_regions"), f"unknown region '{region_name}'")
            )
    return problems
