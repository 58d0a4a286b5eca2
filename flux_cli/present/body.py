"""The body as people read it: muscle names, recovery bars and the load line."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flux_cli.engine.load import LoadSummary

BAR_WIDTH = 20


def muscle_label(muscle: str) -> str:
    """`lower back` as shown (catalogue muscle names are already plain words)."""
    return muscle


def percent_bar(percent: int, width: int = BAR_WIDTH) -> str:
    """A bar of `width` cells, filled in proportion to `percent` (0-100)."""
    filled = max(0, min(width, round(width * percent / 100)))
    return "█" * filled + "·" * (width - filled)


SOFT_SIGNALS = "load zones are soft signals, not a diagnosis"


def load_line(load: LoadSummary) -> str:
    """`load: ATL 52 · CTL 40 · TSB -12 (optimal training) · ACWR 1.1 (sweet spot)`."""
    parts = [
        f"ATL {load.atl:g}",
        f"CTL {load.ctl:g}",
        f"TSB {load.tsb:g}" + (f" ({load.tsb_zone})" if load.tsb_zone else ""),
    ]
    if load.acwr is None:
        parts.append("ACWR after 28 days")
    else:
        parts.append(f"ACWR {load.acwr:g}" + (f" ({load.acwr_zone})" if load.acwr_zone else ""))
    return "load: " + " · ".join(parts)


def tired_muscles(recovery: Mapping[str, int], limit: int = 4) -> str:
    """`quadriceps 40% · hamstrings 70%`: the least recovered groups below 100%, or empty."""
    order = list(recovery)
    below = sorted(
        ((m, p) for m, p in recovery.items() if p < 100), key=lambda i: (i[1], order.index(i[0]))
    )
    return " · ".join(f"{muscle_label(m)} {p}%" for m, p in below[:limit])
