"""The body as people read it: muscle names, recovery bars and the load line."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flux_cli.engine.load import LoadSummary
    from flux_cli.engine.records import Records

BAR_WIDTH = 20


def muscle_label(muscle: str) -> str:
    """`lower back` as shown (catalogue muscle names are already plain words)."""
    return muscle


def percent_bar(percent: int, width: int = BAR_WIDTH) -> str:
    """A bar of `width` cells, filled in proportion to `percent` (0-100)."""
    filled = max(0, min(width, round(width * percent / 100)))
    return "█" * filled + "·" * (width - filled)


def sets_bar(sets: float, floor: float, cap: float, width: int = BAR_WIDTH) -> str:
    """Weekly sets against a target as a bar of `width` cells spanning 0 to `cap`.

    `█` sets done, `░` what is still missing to reach the floor, `·` room up to the cap;
    over the cap the bar is full and ends in `+`. E.g. 4 of 8–20 over 10 cells: `██░░······`.
    """
    scale = width / cap if cap > 0 else 0.0
    filled = max(0, min(width, round(sets * scale)))
    floor_cell = max(filled, min(width, round(floor * scale)))
    bar = "█" * filled + "░" * (floor_cell - filled) + "·" * (width - floor_cell)
    return bar[:-1] + "+" if sets > cap and width > 0 else bar


def volume_text(sets: float, floor: float, cap: float, status: str) -> str:
    """`6 / 8–20 below` for a muscle group's weekly sets against its target."""
    return f"{sets:g} / {floor:g}–{cap:g} {status}"


def records_text(chart: Records, units: str) -> str:
    """A lift's PRs on one line: `e1RM 142.5 kg (2026-05-04) · 5RM 120 kg · 1RM 140 kg`."""
    from flux_cli.present.weights import weight

    parts = []
    if chart.e1rm is not None:
        parts.append(f"e1RM {weight(chart.e1rm.value, units)} ({chart.e1rm.date.isoformat()})")
    for reps in ("1", "3", "5", "10"):
        found = chart.rep_maxes.get(reps)
        if found is not None:
            parts.append(f"{reps}RM {weight(found.value, units)}")
    return " · ".join(parts) or "none yet"


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


def least_recovered(recovery: Mapping[str, int], limit: int = 4) -> list[tuple[str, int]]:
    """The least recovered groups below 100%, least first (ties in the given order)."""
    order = list(recovery)
    below = sorted(
        ((m, p) for m, p in recovery.items() if p < 100), key=lambda i: (i[1], order.index(i[0]))
    )
    return below[:limit]


def recovery_style(percent: int) -> str:
    """How a recovery figure is coloured: red below half, yellow below 80%, else green."""
    return "red" if percent < 50 else "yellow" if percent < 80 else "green"


def tired_muscles(recovery: Mapping[str, int], limit: int = 4) -> str:
    """`quadriceps 40% · hamstrings 70%`: the least recovered groups below 100%, or empty."""
    return " · ".join(f"{muscle_label(m)} {p}%" for m, p in least_recovered(recovery, limit))
