"""The dashboard app and its one factory, shared by `flux dashboard` and the tests.

Only Today is imported up front; the other screens load the first time they are opened, so
the first frame does not wait for code it does not draw.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType

from flux_cli.tui.clock import Clock, SystemClock
from flux_cli.tui.screens.today import TodayScreen
from flux_cli.tui.writes import WriteQueue

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.screen import Screen

    from flux_cli.errors import FluxError
    from flux_cli.services import Context
    from flux_cli.services.workout import Dashboard


def _workout_screen() -> Screen[None]:
    from flux_cli.tui.screens.workout import WorkoutScreen

    return WorkoutScreen()


def _history_screen() -> Screen[None]:
    from flux_cli.tui.screens.history import HistoryScreen

    return HistoryScreen()


def _trends_screen() -> Screen[None]:
    from flux_cli.tui.screens.trends import TrendsScreen

    return TrendsScreen()


class FluxApp(App[None]):
    """Today, check-in, workout and history over the same services as the CLI.

    It is the screens' `Host` (flux_cli.tui.base): they reach it through that protocol only.
    """

    TITLE = "flux"
    CSS_PATH = Path(__file__).with_name("flux.tcss")
    MODES: ClassVar[dict[str, Any]] = {
        "today": TodayScreen,
        "workout": _workout_screen,
        "history": _history_screen,
        "trends": _trends_screen,
    }
    DEFAULT_MODE = "today"
    # Below 100 columns screens are `-narrow`: the footer tightens to fit 80 (flux.tcss).
    # Textual declares this without ClassVar, so mypy refuses the annotation here.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "toggle_keys", "Keys", key_display="?"),
    ]

    def __init__(self, ctx: Context, clock: Clock) -> None:
        from flux_cli.services import keep_open

        super().__init__()
        from flux_cli.tui.safe_text import ControlCharacterFilter

        self._filters.append(ControlCharacterFilter())  # data never drives the terminal
        self.ctx = keep_open(ctx)  # one database for the app's life, one unit of work per action
        self.clock = clock
        self.resumed = False  # an active session found at start sends us to the workout once
        self.dashboard: Dashboard | None = None  # the latest Today data, for other screens
        self.writes = WriteQueue()  # the workout's writes, kept here so quitting sees them
        self.startup_error: FluxError | None = None  # why the first load failed, if it did

    def on_unmount(self) -> None:
        from flux_cli import services

        services.close(self.ctx)

    def fail_start(self, error: FluxError) -> None:
        """Leave at once with `error`: `run_dashboard` reports it as every command would."""
        self.startup_error = error
        self.exit(return_code=error.exit_code)

    async def action_quit(self) -> None:
        """Quit, but not silently past sets that are still waiting to be stored."""
        from flux_cli.tui.screens.modals import ConfirmScreen

        unsaved = len(self.writes)
        if not unsaved:
            self.exit()
            return

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.exit()

        self.push_screen(
            ConfirmScreen(
                f"{unsaved} change(s) not stored yet (still retrying). Quit and lose them?",
                ["press n to stay: the dashboard keeps retrying"],
            ),
            answered,
        )

    def action_mode(self, mode: str) -> None:
        if self.current_mode != mode:
            self.switch_mode(mode)

    def action_checkin(self) -> None:
        from flux_cli.tui.screens.checkin import CheckinScreen

        if not isinstance(self.screen, CheckinScreen):
            self.push_screen(CheckinScreen())

    def action_toggle_keys(self) -> None:
        """List the keys of this screen and the app (not a text field's editing keys)."""
        from textual.screen import Screen as ScreenType

        from flux_cli.tui.screens.modals import KeysScreen

        screen = self.screen
        if isinstance(screen, KeysScreen):
            screen.dismiss(None)
            return
        keys: dict[str, tuple[str, str]] = {}
        for node, binding, enabled, _tooltip in screen.active_bindings.values():
            ours = binding.show or isinstance(node, (ScreenType, App))
            if not enabled or not ours or not binding.description:
                continue
            keys.setdefault(binding.action, (self.get_key_display(binding), binding.description))
        keys["palette"] = ("ctrl+p", "Command palette")
        keys["ctrl+q"] = ("ctrl+q", "Quit (even from a text field)")
        self.push_screen(KeysScreen(screen.sub_title or "flux", list(keys.values())))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Today", "The state, the plan and recent work", self._go("today"))
        yield SystemCommand("Check-in", "Record today's readiness", self.action_checkin)
        yield SystemCommand("Workout", "Log the active session", self._go("workout"))
        yield SystemCommand("History", "Sessions, sets and e1RM plots", self._go("history"))
        yield SystemCommand("Trends", "Load, fitness, fatigue and form", self._go("trends"))

    def _go(self, mode: str) -> Callable[[], None]:
        return lambda: self.action_mode(mode)


def make_app(ctx: Context, *, clock: Clock | None = None) -> FluxApp:
    """The dashboard for `ctx`; tests pass a fake clock to drive the timers."""
    return FluxApp(ctx, clock or SystemClock())
