"""Workout: the active session step by step; every set is stored the moment Enter is pressed."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static

from flux_cli.tui import format as fmt
from flux_cli.tui import workout_text as show
from flux_cli.tui.keys import navigation
from flux_cli.tui.messages import ServiceFailed, WorkoutLoaded, WriteDone, WriteFailed
from flux_cli.tui.screens.modals import ConfirmScreen, VerdictScreen
from flux_cli.tui.widgets import NumberField
from flux_cli.tui.workout_model import (
    FIELDS_BY_KIND,
    Entry,
    EntryError,
    IntervalTimer,
    Item,
    RestTimer,
    interval_metadata,
    items_for,
    parse_number,
    read_entry,
    resume_index,
    sets_of,
    unusual,
)
from flux_cli.tui.writes import Write, WriteQueue, is_retryable

if TYPE_CHECKING:
    from flux_cli.engine.types import Plan
    from flux_cli.services import CompletionResult
    from flux_cli.services.workout import WorkoutView
    from flux_cli.storage.records import SetRecord
    from flux_cli.tui.app import FluxApp

TICK_S = 0.25
FIELDS = ("weight", "reps", "seconds", "rpe", "watts", "hr")


class WorkoutScreen(Screen[None]):
    """Walks through the session: target, entry fields, logged sets, rest and interval timers."""

    AUTO_FOCUS = None
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "log", "Log set"),
        Binding("u", "undo", "Undo"),
        Binding("n", "move(1)", "Next"),
        Binding("p", "move(-1)", "Prev", show=False),
        Binding("plus,equals_sign", "weight(1)", "Weight", key_display="+/-"),
        Binding("minus", "weight(-1)", "Weight down", show=False),
        Binding("e", "extend_rest", "Rest +30s"),
        Binding("s", "skip_rest", "Skip rest", show=False),
        Binding("space", "interval", "Interval timer", key_display="space"),
        Binding("f", "finish", "Finish"),
        Binding("x", "abandon", "Abandon", show=False),
        Binding("r", "retry", "Retry writes", show=False),
        Binding("escape", "app.mode('today')", "Today", show=False),
        *navigation(show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view: WorkoutView | None = None
        self.plan_today: Plan | None = None  # shown while no session is active
        self.items: list[Item] = []
        self.sets: list[SetRecord] = []
        self.index = 0
        self.units = "kg"
        self.rest = RestTimer()
        self.intervals: dict[str, IntervalTimer] = {}
        self.announced: dict[str, int] = {}  # per conditioning item: work rounds announced
        self.writes = WriteQueue()
        self.problem: str | None = None
        self.busy = False
        self.shown: tuple[int, int] | None = None  # what the layout shows: (session, item)
        self.labels: list[Text] = []
        self.keys_state: tuple[bool, str | None] | None = None

    @property
    def flux(self) -> FluxApp:
        return self.app  # type: ignore[return-value]

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
                with Horizontal(id="fields"):
                    for name in FIELDS:
                        yield NumberField(id=f"f-{name}", compact=True)
                yield Static("", id="entry-message")
                yield Static("", id="timer")
                yield Static("", id="logged")
                yield Static("", id="write-status")
        yield Footer()

    def on_mount(self) -> None:
        self.flux.workout = self
        self.sub_title = "Workout"
        titles = {
            "weight": "weight",
            "reps": "reps",
            "seconds": "seconds",
            "rpe": "RPE",
            "watts": "avg W",
            "hr": "peak HR",
        }
        for name in FIELDS:
            field = self._field(name)
            field.border_title = titles[name]
            field.step = {"reps": 1.0, "seconds": 5.0, "rpe": 0.5, "watts": 5.0, "hr": 1.0}.get(
                name, 2.5
            )
        self.set_interval(TICK_S, self.tick)
        self._show()

    def on_screen_resume(self) -> None:
        if self.view is None and not self.busy:
            self._request(start=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show only the keys that mean something for the current item."""
        item = self.item
        if action in ("undo", "move", "finish", "abandon", "retry"):
            return self.view is not None
        if action == "interval":
            return item is not None and item.conditioning is not None
        if action in ("extend_rest", "skip_rest"):
            return item is not None and item.conditioning is None
        if action == "weight":
            return item is not None and "weight" in FIELDS_BY_KIND[item.kind]
        return True

    def _field(self, name: str) -> NumberField:
        return self.query_one(f"#f-{name}", NumberField)

    # ------------------------------------------------------------------ loading

    def _request(self, *, start: bool) -> None:
        self.busy = True
        self._show()
        self.load(start)

    @work(thread=True, exclusive=True, group="workout-load")
    def load(self, start: bool) -> None:
        from flux_cli.services import workout as services_workout

        day = self.flux.clock.today()
        try:
            view = services_workout.workout(self.flux.ctx, day, start=start)
            plan = None if view is not None else services_workout.todays_plan(self.flux.ctx, day)
        except Exception as error:
            self.post_message(ServiceFailed("workout", error))
            return
        self.post_message(WorkoutLoaded(view, plan))

    @on(WorkoutLoaded)
    def _loaded(self, message: WorkoutLoaded) -> None:
        self.busy = False
        self.problem = None
        self.view = view = message.view
        self.plan_today = message.plan
        self.shown = None
        if view is None:
            self.items, self.sets = [], []
            self._show()
            return
        self.units = view.settings.units
        self._field("weight").step = fmt.weight_step(view.settings.equipment())
        self._field("weight").border_title = f"weight {self.units}"
        self.sets = list(view.sets)
        self.items = items_for(view.plan, self.sets, view.load_types)
        self.intervals = {
            item.name: IntervalTimer(
                item.conditioning.rounds, item.conditioning.work_s, item.conditioning.rest_s
            )
            for item in self.items
            if item.conditioning is not None
        }
        self._go_to(resume_index(self.items, self.sets))

    @on(ServiceFailed)
    def _failed(self, message: ServiceFailed) -> None:
        self.busy = False
        self.problem = fmt.describe_error(message.error)
        self._show()

    # ------------------------------------------------------------------ showing

    def _go_to(self, index: int) -> None:
        if not self.items:
            return
        self.index = max(0, min(index, len(self.items) - 1))
        self._prefill()
        self._show()
        visible = FIELDS_BY_KIND[self.items[self.index].kind]
        field = self._field("watts" if "watts" in visible else visible[0])
        self.set_focus(field)

    def _prefill(self) -> None:
        item = self.item
        if item is None:
            return
        done = sets_of(item, self.sets)
        last = done[-1] if done else None
        weight_kg = last.weight_kg if last and last.weight_kg else item.load_kg
        values: dict[str, float | None] = {
            "weight": None if weight_kg is None else fmt.to_display(weight_kg, self.units),
            "reps": item.reps,
            "seconds": item.seconds,
            "rpe": item.rpe,
            "watts": None,
            "hr": None,
        }
        if item.conditioning is not None:
            values["watts"] = item.conditioning.target_watts
        for name, value in values.items():
            self._field(name).value = "" if value is None else fmt.number(value, 1)
        self.query_one("#entry-message", Static).update("")

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
                else show.no_session(self.plan_today, self.problem)
            )
            for widget_id in ("#target", "#plates", "#timer", "#logged"):
                self.query_one(widget_id, Static).update("")
            self.query_one("#fields").display = False
            self.set_focus(None)
            self._refresh_keys()
            return
        self.sub_title = f"Workout · #{self.view.session.id} {self.view.session.session_name or ''}"
        title = Text(item.name, style="bold")
        title.append(f"  {item.block}", style="dim")
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
                "plates " + fmt.plates_text(load_kg, settings.equipment()),
                style="cyan",
            )
        )

    def tick(self) -> None:
        """Redraw the timers from the clock; note when an interval's work phase ends."""
        item = self.item
        timer = self.query_one("#timer", Static)
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

    # ------------------------------------------------------------------ entry

    @on(Input.Changed, "#f-weight")
    def _weight_changed(self) -> None:
        self._show_plates()

    @on(NumberField.Refused)
    def _refused(self, message: NumberField.Refused) -> None:
        name = message.field.border_title or "this field"
        self.query_one("#entry-message", Static).update(
            Text(f"{name}: numbers only ('{message.character}' refused)", style="red")
        )

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_log()

    @on(OptionList.OptionSelected, "#items")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option_index != self.index:
            self._go_to(event.option_index)

    def _entry(self, item: Item) -> Entry:
        fields = {name: self._field(name) for name in FIELDS_BY_KIND[item.kind]}
        return read_entry(
            item.kind,
            {name: field.value for name, field in fields.items()},
            {name: str(field.border_title or name) for name, field in fields.items()},
            self.units,
        )

    def action_log(self) -> None:
        item = self.item
        if self.view is None:
            if not self.busy and self.plan_today is not None:
                self._request(start=True)
            return
        if item is None:
            return
        try:
            entry = self._entry(item)
        except EntryError as error:
            self.query_one("#entry-message", Static).update(Text(error.message, style="red"))
            self._field(error.field).focus()
            return
        reasons = unusual(entry)
        if not reasons:
            self._queue_log(item, entry)
            return

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self._queue_log(item, entry)

        self.app.push_screen(ConfirmScreen("Log this set anyway?", reasons), answered)

    def _queue_log(self, item: Item, entry: Entry) -> None:
        from flux_cli.services import workout as services_workout

        assert self.view is not None
        metadata = interval_metadata(item, entry, self._done_count(item) + 1)
        call = functools.partial(
            services_workout.log_set,
            self.flux.ctx,
            self.view.session.id,
            item.name,
            weight_kg=entry.weight_kg,
            reps=entry.reps,
            seconds=entry.seconds,
            rpe=entry.rpe,
            metadata=metadata,
        )
        label = show.entry(entry, self.units)
        self.writes.add(Write("log", f"{item.name} {label}", call, payload=(item.name, label)))
        if item.conditioning is None and item.rest_s:
            self.rest.start(self.flux.clock.monotonic(), item.rest_s)
        self.query_one("#entry-message", Static).update("")
        if item.conditioning is not None:
            self._field("hr").value = ""
            self._field("watts").focus()
        self._pump()
        if item.target_sets and self._done_count(item) >= item.target_sets:
            following = self._next_open()
            if following is not None:
                self._go_to(following)
                return
        self._show()

    def _next_open(self) -> int | None:
        order = list(range(self.index + 1, len(self.items))) + list(range(self.index))
        return next(
            (i for i in order if self._done_count(self.items[i]) < self.items[i].target_sets), None
        )

    # ------------------------------------------------------------------ writes

    def _pump(self) -> None:
        write = self.writes.next()
        if write is not None:
            self._run_write(write)

    @work(thread=True, group="writes")
    def _run_write(self, write: Write) -> None:
        try:
            result = write.call()
        except Exception as error:
            self.post_message(WriteFailed(write, error, is_retryable(error)))
            return
        self.post_message(WriteDone(write, result))

    @on(WriteDone)
    def _written(self, message: WriteDone) -> None:
        self.writes.done(message.write)
        status = self.query_one("#write-status", Static)
        write, result = message.write, message.result
        if write.kind == "log":
            self.sets.append(result)
            status.update(Text(f"saved: {write.label}", style="dim"))
        elif write.kind == "undo":
            if result is None:
                status.update(Text("nothing to undo", style="dim"))
            else:
                self.sets = [row for row in self.sets if row.id != result.id]
                status.update(Text(f"undone: {result.exercise}", style="dim"))
                self._prefill()
        elif write.kind in ("finish", "abandon"):
            self._after_close(write, result)
            return
        self._pump()
        self._show()

    @on(WriteFailed)
    def _write_failed(self, message: WriteFailed) -> None:
        write = message.write
        delay = self.writes.failed(write, retry=message.retry)
        reason = fmt.describe_error(message.error)
        status = self.query_one("#write-status", Static)
        if delay is None:
            status.update(Text(f"NOT SAVED: {write.label}: {reason}", style="bold red"))
            self.notify(f"{write.label}: {reason}", title="Not saved", severity="error")
            self._pump()
        else:
            status.update(
                Text(
                    f"could not save {write.label}: {reason}; retry {write.attempts} "
                    f"in {delay:g} s (r: now)",
                    style="bold red",
                )
            )
            self.set_timer(delay, self._pump)
        self._show()

    def action_retry(self) -> None:
        self._pump()

    # ------------------------------------------------------------------ actions

    def action_undo(self) -> None:
        from flux_cli.services import workout as services_workout

        if self.view is None:
            return
        call = functools.partial(
            services_workout.undo_last_set, self.flux.ctx, self.view.session.id
        )
        self.writes.add(Write("undo", "undo last set", call))
        self._pump()

    def action_move(self, step: int) -> None:
        if self.items:
            self._go_to((self.index + step) % len(self.items))

    def action_weight(self, direction: int) -> None:
        if self.item is not None and "weight" in FIELDS_BY_KIND[self.item.kind]:
            self._field("weight").action_step(direction)

    def action_extend_rest(self) -> None:
        self.rest.extend(self.flux.clock.monotonic())
        self.tick()

    def action_skip_rest(self) -> None:
        self.rest.skip()
        self.tick()

    def action_interval(self) -> None:
        item = self.item
        if item is not None and item.name in self.intervals:
            self.intervals[item.name].toggle(self.flux.clock.monotonic())
            self.tick()

    def action_finish(self) -> None:
        self._close("finish", "Finish the session and check it against the plan?")

    def action_abandon(self) -> None:
        self._close("abandon", "Abandon the session? It will not count toward history.")

    def _close(self, kind: str, question: str) -> None:
        from flux_cli import services

        if self.view is None:
            return
        call = services.complete_session if kind == "finish" else services.abandon_session

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                label = "finish session" if kind == "finish" else "abandon session"
                self.writes.add(Write(kind, label, functools.partial(call, self.flux.ctx)))  # type: ignore[arg-type]
                self._pump()

        self.app.push_screen(ConfirmScreen(question), answered)

    def _after_close(self, write: Write, result: Any) -> None:
        self.view, self.items, self.sets = None, [], []
        self.rest.skip()
        self.intervals = {}
        self.query_one("#write-status", Static).update("")
        self._show()
        if write.kind == "finish":
            completion: CompletionResult = result
            self.app.push_screen(
                VerdictScreen(completion), lambda _: self.flux.action_mode("today")
            )
        else:
            self.notify("session abandoned", title="Workout")
            self.flux.action_mode("today")
