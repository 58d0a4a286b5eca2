"""`flux session start | show | complete | abandon`."""

from __future__ import annotations

from typing import Annotated

import typer

from flux_cli.cli.context import context
from flux_cli.cli.errors import handle_errors
from flux_cli.cli.options import DateOption, JsonFlag, parse_day

app = typer.Typer(
    help="The day's session: start it, show it, complete or abandon it.", no_args_is_help=True
)


@app.command()
@handle_errors
def start(
    ctx: typer.Context,
    date: DateOption = None,
    again: Annotated[
        bool, typer.Option("--again", help="Start a second session on a day already completed.")
    ] = False,
    json: JsonFlag = False,
) -> None:
    """Turn the day's plan into the active session (adopting sets already logged that day)."""
    from flux_cli import services
    from flux_cli.cli import render

    view = services.start_session(context(ctx), parse_day(date), again=again)
    render.session_view(view, as_json=json)


@app.command()
@handle_errors
def show(ctx: typer.Context, json: JsonFlag = False) -> None:
    """The active session: its plan and the sets logged so far."""
    from flux_cli import services
    from flux_cli.cli import render

    render.session_view(services.show_session(context(ctx)), as_json=json)


@app.command()
@handle_errors
def complete(
    ctx: typer.Context,
    rpe: Annotated[
        float | None,
        typer.Option("--rpe", metavar="RPE", help="How hard the whole session was, 1-10."),
    ] = None,
    minutes: Annotated[
        float | None,
        typer.Option("--minutes", metavar="M", help="How long the session took, in minutes."),
    ] = None,
    json: JsonFlag = False,
) -> None:
    """Verify the logged sets against the plan and apply earned progression."""
    from flux_cli import services
    from flux_cli.cli import render

    result = services.complete_session(context(ctx), session_rpe=rpe, minutes=minutes)
    render.completion(result, as_json=json)


@app.command()
@handle_errors
def abandon(ctx: typer.Context, json: JsonFlag = False) -> None:
    """Close the active session without counting it."""
    from flux_cli import services
    from flux_cli.cli import render

    render.abandoned(services.abandon_session(context(ctx)), as_json=json)
