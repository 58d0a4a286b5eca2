"""History: sessions and their sets in a table, filtered by exercise and dates, with e1RM plot.

The exercise filter completes from the exercises the athlete has logged, the most-logged
first: type the start of a name and press → to take the suggestion.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import DataTable, Header, Input, Static

from flux_cli.engine.limits import day_problem
from flux_cli.present.text import visible
from flux_cli.tui import format as fmt
from flux_cli.tui.base import FluxScreen
from flux_cli.tui.keys import navigation
from flux_cli.tui.messages import ExercisesLoaded, HistoryLoaded, ServiceFailed
from flux_cli.tui.widgets import E1RMPlot, KeysFooter, fill_table

if TYPE_CHECKING:
    from flux_cli.storage.records import SessionWithSets

SESSION_LIMIT = 60
# Columns sized for 80 columns: dates and sets in full, names cut with an ellipsis.
SESSION_WIDTH = 18
EXERCISE_WIDTH = 18
COLUMNS = ("date", "session", "exercise", "set")


class HistoryScreen(FluxScreen[None]):
    """Past sessions, newest first; Enter in a filter field applies the filters."""

    AUTO_FOCUS = "#sets"
    shown: tuple[object, ...] | None = None  # what the table and plot were last drawn from

    BINDINGS: ClassVar[list[BindingType]] = [
        *navigation(),
        Binding("slash", "focus_filter", "Filter", key_display="/"),
        Binding("escape", "leave", "Back", show=False),
    ]

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
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "History"
        fill_table(self.query_one("#sets", DataTable), COLUMNS, [])
        self.query_one("#history-plot", E1RMPlot).display = False  # until an exercise is picked

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

    def load(self, exercise: str | None, since: dt.date | None, until: dt.date | None) -> None:
        ctx = self.flux.ctx

        def read() -> tuple[list[SessionWithSets], list[tuple[dt.date, float]]]:
            from flux_cli import services

            sessions = services.history(
                ctx, exercise=exercise, since=since, until=until, limit=SESSION_LIMIT
            )
            return sessions, services.e1rm_history(ctx, exercise) if exercise else []

        self.call_service(
            "history", read, lambda found: HistoryLoaded(found[0], exercise, found[1])
        )

    def load_names(self) -> None:
        ctx = self.flux.ctx

        def read() -> list[str]:
            from flux_cli import services

            return services.logged_exercises(ctx)

        self.call_service("exercise names", read, ExercisesLoaded)

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
        rows: list[tuple[str | Text, ...]] = []
        for item in message.sessions:
            session = item.session
            name = session.session_name or "-"
            if session.status != "completed":
                name = f"{name} ({session.status})"
            fitted = _fit(name, SESSION_WIDTH)
            if not item.sets:
                rows.append((session.date.isoformat(), fitted, "", ""))
            rows.extend(
                (
                    session.date.isoformat(),
                    fitted,
                    _fit(row.exercise, EXERCISE_WIDTH),
                    fmt.logged_set(row, units),
                )
                for row in item.sets
            )
        fill_table(self.query_one("#sets", DataTable), COLUMNS, rows)
        plot = self.query_one("#history-plot", E1RMPlot)
        plot.display = bool(message.exercise and message.trend)
        if message.exercise:
            plot.show(f"e1RM {message.exercise}", message.trend, units)

    def _status(self, text: str, *, error: bool = False) -> None:
        self.query_one("#history-status", Static).update(
            Text(text, style="bold red" if error else "dim")
        )


def _fit(text: str, width: int) -> Text:
    """`text` cut to `width` cells with an ellipsis, so a long name never pushes a column off."""
    fitted = Text(visible(text), no_wrap=True, overflow="ellipsis")
    fitted.truncate(width, overflow="ellipsis")
    return fitted


def _day(text: str, name: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{name}: '{text[:40]}' is not a date (YYYY-MM-DD)") from None
    if (problem := day_problem(day, name)) is not None:
        raise ValueError(problem)
    return day
