"""The Workout screen's display: its layout, state, and how it shows the current item."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, OptionList, Static

from flux_cli.tui import format as fmt
from flux_cli.tui import workout_text as show
from flux_cli.tui.base import FluxScreen
from flux_cli.tui.widgets import KeysFooter, NumberField, Readout
from flux_cli.tui.workout_model import (
    FIELDS_BY_KIND,
    EntryError,
    IntervalTimer,
    Item,
    RestTimer,
    parse_number,
    sets_of,
)

if TYPE_CHECKING:
    from flux_cli.engine.types import Plan
    from flux_cli.services.training import NextSetSuggestion
    from flux_cli.services.workout import WorkoutView
    from flux_cli.storage.records import SessionRecord, SetRecord
    from flux_cli.tui.writes import Write, WriteQueue

FIELDS = ("weight", "reps", "seconds", "rpe", "watts", "hr")


class WorkoutDisplay(FluxScreen[None]):
    """What the workout shows: items, target, entry fields, logged sets, timers (no actions)."""

    def __init__(self) -> None:
        super().__init__()
        self.view: WorkoutView | None = None
        self.plan_today: Plan | None = None  # shown while no session is active
        self.done_today: SessionRecord | None = None  # the day's completed session, if any
        self.items: list[Item] = []
        self.sets: list[SetRecord] = []
        self.index = 0
        self.units = "kg"
        self.rest = RestTimer()
        self.intervals: dict[str, IntervalTimer] = {}
        self.announced: dict[str, int] = {}  # per conditioning item: work rounds announced
        self.problem: str | None = None
        self.busy = False
        self.shown: tuple[int, int] | None = None  # what the layout shows: (session, item)
        self.labels: list[Text] = []
        self.keys_state: tuple[bool, str | None] | None = None

    @property
    def writes(self) -> WriteQueue:
        return self.flux.writes

    @property
    def item(self) -> Item | None:
        return self.items[self.index] if self.items else None

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="workout"):
            yield OptionList(id="items")
            with VerticalScroll(id="current"):
                yield Static("loading…", id="title")
                yield Static("", id="target")
                yield Static("", id="plates")
                yield Static("", id="next-set")
                with Horizontal(id="fields"):
                    for name in FIELDS:
                        yield NumberField(id=f"f-{name}", compact=True)
                yield Static("", id="entry-message")
                yield Readout("", id="timer")
                yield Static("", id="logged")
                yield Static("", id="write-status")
        yield KeysFooter()

    def _field(self, name: str) -> NumberField:
        return self.query_one(f"#f-{name}", NumberField)

    # ------------------------------------------------------------------ showing

    def _go_to(self, index: int) -> None:
        if not self.items:
            return
        self.index = max(0, min(index, len(self.items) - 1))
        self._prefill()
        self._show()
        self._focus_entry()

    def _focus_entry(self) -> None:
        """Give the current item's first field the focus (after a command key, too)."""
        item = self.item
        if item is None or self.view is None:
            return
        visible = FIELDS_BY_KIND[item.kind]
        self.set_focus(self._field("watts" if "watts" in visible else visible[0]))

    def _prefill(self) -> None:
        """The fields for the item's next set: the load is a suggestion (the plan's, then the
        in-session rule applied to the last set); reps and RPE are the athlete's to enter,
        never copied from the target (it shows as the placeholder)."""
        item = self.item
        if item is None:
            return
        done = sets_of(item, self.sets)
        last = done[-1] if done else None
        suggestion = self._next_set(item, last)
        if suggestion is not None:
            weight_kg: float | None = suggestion.next_load_kg
        else:
            weight_kg = last.weight_kg if last and last.weight_kg else item.load_kg
        values: dict[str, float | None] = {
            "weight": None if weight_kg is None else fmt.to_display(weight_kg, self.units),
            "reps": last.reps if last else None,  # what the athlete did last, not the target
            "seconds": item.seconds,
            "rpe": None,  # measured: a fresh rating every set
            "watts": None,  # measured: never copied from the target (shown as a placeholder)
            "hr": None,
        }
        for name, value in values.items():
            self._field(name).value = "" if value is None else fmt.number(value, 1)
        target_watts = item.conditioning.target_watts if item.conditioning else None
        placeholders = {
            "watts": target_watts,
            "reps": item.reps,
            "rpe": None if item.rpe is None else fmt.number(item.rpe),
        }
        for name, target in placeholders.items():
            self._field(name).placeholder = "" if target is None else f"target {target}"
        self.query_one("#next-set", Static).update(show.next_set(suggestion, self.units))
        self.query_one("#entry-message", Static).update("")

    def _next_set(self, item: Item, last: SetRecord | None) -> NextSetSuggestion | None:
        """The plan's in-session rule applied to the item's last logged set, if it applies."""
        from flux_cli.services.training import next_set_suggestion

        if last is None or self.view is None or item.next_set_rule is None:
            return None
        return next_set_suggestion(item.next_set_rule, last, self.view.settings)

    def _show(self) -> None:
        """Redraw; the layout only when the session or the item changed, else the progress."""
        item = self.item
        key = None if self.view is None or item is None else (self.view.session.id, self.index)
        if key is None or key != self.shown:
            self.shown = key
            self._show_layout()
        if key is not None:
            self._show_progress()

    def _show_layout(self) -> None:
        options = self.query_one("#items", OptionList)
        item = self.item
        options.display = self.view is not None
        self.labels = []
        options.clear_options()
        if self.view is None or item is None:
            self.query_one("#title", Static).update(
                Text("loading…", style="dim")
                if self.busy
                else show.no_session(self.plan_today, self.problem, self.done_today)
            )
            for widget_id in ("#target", "#plates", "#next-set", "#timer", "#logged"):
                self.query_one(widget_id, Static).update("")
            self.query_one("#fields").display = False
            self.set_focus(None)
            self._refresh_keys()
            return
        self.sub_title = f"Workout · #{self.view.session.id} {self.view.session.session_name or ''}"
        title = Text(item.name, style="bold")
        title.append(f"  {item.block}", style="dim")
        if item.superset:
            title.append(f"  superset {item.superset}: alternate with its partner", style="cyan")
        self.query_one("#title", Static).update(title)
        self.query_one("#target", Static).update(show.target(item, self.units))
        self.query_one("#fields").display = True
        visible = FIELDS_BY_KIND[item.kind]
        for name in FIELDS:
            self._field(name).display = name in visible
        self._show_plates()
        self._refresh_keys()

    def _refresh_keys(self) -> None:
        """Recompute the footer only when what the keys mean changed (it is costly)."""
        state = (self.view is not None, self.item.kind if self.item else None)
        if state != self.keys_state:
            self.keys_state = state
            self.refresh_bindings()

    def _show_progress(self) -> None:
        """The cheap part of a redraw after each set: counts, logged sets, timers."""
        options = self.query_one("#items", OptionList)
        labels = [show.item_label(each, self._done_count(each)) for each in self.items]
        if len(labels) != len(self.labels):
            options.clear_options()
            options.add_options(labels)
        else:
            for index, (new, old) in enumerate(zip(labels, self.labels, strict=True)):
                if new.plain != old.plain:
                    options.replace_option_prompt_at_index(index, new)
        self.labels = labels
        options.highlighted = self.index
        self._show_logged()
        self.tick()

    def _done_count(self, item: Item) -> int:
        return len(sets_of(item, self.sets)) + len(self._pending_for(item))

    def _pending_for(self, item: Item) -> list[Write]:
        return [w for w in self.writes.waiting("log") if w.payload[0] == item.name]

    def _show_logged(self) -> None:
        item = self.item
        if item is None:
            return
        pending = [w.label for w in self._pending_for(item)]
        self.query_one("#logged", Static).update(
            show.logged(sets_of(item, self.sets), pending, self.units)
        )

    def _show_plates(self) -> None:
        item, plates = self.item, self.query_one("#plates", Static)
        settings = self.view.settings if self.view else None
        if item is None or settings is None or not item.barbell:
            plates.update("")
            return
        try:
            typed = parse_number("weight", self._field("weight").value)
        except EntryError:
            typed = None
        if typed is None:
            plates.update("")
            return
        load_kg = fmt.to_kg(typed, self.units)
        plates.update(
            Text(
                "plates " + fmt.plates_text(load_kg, settings.bar_and_plates()),
                style="cyan",
            )
        )

    def tick(self) -> None:
        """Redraw the timers from the clock; note when an interval's work phase ends."""
        item = self.item
        timer = self.query_one("#timer", Readout)
        if item is None or self.view is None:
            return
        now = self.flux.clock.monotonic()
        if item.conditioning is not None:
            interval = self.intervals[item.name]
            phase = interval.phase(now)
            finished = interval.finished_rounds(now)
            if finished > self.announced.get(item.name, 0):
                self.announced[item.name] = finished
                self.app.bell()
                self._field("watts").focus()
                self.query_one("#entry-message", Static).update(
                    Text(f"round {finished} done: avg W, peak HR, Enter", style="bold")
                )
            block = item.conditioning
            timer.update(show.interval(phase, block.rounds, block.target_watts, interval.running))
        else:
            timer.update(show.rest(self.rest.remaining(now)))
