"""History: sessions and their sets in a table, filtered by exercise and dates, with e1RM plot.

The exercise filter completes from the exercises the athlete has logged, the most-logged
first: type the start of a name and press → to take the suggestion.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import DataTable, Footer, Header, Input, Static

from flux_cli.tui import format as fmt
from flux_cli.tui.keys import navigation
from flux_cli.tui.messages import ExercisesLoaded, HistoryLoaded, ServiceFailed
from flux_cli.tui.widgets import E1RMPlot

if TYPE_CHECKING:
    from flux_cli.tui.app import FluxApp

SESSION_LIMIT = 60


class HistoryScreen(Screen[None]):
    """Past sessions, newest first; Enter in a filter field applies the filters."""

    AUTO_FOCUS = "#sets"
    shown: tuple[object, ...] | None = None  # what the table and plot were last drawn from

    BINDINGS: ClassVar[list[BindingType]] = [
        *navigation(),
        Binding("slash", "focus_filter", "Filter", key_display="/"),
        Binding("escape", "leave", "Back", show=False),
    ]

    @property
    def flux(self) -> FluxApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="history"):
            with Horizontal(id="filters"):
                yield Input(placeholder="exercise (all) → completes", id="h-exercise", compact=True)
                yield Input(placeholder="since YYYY-MM-DD", id="h-since", compact=True)
                yield Input(placeholder="until YYYY-MM-DD", id="h-until", compact=True)
            yield Static("", id="history-status")
            yield DataTable(id="sets", cursor_type="row")
            yield E1RMPlot(id="history-plot")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "History"
        table = self.query_one("#sets", DataTable)
        table.add_columns("date", "session", "status", "exercise", "set")
        self.query_one("#history-plot", E1RMPlot).show("e1RM: filter by an exercise", [], "kg")

    def on_screen_resume(self) -> None:
        self.apply()
        self.load_names()

    def action_focus_filter(self) -> None:
        self.query_one("#h-exercise", Input).focus()

    def action_leave(self) -> None:
        if isinstance(self.focused, Input):
            self.query_one("#sets", DataTable).focus()
        else:
            self.flux.action_mode("today")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.apply()

    def apply(self) -> None:
        """Read the filters; a bad date is refused in place, else the history reloads."""
        exercise = self.query_one("#h-exercise", Input).value.strip() or None
        try:
            since = _day(self.query_one("#h-since", Input).value, "since")
            until = _day(self.query_one("#h-until", Input).value, "until")
        except ValueError as error:
            self._status(str(error), error=True)
            return
        self._status("loading…")
        self.load(exercise, since, until)

    @work(thread=True, exclusive=True, group="history")
    def load(self, exercise: str | None, since: dt.date | None, until: dt.date | None) -> None:
        from flux_cli import services

        ctx = self.flux.ctx
        try:
            sessions = services.history(
                ctx, exercise=exercise, since=since, until=until, limit=SESSION_LIMIT
            )
            trend = services.e1rm_history(ctx, exercise) if exercise else []
        except Exception as error:
            self.post_message(ServiceFailed("history", error))
            return
        self.post_message(HistoryLoaded(sessions, exercise, trend))

    @work(thread=True, exclusive=True, group="history-names")
    def load_names(self) -> None:
        from flux_cli import services

        try:
            names = services.logged_exercises(self.flux.ctx)
        except Exception as error:
            self.post_message(ServiceFailed("exercise names", error))
            return
        self.post_message(ExercisesLoaded(names))

    @on(ExercisesLoaded)
    def _names(self, message: ExercisesLoaded) -> None:
        field = self.query_one("#h-exercise", Input)
        field.suggester = SuggestFromList(message.names, case_sensitive=False)

    @on(ServiceFailed)
    def _failed(self, message: ServiceFailed) -> None:
        self._status(fmt.describe_error(message.error), error=True)

    @on(HistoryLoaded)
    def _loaded(self, message: HistoryLoaded) -> None:
        units = self.flux.dashboard.settings.units if self.flux.dashboard else "kg"
        what = f" of {message.exercise}" if message.exercise else ""
        more = f" (newest {SESSION_LIMIT})" if len(message.sessions) >= SESSION_LIMIT else ""
        count = sum(len(item.sets) for item in message.sessions)
        sessions = fmt.plural(len(message.sessions), "session")
        self._status(f"{sessions}{more}, {fmt.plural(count, 'set')}{what}")
        drawn_from = (message.sessions, message.exercise, message.trend, units)
        if drawn_from == self.shown:
            return  # unchanged since the last visit: keep the table (and the cursor) as it is
        self.shown = drawn_from
        table = self.query_one("#sets", DataTable)
        table.clear()
        for item in message.sessions:
            session = item.session
            name = session.session_name or "-"
            if not item.sets:
                table.add_row(session.date.isoformat(), name, session.status, "", "")
            for row in item.sets:
                table.add_row(
                    session.date.isoformat(),
                    name,
                    session.status,
                    row.exercise,
                    fmt.logged_set(row, units),
                )
        plot = self.query_one("#history-plot", E1RMPlot)
        if message.exercise:
            plot.show(f"e1RM {message.exercise}", message.trend, units)
        else:
            plot.show("e1RM: filter by an exercise", [], units)

    def _status(self, text: str, *, error: bool = False) -> None:
        self.query_one("#history-status", Static).update(
            Text(text, style="bold red" if error else "dim")
        )


def _day(text: str, name: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{name}: '{text}' is not a date (YYYY-MM-DD)") from None
