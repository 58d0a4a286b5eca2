"""Dialogs: a yes/no confirmation and the completion verdict."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from flux_cli.present.styles import OUTCOME_STYLES

if TYPE_CHECKING:
    from flux_cli.services import CompletionResult


class ConfirmScreen(ModalScreen[bool]):
    """Ask before doing something unusual or final; y/Enter confirms, n/Esc declines."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, details: list[str] | None = None) -> None:
        super().__init__()
        self.question = question
        self.details = details or []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm"):
            yield Static(Text(self.question, style="bold"))
            for line in self.details:
                yield Static(f"• {line}")
            with Horizontal(classes="buttons"):
                yield Button("Yes (y)", id="yes", variant="warning")
                yield Button("No (n)", id="no")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class KeysScreen(ModalScreen[None]):
    """The keys of the screen underneath, and the app's own; any of ?, Esc, Enter closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,escape,enter", "close", "Close")
    ]

    def __init__(self, title: str, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.keys = keys

    def compose(self) -> ComposeResult:
        width = max((len(key) for key, _ in self.keys), default=0)
        lines = Text()
        for index, (key, description) in enumerate(self.keys):
            lines.append(("\n" if index else "") + key.rjust(width), style="bold")
            lines.append(f"  {description}")
        with Vertical(classes="dialog", id="keys"):
            yield Static(Text(f"Keys: {self.title_text}", style="bold"), classes="title")
            with VerticalScroll(id="keys-body"):
                yield Static(lines)
            yield Static(Text("ctrl+p opens the command palette; the mouse works too", style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)


class VerdictScreen(ModalScreen[None]):
    """What completing the session found: each item verified, each level change and why."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter,escape", "close", "Close")]

    def __init__(self, result: CompletionResult) -> None:
        super().__init__()
        self.result = result

    def compose(self) -> ComposeResult:
        verdict = self.result.verdict
        with Vertical(classes="dialog", id="verdict"):
            yield Static(
                Text(f"Session #{self.result.session_id} {self.result.status}", style="bold"),
                classes="title",
            )
            with VerticalScroll(id="verdict-body"):
                for change in verdict.progression:
                    line = Text()
                    line.append(
                        f"{change.protocol} {change.outcome.upper()} "
                        f"L{change.from_level} → L{change.to_level}",
                        style=OUTCOME_STYLES.get(change.outcome, "bold"),
                    )
                    line.append(f": {change.reason}")
                    yield Static(line, classes="change")
                if not verdict.progression:
                    yield Static(Text("no level changes", style="dim"))
                for item in verdict.verification:
                    line = Text()
                    line.append("✓ " if item.met else "✗ ", style="green" if item.met else "red")
                    line.append(f"{item.item}: {item.prescribed} → {item.logged}")
                    yield Static(line, classes="verified")
                for line in record_lines(self.result):
                    yield Static(line, classes="record")
                if self.result.ftp_proposal is not None:
                    yield Static(Text(self.result.ftp_proposal, style="bold"), classes="ftp")
            with Horizontal(classes="buttons"):
                yield Button("OK", id="ok", variant="primary")

    def action_close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.dismiss(None)


def record_lines(result: CompletionResult) -> list[Text]:
    """The PRs the session set, as `session complete` announces them; a deload sets none."""
    from flux_cli.services.strength import record_name
    from flux_cli.tui import format as fmt

    if result.deload:
        return [Text("deload session: no PRs counted", style="dim")]
    lines = []
    for pr in result.records:
        value = fmt.weight(pr.value, result.units) + (" × reps" if pr.record == "volume" else "")
        line = Text.assemble(("PR ", "bold green"), f"{pr.exercise} {record_name(pr.record)}: ")
        line.append(value, style="bold")
        line.append(f" ({fmt.weight(pr.weight_kg, result.units)} × {pr.reps})", style="dim")
        lines.append(line)
    return lines
