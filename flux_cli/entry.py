"""The `flux` console script: the command line with the dashboard wired in.

`cli` and `tui` never import each other (DESIGN §8); this is the one module that knows both.
It loads no more than `flux_cli.cli.main` does: Textual loads only when the dashboard runs.
"""

from __future__ import annotations

import gc

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

    gc.enable()  # the dashboard runs for an hour, not a fraction of a second (see `main`)
    run_dashboard(context(ctx))


use_plain_help(app)


def main() -> None:
    """Console-script entry point.

    The cyclic garbage collector is off for the run. A command lives for a fraction of a
    second, and while importing it builds thousands of classes, validators and schemas that
    the collector would scan again and again for cycles it could not free anyway (≈ 40 ms of
    a 450 ms `flux plan`). Memory is still freed by reference counting. The commands that
    run long or read unbounded input — the dashboard, `import`, `export` — turn it back on.
    """
    gc.disable()
    run_cli()
