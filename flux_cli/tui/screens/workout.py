"""Workout: the active session step by step; every set is stored the moment Enter is pressed.

What it shows lives in `workout_display`; this module holds loading, entry and the actions.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.widgets import Input, OptionList, Static

from flux_cli.present.text import markup_text
from flux_cli.tui import format as fmt
from flux_cli.tui import workout_text as show
from flux_cli.tui.keys import navigation
from flux_cli.tui.messages import (
    ServiceFailed,
    Swapped,
    WorkoutLoaded,
    WriteDone,
    WriteFailed,
)
from flux_cli.tui.screens.add_exercise import AddExerciseScreen
from flux_cli.tui.screens.modals import ConfirmScreen, VerdictScreen
from flux_cli.tui.screens.workout_display import FIELDS, WorkoutDisplay
from flux_cli.tui.widgets import NumberField
from flux_cli.tui.workout_model import (
    FIELDS_BY_KIND,
    Entry,
    EntryError,
    IntervalTimer,
    Item,
    extra_item,
    interval_metadata,
    items_for,
    read_entry,
    resume_index,
    unfinished_interval,
    unusual,
)
from flux_cli.tui.writes import Write, WriteKind, is_retryable, why_not_saved

if TYPE_CHECKING:
    from flux_cli.services import CompletionResult
    from flux_cli.storage.records import ExerciseRecord, SetRecord


TICK_S = 0.25


class WorkoutScreen(WorkoutDisplay):
    """Walks through the session: target, entry fields, logged sets, rest and interval timers.

    The entry fields keep every printable key; Esc leaves a field so the next key is a
    command (u, n, f, a, …), after which the field takes the focus again.
    """

    AUTO_FOCUS = None
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "log", "Log set"),
        Binding("u", "undo", "Undo"),
        Binding("n", "move(1)", "Next"),
        Binding("p", "move(-1)", "Prev", show=False),
        Binding("plus,equals_sign", "weight(1)", "Weight", key_display="+/-"),
        Binding("minus", "weight(-1)", "Weight down", show=False),
        Binding("e", "extend_rest", "Rest +30s", show=False),  # the rest timer's line says so
        Binding("s", "skip_rest", "Skip rest", show=False),
        Binding("space", "interval", "Timer", key_display="space", tooltip="Interval timer"),
        Binding("a", "add", "Add exercise"),
        # In the keys list (?), not the footer: the footer is full at 80 columns.
        Binding("o", "swap", "Swap", show=False, tooltip="Swap for the next best in its slot"),
        Binding("f", "finish", "Finish"),
        Binding("x", "abandon", "Abandon", show=False),
        Binding("r", "retry", "Retry writes", show=False),
        Binding("escape", "app.mode('today')", "Today", show=False),
        *navigation(show=False),
    ]

    # ------------------------------------------------------------------ layout

    def on_mount(self) -> None:
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
        else:
            self._focus_entry()  # back from another screen: ready to type the next set

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show only the keys that mean something for the current item."""
        item = self.item
        if action == "swap":
            return item is not None and item.conditioning is None and self.view is not None
        if action in ("undo", "move", "finish", "abandon", "retry", "add"):
            return self.view is not None
        if action == "interval":
            return item is not None and item.conditioning is not None
        if action in ("extend_rest", "skip_rest"):
            return item is not None and item.conditioning is None
        if action == "weight":
            return item is not None and "weight" in FIELDS_BY_KIND[item.kind]
        return True

    # ------------------------------------------------------------------ loading

    def _request(self, *, start: bool, again: bool = False) -> None:
        self.busy = True
        self._show()
        self.load(start, again)

    def load(self, start: bool, again: bool = False) -> None:
        """The active session (`start`: the day's plan started; `again`: a second one)."""
        ctx, day = self.flux.ctx, self.flux.clock.today()

        def read() -> WorkoutLoaded:
            from flux_cli import services
            from flux_cli.services import workout as services_workout

            view = services_workout.workout(ctx, day, start=start, again=again)
            if view is not None:
                return WorkoutLoaded(view)
            plan = services_workout.todays_plan(ctx, day)
            # A second session the same day is asked for: say what the day already holds.
            done = [
                item.session
                for item in services.history(ctx, since=day, until=day)
                if item.session.status == "completed"
            ]
            return WorkoutLoaded(None, plan, done[0] if done else None)

        self.call_service("workout", read, lambda loaded: loaded)

    @on(WorkoutLoaded)
    def _loaded(self, message: WorkoutLoaded) -> None:
        self.busy = False
        self.problem = None
        self.view = view = message.view
        self.plan_today = message.plan
        self.done_today = message.done
        self.shown = None
        if view is None:
            self.items, self.sets = [], []
            self._show()
            return
        self.units = view.settings.units
        self._field("weight").step = fmt.weight_step(view.settings.bar_and_plates())
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

    # ------------------------------------------------------------------ entry

    @on(Input.Changed, "#f-weight")
    def _weight_changed(self) -> None:
        self._show_plates()

    @on(NumberField.Refused)
    def _refused(self, message: NumberField.Refused) -> None:
        name = message.field.border_title or "this field"
        self.query_one("#entry-message", Static).update(
            Text(
                f"{name}: numbers only ('{message.character}' refused): "
                "Esc first for a command key",
                style="red",
            )
        )

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_log()

    @on(OptionList.OptionSelected, "#items")
    def _picked(self, event: OptionList.OptionSelected) -> None:
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
            self._start()
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
        if item.name in self.intervals:
            round_number = self._done_count(item) + 1
            early = unfinished_interval(
                self.intervals[item.name], round_number, self.flux.clock.monotonic()
            )
            if early:
                reasons.append(early)
        if not reasons:
            self._queue_log(item, entry)
            return

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self._queue_log(item, entry)

        self.app.push_screen(ConfirmScreen("Log this set anyway?", reasons), answered)

    def _start(self) -> None:
        """Start the day's plan; a second session on a day already done is asked for first."""
        if self.busy or self.plan_today is None:
            return
        done = self.done_today
        if done is None:
            self._request(start=True)
            return

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self._request(start=True, again=True)

        self.app.push_screen(
            ConfirmScreen(
                f"{done.session_name or 'A session'} is already done today "
                f"(#{done.id}). Start a second session today?",
                [f"it would be {self.plan_today.session_name} again: the plan for today"],
            ),
            answered,
        )

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
        else:
            self._field("rpe").value = ""  # each set is rated afresh, never a copy
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

    def _run_write(self, write: Write) -> None:
        self.call_service(
            "writes",
            write.call,
            lambda result: WriteDone(write, result),
            failed=lambda error: WriteFailed(write, error, is_retryable(error)),
            exclusive=False,
        )

    @on(WriteDone)
    def _written(self, message: WriteDone) -> None:
        self.writes.done(message.write)
        status = self.query_one("#write-status", Static)
        write, result = message.write, message.result
        if write.kind == "log":
            self.sets.append(result)
            status.update(Text(f"saved: {write.label}", style="dim"))
            self._suggest_after(result)
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

    def _suggest_after(self, logged: SetRecord) -> None:
        """After a set of the current item is stored, its next load follows the plan's rule."""
        item = self.item
        if item is None or item.name != logged.exercise:
            return  # moved on: that item's prefill is computed when it is shown again
        suggestion = self._next_set(item, logged)
        self.query_one("#next-set", Static).update(show.next_set(suggestion, self.units))
        if suggestion is not None:
            self._field("weight").value = fmt.number(
                fmt.to_display(suggestion.next_load_kg, self.units), 1
            )

    @on(WriteFailed)
    def _write_failed(self, message: WriteFailed) -> None:
        write = message.write
        delay = self.writes.failed(write, retry=message.retry)
        reason = why_not_saved(message.error)
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
        self._focus_entry()

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
        self._focus_entry()

    def action_move(self, step: int) -> None:
        if self.items:
            self._go_to((self.index + step) % len(self.items))

    def action_weight(self, direction: int) -> None:
        if self.item is not None and "weight" in FIELDS_BY_KIND[self.item.kind]:
            self._field("weight").action_step(direction)
        self._focus_entry()

    def action_extend_rest(self) -> None:
        self.rest.extend(self.flux.clock.monotonic())
        self.tick()
        self._focus_entry()

    def action_skip_rest(self) -> None:
        self.rest.skip()
        self.tick()
        self._focus_entry()

    def action_interval(self) -> None:
        item = self.item
        if item is not None and item.name in self.intervals:
            self.intervals[item.name].toggle(self.flux.clock.monotonic())
            self.tick()
        self._focus_entry()

    def action_add(self) -> None:
        """Pick an exercise from the catalogue and log it as an extra, outside the plan."""
        if self.view is None:
            return

        def picked(exercise: ExerciseRecord | None) -> None:
            if exercise is None:
                self._focus_entry()
                return
            known = next(
                (i for i, item in enumerate(self.items) if item.name == exercise.name), None
            )
            if known is None:
                self.items.append(extra_item(exercise))
                known = len(self.items) - 1
                self._show_progress()
            self._go_to(known)

        self.app.push_screen(AddExerciseScreen(), picked)

    def action_swap(self) -> None:
        """Swap the current exercise for the next best candidate in its slot (re-solved)."""
        item = self.item
        if self.view is None or item is None:
            return
        ctx, day, name = self.flux.ctx, self.flux.clock.today(), item.name

        def swap() -> Swapped:
            from flux_cli.errors import FluxError
            from flux_cli.services import workout as services_workout
            from flux_cli.services.explaining import swap_exercise

            try:
                done = swap_exercise(ctx, name)
            except FluxError as refused:
                return Swapped(name, name, "", None, refused=refused.message)
            view = services_workout.workout(ctx, day, start=False)
            return Swapped(done.swapped_out, done.swapped_in, done.slot, view)

        self.busy = True
        self._show()
        self.call_service("swap", swap, lambda swapped: swapped)

    @on(Swapped)
    def _swapped(self, message: Swapped) -> None:
        if message.refused is not None:
            self.busy = False
            self._show()
            self.notify(markup_text(message.refused), title="Swap", severity="warning")
            return
        out, incoming = markup_text(message.swapped_out), markup_text(message.swapped_in)
        self.notify(f"{message.slot}: {out} → {incoming}", title="Swap")
        self._loaded(WorkoutLoaded(message.view))
        target = next(
            (i for i, item in enumerate(self.items) if item.name == message.swapped_in), None
        )
        if target is not None:
            self._go_to(target)

    def action_finish(self) -> None:
        self._close("finish", "Finish the session and check it against the plan?")

    def action_abandon(self) -> None:
        self._close("abandon", "Abandon the session? It will not count toward history.")

    def _close(self, kind: WriteKind, question: str) -> None:
        from flux_cli import services
        from flux_cli.tui.screens.effort import FinishScreen

        if self.view is None:
            return
        session_id = self.view.session.id
        dialog = FinishScreen(question) if kind == "finish" else ConfirmScreen(question)

        def answered(confirmed: bool | None) -> None:
            if not confirmed:
                self._focus_entry()
                return
            # Tied to this session, as log and undo are: one closed elsewhere is not closed twice.
            if kind == "finish":
                rpe = dialog.rpe if isinstance(dialog, FinishScreen) else None
                finish = functools.partial(
                    services.complete_session, self.flux.ctx, session_id=session_id, session_rpe=rpe
                )
                write = Write(kind, "finish session", finish)
            else:
                abandon = functools.partial(
                    services.abandon_session, self.flux.ctx, session_id=session_id
                )
                write = Write(kind, "abandon session", abandon)
            self.writes.add(write)
            self._pump()

        self.app.push_screen(dialog, answered)

    def _after_close(self, write: Write, result: Any) -> None:
        self.view, self.items, self.sets = None, [], []
        self.rest.skip()
        self.intervals = {}
        self.query_one("#write-status", Static).update("")
        self._request(start=False)  # what the day holds now: done, and what a new start means
        if write.kind == "finish":
            completion: CompletionResult = result
            self.app.push_screen(
                VerdictScreen(completion), lambda _: self.flux.action_mode("today")
            )
        else:
            self.notify("session abandoned", title="Workout")
            self.flux.action_mode("today")
