"""`flux import`, `flux export` and `flux exercises …`: history in and out of flux.

Only typer and the standard library load at import time; services, storage and Rich load
inside the commands.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from flux_cli.cli import complete
from flux_cli.cli.errors import handle_errors
from flux_cli.cli.options import JsonFlag, parse_optional_day

if TYPE_CHECKING:
    from flux_cli.services import Context
    from flux_cli.services.importing import ImportSource, Progress

exercises_app = typer.Typer(
    help="The exercise catalogue: list it, map other apps' names onto it.", no_args_is_help=True
)


def _context(ctx: typer.Context) -> Context:
    from flux_cli.cli.context import context

    return context(ctx)


@handle_errors
def import_command(
    ctx: typer.Context,
    files: Annotated[
        list[str],
        typer.Argument(help="Export files to import; - reads stdin.", metavar="FILE"),
    ],
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="strong, hevy, strava, flux-csv (or csv) or flux-jsonl (or jsonl);"
            " default: detected from the header.",
            autocompletion=complete.import_formats,
        ),
    ] = None,
    units: Annotated[
        str | None,
        typer.Option("--units", help="kg or lb, for files that do not say (default: profile)."),
    ] = None,
    tz: Annotated[
        str | None,
        typer.Option("--tz", help="Time zone of exports without one, e.g. Europe/Berlin."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Report what would be imported; write nothing.")
    ] = False,
    skip_invalid: Annotated[
        bool, typer.Option("--skip-invalid", help="Import the good rows; list the bad ones.")
    ] = False,
    json: JsonFlag = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar and no report on success.")
    ] = False,
) -> None:
    """Import workouts and activities from Strong, Hevy, Strava or flux exports."""
    gc.enable()  # unbounded input: collect cycles as usual (the console script turns it off)
    from flux_cli.cli import transfer_render
    from flux_cli.errors import InputError
    from flux_cli.services import importing

    if units is not None and units not in ("kg", "lb"):
        raise InputError(f"bad --units '{units}'", hint="use kg or lb")
    sources = [importing.ImportSource.from_argument(name, sys.stdin.buffer) for name in files]
    importing.check_sources(sources)
    with _progress(sources, enabled=not quiet) as progress:
        report = importing.import_files(
            _context(ctx),
            sources,
            fmt=format,
            units=units,  # type: ignore[arg-type]
            tz=tz,
            dry_run=dry_run,
            skip_invalid=skip_invalid,
            progress=progress,
        )
    if json:
        transfer_render.import_json(report)
    elif not quiet:
        transfer_render.import_text(report)


@contextmanager
def _progress(sources: list[ImportSource], *, enabled: bool) -> Iterator[Progress | None]:
    """A Rich progress bar on stderr, for real files on a terminal only (else None)."""
    if not (enabled and sys.stderr.isatty() and all(source.path is not None for source in sources)):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    tasks = {
        source.name: bar.add_task(Path(source.name).name, total=source.size) for source in sources
    }

    def advance(source: ImportSource, position: int) -> None:
        bar.update(tasks[source.name], completed=position)

    with bar:
        yield advance


@handle_errors
def export_command(
    ctx: typer.Context,
    format: Annotated[
        str,
        typer.Option(
            "--format",
            help="csv or jsonl, flux's own (also spelt flux-csv, flux-jsonl, as import names"
            " them), or strong (Strong CSV).",
            autocompletion=complete.export_formats,
        ),
    ] = "csv",
    since: Annotated[str | None, typer.Option("--since", help="From this day, YYYY-MM-DD.")] = None,
    exercise: Annotated[str | None, typer.Option("--exercise", help="Only this exercise.")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to FILE (default: stdout).")
    ] = None,
    tz: Annotated[
        str | None, typer.Option("--tz", help="Zone for Strong's wall-clock dates (default UTC).")
    ] = None,
) -> None:
    """Export the profile's finished sessions (and activities) to stdout or a file."""
    gc.enable()  # unbounded output: collect cycles as usual (the console script turns it off)
    from flux_cli.services import exporting

    flux = _context(ctx)
    day = parse_optional_day(since)
    if output is None:
        exporting.export_history(flux, sys.stdout, fmt=format, since=day, exercise=exercise, tz=tz)
        sys.stdout.flush()
        return
    from flux_cli.services.output_file import output_file

    with output_file(output) as out:
        rows = exporting.export_history(flux, out, fmt=format, since=day, exercise=exercise, tz=tz)
    typer.echo(f"wrote {rows} rows to {output}", err=True)


@exercises_app.command("list")
@handle_errors
def exercises_list(
    ctx: typer.Context,
    custom: Annotated[
        bool, typer.Option("--custom", help="Only custom exercises (made by imports).")
    ] = False,
    json: JsonFlag = False,
    csv: Annotated[bool, typer.Option("--csv", help="One CSV row per exercise.")] = False,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON line per exercise.")] = False,
) -> None:
    """The exercises flux knows, by name."""
    from flux_cli.cli import transfer_render
    from flux_cli.services import exercises

    rows = exercises.list_exercises(_context(ctx), custom_only=custom)
    fmt = "json" if json else "csv" if csv else "jsonl" if jsonl else "text"
    transfer_render.exercises(rows, fmt=fmt)


@exercises_app.command("alias")
@handle_errors
def exercises_alias(
    ctx: typer.Context,
    other_name: Annotated[str, typer.Argument(help="Another app's name, e.g. 'Leg Press Keller'.")],
    catalogue_name: Annotated[str, typer.Argument(help="The flux exercise it stands for.")],
    json: JsonFlag = False,
) -> None:
    """Make OTHER_NAME mean CATALOGUE_NAME, in imports and everywhere else."""
    from flux_cli.cli import transfer_render
    from flux_cli.services import exercises

    result = exercises.alias_exercise(_context(ctx), other_name, catalogue_name)
    transfer_render.aliased(result, as_json=json)
