"""The full-screen dashboard (Textual). Nothing here loads Textual until it is run."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flux_cli.services import Context


def run_dashboard(ctx: Context) -> None:
    """Run the app; a database or rules file it cannot use at start raises the usual error.

    The app draws Today first and opens the database in a worker, so the first frame does
    not wait for storage; a failure there ends the app and is raised here (exit 3 or 2).
    """
    from flux_cli.tui.app import make_app

    app = make_app(ctx)
    app.run()
    if app.startup_error is not None:
        raise app.startup_error
