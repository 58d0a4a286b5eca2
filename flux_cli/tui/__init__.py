"""The full-screen dashboard (Textual). Nothing here loads Textual until it is run."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flux_cli.services import Context


def run_dashboard(ctx: Context) -> None:
    """Check the database is usable (raising the usual StorageError), then run the app."""
    from flux_cli import services_workout

    services_workout.probe(ctx)
    from flux_cli.tui.app import make_app

    make_app(ctx).run()
