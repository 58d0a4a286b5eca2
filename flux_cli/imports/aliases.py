"""Map other apps' exercise names onto flux catalogue names; guess a pattern for the rest."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from flux_cli.errors import InputError
from flux_cli.paths import PACKAGE_DIR

ALIASES_PATH = PACKAGE_DIR / "data" / "aliases.yaml"

# A bodyweight movement made easier by a machine's counterweight or a band: the weight an app
# logs for it is help, not load. A band on other exercises (Chest Fly (Band)) is resistance.
_ASSISTED = re.compile(r"\bassist(ed|ance)?\b|\bcounterweight\b")
_BAND = re.compile(r"\bbands?\b")
_BODYWEIGHT_MOVES = re.compile(
    r"\b(pull|chin|muscle)[- ]?ups?\b|\bpullups?\b|\bchinups?\b|\bdips?\b"
)
_NOT_A_PATTERN = re.compile(r"\bcalf\b|\bcalves\b|\bpallof\b")
_PATTERNS = (
    ("SQUAT", re.compile(r"\bsquats?\b|\blunges?\b|\bleg press\b|\bstep[- ]?ups?\b")),
    ("HINGE", re.compile(r"deadlift|\brdls?\b|\bhip thrusts?\b|\bgood ?mornings?\b|\bswings?\b")),
    ("PULL", re.compile(r"\brows?\b|\bpull[- ]?ups?\b|\bchin[- ]?ups?\b|pull[- ]?downs?\b")),
    ("PUSH", re.compile(r"\bbench\b|\bpress\b|\bpush[- ]?ups?\b|\bdips?\b")),
)


def alias_key(name: str) -> str:
    """The form names are compared in: case-folded, blanks collapsed."""
    return " ".join(name.casefold().split())


@functools.cache
def load_aliases(path: Path = ALIASES_PATH) -> Mapping[str, str]:
    """The alias table (other app's name → catalogue name), keyed by `alias_key`."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: faster
    table = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
    if not isinstance(table, dict) or not all(
        isinstance(alias, str) and isinstance(target, str) for alias, target in table.items()
    ):
        raise InputError(f"{path}: expected a mapping of exercise names to catalogue names")
    return MappingProxyType({alias_key(alias): target for alias, target in table.items()})


def catalogue_name(name: str, aliases: Mapping[str, str] | None = None) -> str | None:
    """The flux catalogue name another app's exercise name stands for, if one is known."""
    table = load_aliases() if aliases is None else aliases
    return table.get(alias_key(name))


@functools.lru_cache(maxsize=1024)
def is_assisted(name: str) -> bool:
    """Whether an exercise name is an assisted variant (`Pull Up (Assisted)`, `Pull Up (Band)`)."""
    folded = alias_key(name)
    if _ASSISTED.search(folded):
        return True
    return bool(_BAND.search(folded) and _BODYWEIGHT_MOVES.search(folded))


def infer_pattern(name: str) -> str | None:
    """SQUAT, HINGE, PULL or PUSH when an unknown exercise's name makes it clear, else None."""
    folded = alias_key(name)
    if _NOT_A_PATTERN.search(folded):
        return None
    return next((pattern for pattern, words in _PATTERNS if words.search(folded)), None)
