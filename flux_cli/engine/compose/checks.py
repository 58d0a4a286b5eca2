"""A rules file's slots checked against a catalogue: each needs enough exercises that qualify."""

from __future__ import annotations

from collections.abc import Sequence

from flux_cli.engine.compose.candidates import EQUIPMENT, Candidate
from flux_cli.engine.compose.model import Setting, qualifies
from flux_cli.engine.compose.request import DayContext, SlotOption, ranged
from flux_cli.engine.rules import Rules


def unfillable_slots(
    rules: Rules, candidates: Sequence[Candidate]
) -> list[tuple[tuple[str | int, ...], str]]:
    """Slots whose minimum no set of exercises in `candidates` can meet, with every piece of
    equipment at hand and nothing relaxed: (key path, what) for the rules file's report."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    day = DayContext(candidates=candidates, equipment=frozenset(EQUIPMENT), minutes=300)
    for archetype, slot_rules in rules.composition.slots.items():
        known = rules.archetypes.get(archetype)
        if known is None:
            continue
        setting = Setting(
            rules=rules.composition,
            archetype=archetype,
            patterns=tuple(known.patterns),
            family=known.family,
            slots=(),
            fixed=(),
            day=day,
        )
        for index, rule in enumerate(slot_rules):
            if rule.use != "compose" or rule.prescription is None or rule.min == 0:
                continue
            prescribed = rules.prescriptions[rule.prescription][known.states[0]]
            option = SlotOption(
                slot=rule.slot,
                index=index,
                minimum=rule.min,
                maximum=rule.max,
                sets=ranged(prescribed.sets, rule.sets)[0],
                reps=prescribed.reps,
                seconds=prescribed.seconds,
                rest_s=prescribed.rest_s,
                prescription=rule.prescription,
                qualifies=rule.qualifies,
                set_range=ranged(prescribed.sets, rule.sets)[1],
            )
            count = sum(1 for c in candidates if qualifies(option, c, setting))
            if count < rule.min:
                problems.append(
                    (
                        ("composition", "slots", archetype, index),
                        f"the {rule.slot} slot can never be filled from the built-in "
                        f"catalogue: {count} exercise{'' if count == 1 else 's'} qualify, "
                        f"it needs {rule.min}",
                    )
                )
    return problems
