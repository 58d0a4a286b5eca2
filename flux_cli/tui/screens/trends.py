"""Trends: fitness, fatigue and form (CTL/ATL/TSB) as a chart, weekly load and sets per muscle,
and the highlighted week's hard sets per muscle group as bars against the weekly targets.

Opened with `l` (load) from any screen; `t` stays Today. The data comes from the same
service as `flux trends`, in a worker thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, Static
from textual_plotext import PlotextPlot

from flux_cli.present.body import load_line, sets_bar
from flux_cli.tui import format as fmt
from flux_cli.tui.base import FluxScreen
from flux_cli.tui.keys import navigation
from flux_cli.tui.messages import ServiceFailed, TrendsLoaded
from flux_cli.tui.widgets import KeysFooter, fill_table

if TYPE_CHECKING:
    from flux_cli.services.body import TrendsView

WEEKS = 8
WEEK_CHOICES = (4, 8, 12, 26)
BAR_CELLS = 10
COLUMNS = ("week of", "load", "sessions", "activities", "most sets")


class PmcPlot(PlotextPlot):
    """Fitness (CTL), fatigue (ATL) and form (TSB) per day."""

    view: TrendsView | None = None

    def show(self, view: TrendsView) -> None:
        self.view = view
        self.replot()

    def on_mount(self) -> None:
        self.replot()

    def replot(self) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.date_form("Y-m-d")
        view = self.view
        if view is None or not view.days:
            plt.title("load: nothing yet")
        else:
            plt.title("fitness CTL · fatigue ATL · form TSB")
            dates = [day.date.isoformat() for day in view.days]
            plt.plot(dates, [day.ctl for day in view.days], label="CTL", marker="braille")
            plt.plot(dates, [day.atl for day in view.days], label="ATL", marker="braille")
            plt.plot(dates, [day.tsb for day in view.days], label="TSB", marker="braille")
        self.refresh()


class TrendsScreen(FluxScreen[None]):
    """Load trends over the last weeks; `[`/`]` show fewer or more weeks."""

    AUTO_FOCUS = "#weeks"
    weeks = WEEKS

    BINDINGS: ClassVar[list[BindingType]] = [
        *navigation(),
        Binding("left_square_bracket", "weeks(-1)", "Fewer", key_display="["),
        Binding("right_square_bracket", "weeks(1)", "More", key_display="]"),
        Binding("escape", "app.mode('today')", "Back", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="trends"):
            yield Static("", id="trends-status")
            with Horizontal(id="trends-top"):
                yield PmcPlot(id="trends-plot")
                yield Static("", id="trends-volume")
            yield DataTable(id="weeks", cursor_type="row")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Trends"

    def on_screen_resume(self) -> None:
        self.load()

    def action_weeks(self, step: int) -> None:
        index = WEEK_CHOICES.index(self.weeks) if self.weeks in WEEK_CHOICES else 1
        index = max(0, min(len(WEEK_CHOICES) - 1, index + step))
        if WEEK_CHOICES[index] != self.weeks:
            self.weeks = WEEK_CHOICES[index]
            self.load()

    def load(self) -> None:
        ctx, day, weeks = self.flux.ctx, self.flux.clock.today(), self.weeks
        self._status("loading…")

        def read() -> TrendsView:
            from flux_cli.services import body

            return body.trends(ctx, weeks, day)

        self.call_service("trends", read, TrendsLoaded)

    @on(ServiceFailed)
    def _failed(self, message: ServiceFailed) -> None:
        self._status(fmt.describe_error(message.error), error=True)

    view: TrendsView | None = None

    @on(TrendsLoaded)
    def _loaded(self, message: TrendsLoaded) -> None:
        self.view = view = message.view
        self._status(f"last {view.weeks} weeks · {load_line(view.load)}")
        self.query_one("#trends-plot", PmcPlot).show(view)
        rows = []
        for week in reversed(view.by_week):
            top = sorted(week.sets_by_muscle.items(), key=lambda item: -item[1])[:2]
            rows.append(
                (
                    week.start.isoformat(),
                    f"{week.load:.0f}",
                    str(week.sessions),
                    str(week.activities),
                    ", ".join(f"{muscle} {sets:g}" for muscle, sets in top),
                )
            )
        fill_table(self.query_one("#weeks", DataTable), COLUMNS, rows)
        self._show_volume(0)

    @on(DataTable.RowHighlighted, "#weeks")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_volume(event.cursor_row)

    def _show_volume(self, row: int) -> None:
        """The week of table row `row` (newest first) as bars against the weekly targets."""
        view = self.view
        panel = self.query_one("#trends-volume", Static)
        if view is None or not view.by_week or not view.targets:
            panel.update(Text("no weekly targets in the rules", style="dim"))
            return
        index = len(view.by_week) - 1 - max(0, min(row, len(view.by_week) - 1))
        week = view.by_week[index]
        text = Text()
        text.append(f"hard sets, week of {week.start.isoformat()}\n", style="bold")
        for item in view.volume(index):
            style = {"below": "yellow", "within": "green", "above": "red"}[item.status]
            text.append(f"{item.muscle[:11]:<11} ")
            text.append(sets_bar(item.sets, item.floor, item.cap, BAR_CELLS), style=style)
            text.append(f" {item.sets:g}/{item.floor:g}\n")
        text.append("░ short of floor · up to cap", style="dim")
        panel.update(text)

    def _status(self, text: str, *, error: bool = False) -> None:
        self.query_one("#trends-status", Static).update(
            Text(text, style="bold red" if error else "dim")
        )
