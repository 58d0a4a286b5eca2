"""The full-screen dashboard (Textual). Nothing here loads Textual until it is run."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from flux_cli.errors import InputError

if TYPE_CHECKING:
    from flux_cli.services import Context


def has_terminal() -> bool:
    """Whether keys can be read and the screen drawn: Textual reads stdin, draws on stderr."""
    streams = (sys.stdin, sys.__stdin__, sys.__stderr__)
    return all(stream is not None and stream.isatty() for stream in streams)


def run_dashboard(ctx: Context) -> None:
    """Run the app; a database or rules file it cannot use at start raises the usual error.

    The app draws Today first and opens the database in a worker, so the first frame does
    not wait for storage; a failure there ends the app and is raised here (exit 3 or 2).
    Without a terminal it would wait for keys that never come: that is refused (exit 2).
    """
    if not has_terminal():
        raise InputError(
            "flux dashboard needs a terminal (stdin and stderr are not one)",
            hint="run it in a terminal window; in scripts use flux plan, flux log, flux history",
        )
    from flux_cli.tui.app import make_app

    app = make_app(ctx)
    app.run()
    if app.startup_error is not None:
        raise app.startup_error
