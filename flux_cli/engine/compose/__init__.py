"""Session composition with OR-Tools CP-SAT (DESIGN §3, composition).

Importing this package does not import OR-Tools; only a solve does.
"""

from __future__ import annotations

from flux_cli.engine.compose.candidates import (
    EQUIPMENT,
    PRESETS,
    Candidate,
    UnknownEquipment,
    candidate,
    parse_equipment,
)
from flux_cli.engine.compose.request import (
    Composition,
    DayContext,
    FixedItem,
    MoveRule,
    Pick,
    Relaxed,
    SlotOption,
)

__all__ = [
    "EQUIPMENT",
    "PRESETS",
    "Candidate",
    "Composition",
    "DayContext",
    "FixedItem",
    "MoveRule",
    "Pick",
    "Relaxed",
    "SlotOption",
    "UnknownEquipment",
    "candidate",
    "parse_equipment",
]
