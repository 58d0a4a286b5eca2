"""Candidates for composition: exercises as data, flux's equipment vocabulary, time per set.

Pure: services read the catalogue from the database and hand each exercise's catalogue
fields to `candidate`; nothing here imports OR-Tools.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# flux's own equipment vocabulary (what `flux profile set equipment=…` accepts), in the
# order it is listed to the athlete.
EQUIPMENT: tuple[str, ...] = (
    "barbell",
    "rack",
    "bench",
    "dumbbells",
    "cable",
    "machine",
    "pullup_bar",
    "bands",
    "kettlebells",
    "bike",
    "rower",
    "pool",
    "medicine_ball",
    "exercise_ball",
    "foam_roll",
    "specialty",
)
PRESETS: dict[str, frozenset[str]] = {
    # A gym has everything but a pool: swimming is no warm-up before lifting unless the
    # athlete's gym has one (`@gym,pool`).
    "@gym": frozenset(EQUIPMENT) - {"pool"},
    "@home": frozenset({"dumbbells", "bench", "bands", "kettlebells", "pullup_bar"}),
    "@dumbbells": frozenset({"dumbbells"}),
    "@bodyweight": frozenset(),
}
# The catalogue's equipment words (free-exercise-db's vocabulary) in flux's words.
_FROM_CATALOGUE: dict[str, frozenset[str]] = {
    "barbell": frozenset({"barbell"}),
    "e-z curl bar": frozenset({"barbell"}),
    "dumbbell": frozenset({"dumbbells"}),
    "cable": frozenset({"cable"}),
    "machine": frozenset({"machine"}),
    "kettlebells": frozenset({"kettlebells"}),
    "bands": frozenset({"bands"}),
    "medicine ball": frozenset({"medicine_ball"}),
    "exercise ball": frozenset({"exercise_ball"}),
    "foam roll": frozenset({"foam_roll"}),
    "other": frozenset({"specialty"}),
    "body only": frozenset(),
}
# Catalogue categories whose sets are not resistance work (no weighted sets toward volume).
NOT_RESISTANCE = frozenset({"cardio", "stretching"})
_RACK = re.compile(r"squat|overhead press|military press|rack|good morning|lunge", re.I)
_BENCH = re.compile(r"bench|incline|decline|chest-supported|preacher|skull|fly\b|flye", re.I)
_PULLUP_BAR = re.compile(r"pull-?up|chin-?up|hanging|muscle-?up", re.I)
_BIKE = re.compile(r"bike|cycl|spin", re.I)
_ROWER = re.compile(r"rowing machine|rower|erg\b", re.I)
_POOL = re.compile(r"swim", re.I)
_UNILATERAL = re.compile(
    r"single[- ]?(arm|leg)|one[- ]?(arm|leg)|split squat|lunge|step-?up|alternat"
    r"|dumbbell row|side plank|pistol|kickback|unilateral",
    re.I,
)


class UnknownEquipment(ValueError):
    """An equipment word or preset flux does not know."""


def parse_equipment(text: str) -> frozenset[str]:
    """`barbell,rack,@home` → the equipment set; unknown words raise UnknownEquipment."""
    found: set[str] = set()
    for raw in text.split(","):
        word = raw.strip().lower()
        if not word:
            continue
        if word in PRESETS:
            found |= PRESETS[word]
        elif word in EQUIPMENT:
            found.add(word)
        else:
            raise UnknownEquipment(word)
    return frozenset(found)


def needs_of(equipment: str | None, name: str, category: str) -> frozenset[str]:
    """What an exercise needs, in flux's vocabulary, from the catalogue's word and its name."""
    needs = set(_FROM_CATALOGUE.get((equipment or "body only").lower(), {"specialty"}))
    if category == "cardio" and _BIKE.search(name):
        needs = {"bike"}
    elif category == "cardio" and _ROWER.search(name):
        needs = {"rower"}
    elif category == "cardio" and _POOL.search(name):
        needs = {"pool"}  # catalogues call swimming "body only"
    if "barbell" in needs and _RACK.search(name):
        needs.add("rack")
    if needs & {"barbell", "dumbbells"} and _BENCH.search(name):
        needs.add("bench")
    if _PULLUP_BAR.search(name):
        needs.add("pullup_bar")
    return frozenset(needs)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One exercise as composition sees it."""

    name: str
    pattern: str | None
    category: str
    mechanic: str | None
    needs: frozenset[str]
    primary: tuple[str, ...]
    secondary: tuple[str, ...]
    tracking: str
    load_type: str
    unilateral: bool
    # flux's own catalogue or the athlete's: mainstream, curated exercises (not a public
    # catalogue's long tail of variants and strongman events).
    familiar: bool = True

    def weighted_sets(self, muscle: str, sets: int) -> float:
        """Sets counted for `muscle`: primary 1, secondary 0.5 (DESIGN §1, recovery).

        Only resistance work counts: a warm-up on the rower or a stretch is not a set
        toward a muscle's volume."""
        if self.category in NOT_RESISTANCE:
            return 0.0
        if muscle in self.primary:
            return float(sets)
        if muscle in self.secondary:
            return sets * 0.5
        return 0.0

    @property
    def muscles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.primary, *self.secondary)))


def candidate(
    *,
    name: str,
    pattern: str | None,
    category: str,
    mechanic: str | None,
    equipment: str | None,
    primary: Iterable[str],
    secondary: Iterable[str],
    tracking: str,
    load_type: str,
    familiar: bool = True,
) -> Candidate:
    """A candidate from the catalogue's fields for one exercise."""
    return Candidate(
        name=name,
        pattern=pattern,
        category=category,
        mechanic=mechanic,
        needs=needs_of(equipment, name, category),
        primary=tuple(primary),
        secondary=tuple(secondary),
        tracking=tracking,
        load_type=load_type,
        unilateral=bool(_UNILATERAL.search(name)),
        familiar=familiar,
    )


def set_seconds(
    *,
    sets: int,
    reps: int | None,
    seconds: int | None,
    rest_s: int,
    unilateral: bool,
    tempo_s_per_rep: float,
    setup_s: int,
) -> int:
    """Seconds an exercise takes: setup, then each set's work (both sides if unilateral), rest."""
    work = seconds if seconds is not None else (reps or 0) * tempo_s_per_rep
    if unilateral:
        work *= 2
    return round(setup_s + sets * (work + rest_s))
