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
    minutes: Annotated[
        str | None,
        typer.Option("--minutes", metavar="N", help="Time budget (default: session_minutes)."),
    ] = None,
    equipment: Annotated[
        str | None,
        typer.Option("--equipment", metavar="LIST", help="Equipment for the day, e.g. @home."),
    ] = None,
) -> None:
    """Turn the day's plan into the active session (adopting sets already logged that day)."""
    from flux_cli import services
    from flux_cli.cli import render
    from flux_cli.services.composing import DayOptions

    options = DayOptions(minutes, equipment)
    view = services.start_session(context(ctx), parse_day(date), again=again, options=options)
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


@app.command()
@handle_errors
def swap(
    ctx: typer.Context,
    exercise: Annotated[str, typer.Argument(help="The exercise to swap out.", show_default=False)],
    json: JsonFlag = False,
) -> None:
    """Swap an exercise of the active session for the next best in its slot."""
    import json as json_module
    import sys

    from flux_cli.services.explaining import swap_exercise

    result = swap_exercise(context(ctx), exercise)
    if json:
        data = {
            "session_id": result.session_id,
            "slot": result.slot,
            "swapped_out": result.swapped_out,
            "swapped_in": result.swapped_in,
        }
        sys.stdout.write(json_module.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return
    from flux_cli.present.text import visible

    out, incoming = visible(result.swapped_out), visible(result.swapped_in)
    typer.echo(f"session #{result.session_id}, {result.slot}: {out} → {incoming}")
