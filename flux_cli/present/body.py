"""The body as people read it: muscle names, recovery bars and the load line."""

from __future__ import annotations

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


def load_line(load: LoadSummary) -> str:
    """`fatigue (ATL) 52 · fitness (CTL) 40 · form (TSB) -12 optimal training · ACWR 1.1 …`."""
    parts = [
        f"fatigue (ATL) {load.atl:g}",
        f"fitness (CTL) {load.ctl:g}",
        f"form (TSB) {load.tsb:g}" + (f" {load.tsb_zone}" if load.tsb_zone else ""),
    ]
    if load.acwr is None:
        parts.append("ACWR needs 28 days of data")
    else:
        parts.append(f"ACWR {load.acwr:g}" + (f" {load.acwr_zone}" if load.acwr_zone else ""))
    return "load: " + " · ".join(parts) + " (soft signals, not a diagnosis)"
