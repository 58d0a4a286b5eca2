"""The `flux` console script: the command line with the dashboard wired in.

`cli` and `tui` never import each other (DESIGN §8); this is the one module that knows both.
It loads no more than `flux_cli.cli.main` does: Textual loads only when the dashboard runs.
"""

from __future__ import annotations

import typer

from flux_cli.cli.context import context
from flux_cli.cli.errors import handle_errors
from flux_cli.cli.help import use_plain_help
from flux_cli.cli.main import app
from flux_cli.cli.main import main as run_cli

__all__ = ["app", "main"]


@app.command()
@handle_errors
def dashboard(ctx: typer.Context) -> None:
    """The full-screen dashboard: today's plan, check-in, workout logging, history."""
    from flux_cli.tui import run_dashboard

    run_dashboard(context(ctx))


use_plain_help(app)


def main() -> None:
    """Console-script entry point."""
    run_cli()
