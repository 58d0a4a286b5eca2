"""Terminal charts with plotext (imported here only, when a chart is drawn)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

CHART_WIDTH = 80
CHART_HEIGHT = 16


def pmc_chart(
    dates: Sequence[dt.date],
    ctl: Sequence[float],
    atl: Sequence[float],
    tsb: Sequence[float],
    *,
    width: int = CHART_WIDTH,
    height: int = CHART_HEIGHT,
) -> str:
    """Fitness (CTL), fatigue (ATL) and form (TSB) per day as one plotext chart, as text."""
    import plotext

    plotext.clear_figure()
    plotext.plotsize(width, height)
    plotext.theme("clear")
    x = list(range(len(dates)))
    plotext.plot(x, list(ctl), label="fitness CTL")
    plotext.plot(x, list(atl), label="fatigue ATL")
    plotext.plot(x, list(tsb), label="form TSB")
    if dates:
        step = max(1, len(dates) // 6)
        ticks = x[::step]
        plotext.xticks(ticks, [dates[i].strftime("%m-%d") for i in ticks])
    plotext.title("load: fitness, fatigue, form")
    text: str = plotext.build()
    plotext.clear_figure()
    return text
