"""Add an exercise outside the plan: a name completed from the catalogue, checked in place."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static

from flux_cli.tui import format as fmt
from flux_cli.tui.base import FluxModal
from flux_cli.tui.messages import CatalogueLoaded, ServiceFailed

if TYPE_CHECKING:
    from flux_cli.storage.records import ExerciseRecord


class AddExerciseScreen(FluxModal["ExerciseRecord | None"]):
    """Type the start of a name, → takes the suggestion, Enter adds it; Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self) -> None:
        super().__init__()
        self.by_name: dict[str, ExerciseRecord] = {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="add-exercise"):
            yield Static("[b]Add an exercise[/]  outside today's plan", classes="title")
            yield Input(placeholder="exercise name → completes", id="add-name", compact=True)
            yield Static("loading the catalogue…", id="add-status")

    def on_mount(self) -> None:
        ctx = self.flux.ctx

        def read() -> list[ExerciseRecord]:
            from flux_cli.services import exercises

            return [row.exercise for row in exercises.list_exercises(ctx)]

        self.call_service("catalogue", read, CatalogueLoaded)

    @on(CatalogueLoaded)
    def _loaded(self, message: CatalogueLoaded) -> None:
        for exercise in message.exercises:
            self.by_name.setdefault(exercise.name.casefold(), exercise)
        for exercise in message.exercises:
            for alias in exercise.aliases:
                self.by_name.setdefault(alias.casefold(), exercise)
        names = [exercise.name for exercise in message.exercises]
        self.query_one("#add-name", Input).suggester = SuggestFromList(names, case_sensitive=False)
        self._status(f"{len(names)} exercises: → takes the suggestion, Enter adds, Esc cancels")

    @on(ServiceFailed)
    def _failed(self, message: ServiceFailed) -> None:
        self._status(f"could not load: {fmt.describe_error(message.error)}", error=True)

    @on(Input.Submitted, "#add-name")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = event.value.strip()
        if not name:
            self._status("type the start of a name", error=True)
            return
        # What the field suggests (the first name that starts so) is what Enter adds.
        found = self.by_name.get(name.casefold()) or next(
            (exercise for key, exercise in self.by_name.items() if key.startswith(name.casefold())),
            None,
        )
        if found is None:
            self._status(f"'{name}' is not in the catalogue (flux exercises list)", error=True)
            return
        self.dismiss(found)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _status(self, text: str, *, error: bool = False) -> None:
        self.query_one("#add-status", Static).update(
            Text(text, style="bold red" if error else "dim")
        )
