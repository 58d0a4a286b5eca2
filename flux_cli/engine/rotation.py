"""Fair rotation: which pattern leads, by debt in days and weekly hard sets (DESIGN §3.4)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence

from flux_cli.engine.rules import Archetype, Rules
from flux_cli.engine.types import ArchetypeScore, History


def pattern_days(rules: Rules, history: History, today: dt.date) -> dict[str, int | None]:
    """Days since each pattern was last trained by a set that counts; None = never."""
    found: dict[str, int | None] = {}
    for pattern in rules.patterns:
        last = history.pattern_last_trained.get(pattern)
        found[pattern] = None if last is None else (today - last).days
    return found


def rotation_debt(
    rules: Rules, history: History, days: Mapping[str, int | None]
) -> dict[str, float]:
    """Days since trained plus the rules' days per hard set missing from the weekly target."""
    settings = rules.rotation
    debt: dict[str, float] = {}
    for pattern in rules.patterns:
        since = days[pattern]
        if since is None:
            debt[pattern] = math.inf
            continue
        missing = max(0, settings.weekly_hard_sets - history.pattern_hard_sets.get(pattern, 0))
        debt[pattern] = since + missing * settings.days_per_missing_set
    return debt


def rank_patterns(
    patterns: Sequence[str], debt: Mapping[str, float], days: Mapping[str, int | None]
) -> list[str]:
    """Highest debt first; ties by days since trained (never first), then rules order."""

    def key(pattern: str) -> tuple[float, float, int]:
        since = days.get(pattern)
        return (-debt[pattern], -(math.inf if since is None else since), patterns.index(pattern))

    return sorted(patterns, key=key)


def imported_last_done(archetype: Archetype, history: History) -> dt.date | None:
    """For an archetype never done in flux: when imported sessions (another app's) last
    trained all of its patterns (the oldest of their latest dates), or None."""
    if not archetype.patterns:
        return None
    dates = [history.pattern_last_unplanned.get(p) for p in archetype.patterns]
    if any(d is None for d in dates):
        return None
    return min(d for d in dates if d is not None)


def pattern_due(
    rules: Rules, ranked: Sequence[ArchetypeScore], days: Mapping[str, int | None]
) -> tuple[ArchetypeScore, str, int] | None:
    """The allowed archetype that trains the pattern longest untrained, when that pattern was
    trained before and is `rotation.pattern_due_days` or more overdue; else None.

    Ties keep `ranked` order (the most overdue archetype first); an archetype never done
    still goes first, and so does one that trains no pattern (conditioning) not done for
    `rotation.patternless_due_days`, so due patterns never starve it.
    """
    due = rules.rotation.pattern_due_days
    best: tuple[ArchetypeScore, str, int] | None = None
    if not ranked or ranked[0].priority_score is None:
        return None  # an archetype never done goes first anyway
    top = ranked[0]
    waited = top.days_since_last
    if not rules.archetypes[top.archetype].patterns and (
        waited is not None and waited >= rules.rotation.patternless_due_days
    ):
        return None  # conditioning not done for a week keeps its turn
    for score in ranked:
        archetype = rules.archetypes[score.archetype]
        if archetype.family not in rules.rotation.families:
            continue
        for pattern in archetype.patterns:
            since = days.get(pattern)
            if since is None or since < due:
                continue
            if best is None or since > best[2]:
                best = (score, pattern, since)
    return best
