"""What every dashboard screen shares: the app's state, and one way to call a service.

Screens see the app through `Host`, a protocol, so they never import the app module (which
imports them); services run in worker threads that only post messages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar, cast

from textual.screen import ModalScreen, Screen

from flux_cli.tui.messages import ServiceFailed

if TYPE_CHECKING:
    from textual.message import Message

    from flux_cli.errors import FluxError
    from flux_cli.services import Context
    from flux_cli.services.workout import Dashboard
    from flux_cli.tui.clock import Clock
    from flux_cli.tui.writes import WriteQueue

ResultT = TypeVar("ResultT")
ValueT = TypeVar("ValueT")


class Host(Protocol):
    """The app as the screens use it: the services' context, the clock, shared state."""

    ctx: Context
    clock: Clock
    dashboard: Dashboard | None  # the latest Today data, for the other screens
    writes: WriteQueue  # the workout's writes; the app asks before quitting past them
    resumed: bool  # an active session found at start sends the athlete to it once

    def action_mode(self, mode: str) -> None: ...

    def fail_start(self, error: FluxError) -> None: ...


class FluxScreen(Screen[ResultT]):
    """A dashboard screen: typed access to the app and service calls off the UI thread."""

    @property
    def flux(self) -> Host:
        return cast("Host", self.app)

    def call_service(
        self,
        what: str,
        call: Callable[[], ValueT],
        done: Callable[[ValueT], Message],
        *,
        failed: Callable[[Exception], Message] | None = None,
        exclusive: bool = True,
    ) -> None:
        """Run `call` in a worker thread; post `done(result)`, or `failed(error)` if it raises.

        Every exception becomes a message (ServiceFailed unless `failed` says otherwise), so
        the screen's handler decides what the athlete sees; none ends the app.
        """

        def job() -> None:
            from textual.worker import get_current_worker

            try:
                result = call()
            except Exception as error:
                message = failed(error) if failed else ServiceFailed(what, error)
            else:
                message = done(result)
            if not get_current_worker().is_cancelled:  # a newer call of the group replaced it
                self.post_message(message)

        self.run_worker(job, name=what, group=what, thread=True, exclusive=exclusive)


class FluxModal(ModalScreen[ResultT], FluxScreen[ResultT]):
    """A dialog that calls services (the check-in form, adding an exercise).

    ModalScreen comes first: Textual takes CSS (the dimmed, centred look) from first bases.
    """
