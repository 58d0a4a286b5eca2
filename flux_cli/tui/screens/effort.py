"""The finish dialog: confirm, and optionally say how hard the whole session was (session RPE).

A digit sets the session RPE (0 is 10) for the load ledger; y/Enter finishes as before, so
finishing without a rating is one key, as it always was.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from flux_cli.tui.screens.modals import ConfirmScreen

RPE_HELP = "How hard was the whole session? 1-9, 0 for 10 (optional, for the load ledger)"


class FinishScreen(ConfirmScreen):
    """ConfirmScreen with an optional session RPE, read from `rpe` once it is dismissed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *ConfirmScreen.BINDINGS,
        *(
            Binding(str(digit), f"rate({digit or 10})", "Session RPE", show=False)
            for digit in range(10)
        ),
    ]

    def __init__(self, question: str) -> None:
        super().__init__(question, [RPE_HELP])
        self.rpe: int | None = None

    def compose(self) -> ComposeResult:
        yield from super().compose()

    def on_mount(self) -> None:
        self.query_one("#confirm").mount(Static(self._rating(), id="session-rpe"), before=2)

    def action_rate(self, rpe: int) -> None:
        self.rpe = rpe
        self.query_one("#session-rpe", Static).update(self._rating())

    def _rating(self) -> Text:
        if self.rpe is None:
            return Text("session RPE: not given", style="dim")
        return Text(f"session RPE: {self.rpe}", style="bold")
