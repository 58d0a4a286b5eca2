"""Small widgets shared by the screens: state badge, bars, e1RM plot, number fields, the footer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.visual import VisualType
from textual.widgets import DataTable, Footer, Input, Static
from textual_plotext import PlotextPlot

from flux_cli.tui import format as fmt

BAR_WIDTH = 14
NUMERIC_CHARACTERS = set("0123456789.,")


def fill_table(
    table: DataTable[str | Text], labels: Sequence[str], rows: Sequence[Sequence[str | Text]]
) -> None:
    """Replace `table`'s columns and rows, each column as wide as its widest cell.

    A DataTable measures the cells of new rows on its next idle event, and a table filled
    after its first layout kept its header widths at times ("2026-11" for "2026-11-14",
    seen in the snapshot tests under load); widths given up front do not wait for it.
    """
    table.clear(columns=True)
    for index, label in enumerate(labels):
        widths = (_cells(row[index]) for row in rows)
        table.add_column(label, width=max([_cells(label), *widths]))
    table.add_rows(rows)


def _cells(text: str | Text) -> int:
    return cell_len(text) if isinstance(text, str) else text.cell_len


class KeysFooter(Footer):
    """Textual's footer, rebuilt only when the keys it shows change.

    Textual rebuilds its footer, one widget per key, each time a screen's bindings may have
    changed: every focus move, every `refresh_bindings`. In the workout that was after every
    set, and the rebuild cost more than the rest of the set's redraw.
    """

    _shown: tuple[tuple[str, str, str, bool, str], ...] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        keys = tuple(
            (binding.key, binding.description, binding.action, enabled, tooltip)
            for _, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show
        )
        unchanged = keys == self._shown and self.is_attached and screen is self.screen
        if unchanged:
            return
        if screen.app.app_focus:  # (Textual does not rebuild while the app has no focus)
            self._shown = keys
        super().bindings_changed(screen)


class Readout(Static):
    """A Static laid out again only when its content changes: the timers are set four times
    a second, and each update of a Static lays out the whole screen."""

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        if content == self.content:
            return
        super().update(content, layout=layout)


class StateBadge(Static):
    """RED / ORANGE / GREEN in its colour; the word stays readable without colour."""

    def show(self, state: str | None) -> None:
        for name in fmt.STATE_COLOURS:
            self.set_class(state == name, f"-{name.lower()}")
        self.update(f" {state} " if state else " NO CHECK-IN ")


def bars(values: Mapping[str, int], *, top: int | None = None, unit: str = "") -> Text:
    """One labelled bar per value, scaled to the largest (or to `top`)."""
    text = Text()
    if not values:
        return Text("nothing yet", style="dim")
    width = max(len(name) for name in values)
    scale = max(top or max(values.values()), 1)
    for index, (name, value) in enumerate(values.items()):
        filled = round(BAR_WIDTH * min(value, scale) / scale)
        if index:
            text.append("\n")
        text.append(f"{name.ljust(width)} ")
        text.append("█" * filled, style="bold")
        text.append("░" * (BAR_WIDTH - filled), style="dim")
        text.append(f" {value}{unit}")
    return text


def levels(values: Mapping[str, tuple[int, int]]) -> Text:
    """Each conditioning protocol with its level out of the top level."""
    text = Text()
    if not values:
        return Text("no protocols in the rules", style="dim")
    width = max(len(name) for name in values)
    for index, (name, (level, top)) in enumerate(values.items()):
        if index:
            text.append("\n")
        text.append(f"{name.ljust(width)} L{level}/{top} ")
        text.append("▰" * level, style="bold")
        text.append("▱" * max(top - level, 0), style="dim")
    return text


class E1RMPlot(PlotextPlot):
    """Best estimated 1RM per day for one exercise."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._plot_title = "e1RM"
        self._series: list[tuple[dt.date, float]] = []
        self._units = "kg"

    def show(self, title: str, series: Sequence[tuple[dt.date, float]], units: str) -> None:
        self._plot_title, self._series, self._units = title, list(series), units
        self.replot()

    def on_mount(self) -> None:
        self.replot()

    def replot(self) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.date_form("Y-m-d")
        if len(self._series) == 1:
            # one day is a figure, not a trend: plotext would stretch the date axis for decades
            day, value = self._series[0]
            shown = round(fmt.to_display(value, self._units), 1)
            plt.title(f"{self._plot_title}: {shown} {self._units} on {day.isoformat()}")
        elif self._series:
            plt.title(f"{self._plot_title} ({self._units})")
            dates = [day.isoformat() for day, _ in self._series]
            values = [round(fmt.to_display(value, self._units), 1) for _, value in self._series]
            plt.plot(dates, values, marker="braille")
        else:
            plt.title(self._plot_title)
        self.refresh()


class NumberField(Input):
    """A numeric field that keeps every printable key: digits edit it, +/- and ↑/↓ step it.

    Any other printable key is refused with a message and never reaches a screen's or the
    app's bindings (a letter typed mid-set must not open another screen); Esc leaves the
    field so that the next key is a command.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Log set", key_display="⏎"),
        Binding("escape", "leave", "Commands", key_display="esc"),
        Binding("up,plus,equals_sign", "step(1)", "More", show=False),
        Binding("down,minus", "step(-1)", "Less", show=False),
    ]
    STEP_KEYS = frozenset({"plus", "equals_sign", "minus"})

    class Refused(Message):
        def __init__(self, field: NumberField, character: str) -> None:
            super().__init__()
            self.field = field
            self.character = character

    def __init__(
        self,
        value: str = "",
        *,
        step: float = 1.0,
        minimum: float = 0.0,
        label: str = "",
        id: str | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(value, id=id, **kwargs)  # type: ignore[arg-type]
        self.step = step
        self.minimum = minimum
        self.label = label

    async def _on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character not in NUMERIC_CHARACTERS:
            event.prevent_default()  # Input's own handler would insert the character
            if event.key not in self.STEP_KEYS:
                event.stop()
                self.post_message(self.Refused(self, event.character or event.key))
            return  # +/- go on to this field's own bindings
        await super()._on_key(event)

    def action_leave(self) -> None:
        """Give up the focus: the screen's keys work until a command gives it back."""
        self.screen.set_focus(None)

    def action_step(self, direction: int) -> None:
        try:
            current = float(self.value.replace(",", ".")) if self.value.strip() else 0.0
        except ValueError:
            return
        value = max(self.minimum, current + direction * self.step)
        self.value = fmt.number(value, 2)
        self.cursor_position = len(self.value)
