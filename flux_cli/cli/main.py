"""The `flux` command line: parse, call one service, render, exit.

Only typer and the standard library are imported at module level, so `flux --help`
and shell completion stay instant; services, storage and Rich load inside commands.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from flux_cli.cli import admin, body, complete, moves, session, strength, transfer
from flux_cli.cli.context import context
from flux_cli.cli.errors import FluxGroup, handle_errors
from flux_cli.cli.help import use_plain_help
from flux_cli.cli.options import (
    DateOption,
    JsonFlag,
    date_flag,
    parse_assignments,
    parse_day,
    parse_optional_day,
)
from flux_cli.errors import InputError

if TYPE_CHECKING:
    from flux_cli.services import Context

MinutesOption = Annotated[
    str | None,
    typer.Option(
        "--minutes", metavar="N", help="Time budget for the session (default: session_minutes)."
    ),
]
EquipmentOption = Annotated[
    str | None,
    typer.Option(
        "--equipment",
        metavar="LIST",
        help="Equipment for the day, e.g. dumbbells,bench or @home (default: the profile's).",
    ),
]
# `history --limit` at most: a 32-bit count, bound the same on SQLite and PostgreSQL.
HISTORY_LIMIT_MAX = 1_000_000_000

app = typer.Typer(
    name="flux",
    help="A training coach in the terminal: check in, get the next best action, log, progress.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    cls=FluxGroup,
)
app.add_typer(session.app, name="session")
app.add_typer(admin.profile_app, name="profile")
app.add_typer(admin.config_app, name="config")
app.add_typer(admin.db_app, name="db")
app.add_typer(transfer.exercises_app, name="exercises")
app.add_typer(moves.app, name="moves")
app.command("why")(moves.why)
app.command("import")(transfer.import_command)
app.command("export")(transfer.export_command)
app.command("prs")(strength.prs_command)
app.command("soreness")(body.soreness)
app.command("recovery")(body.recovery)
app.command("trends")(body.trends)


@app.callback()
def _global_options(
    ctx: typer.Context,
    profile: Annotated[
        str, typer.Option("--profile", envvar="FLUX_PROFILE", help="Athlete profile.")
    ] = "default",
    db: Annotated[
        str | None,
        typer.Option("--db", envvar="FLUX_DATABASE_URL", help="Database URL (default: SQLite)."),
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", envvar="FLUX_CONFIG", help="Rules file (YAML).")
    ] = None,
) -> None:
    from flux_cli.cli.errors import report
    from flux_cli.errors import FluxError
    from flux_cli.services import Context

    try:
        ctx.obj = Context(profile=profile, db_url=db or None, config_path=config)
    except FluxError as error:  # a bad --profile: reported like any command's error
        report(error)
        raise typer.Exit(int(error.exit_code)) from None


Inputs = Annotated[
    list[str] | None,
    typer.Argument(
        help="Readiness inputs as NAME=VALUE, e.g. knee_pain=2 energy=7.",
        autocompletion=complete.readiness_assignments,
    ),
]


@app.command()
@handle_errors
def checkin(
    ctx: typer.Context,
    inputs: Inputs = None,
    date: DateOption = None,
    json: JsonFlag = False,
    minutes: MinutesOption = None,
    equipment: EquipmentOption = None,
) -> None:
    """Record today's readiness, then print today's plan."""
    from flux_cli import services

    # One open database and one parse of the rules for both the prompt and the check-in.
    flux = services.keep_open(context(ctx))
    try:
        _checkin(flux, inputs, date, json, minutes, equipment)
    finally:
        services.close(flux)


def _checkin(
    flux: Context,
    inputs: list[str] | None,
    date: str | None,
    json: bool,
    minutes: str | None,
    equipment: str | None,
) -> None:
    from flux_cli import services
    from flux_cli.cli import render
    from flux_cli.services.composing import DayOptions

    day = parse_day(date)
    raw = parse_assignments(inputs, "readiness input", "energy=7")
    declared = services.readiness_inputs(flux)
    missing = [name for name in declared if name not in raw]
    if missing:
        if not sys.stdin.isatty():
            ranges = ", ".join(f"{n} ({declared[n].min:g}-{declared[n].max:g})" for n in missing)
            raise InputError(
                f"missing readiness input: {ranges}",
                hint="give them as arguments, e.g. flux checkin "
                + " ".join(f"{n}={declared[n].min:g}" for n in declared)
                + date_flag(day),
            )
        from flux_cli.engine.readiness import parse_value

        for name in missing:
            spec = declared[name]
            while name not in raw:
                answer = typer.prompt(f"{spec.label or name} [{spec.min:g}-{spec.max:g}]", err=True)
                try:
                    parse_value(name, spec, answer)
                except InputError as problem:
                    typer.echo(f"  {problem.message}", err=True)
                else:
                    raw[name] = answer
    result = services.checkin(flux, raw, day, DayOptions(minutes, equipment))
    if result.replaced is not None:
        earlier = " ".join(f"{n}={v:g}" for n, v in result.replaced.inputs.items())
        typer.echo(
            f"note: replaced the check-in already recorded for {day.isoformat()} ({earlier})",
            err=True,
        )
    render.plan(result.plan, as_json=json)
    if not json:
        typer.echo(
            f"next: flux session start{date_flag(day)} to begin this session, "
            "or flux dashboard and press w"
        )


@app.command()
@handle_errors
def plan(
    ctx: typer.Context,
    inputs: Inputs = None,
    date: DateOption = None,
    json: JsonFlag = False,
    minutes: MinutesOption = None,
    equipment: EquipmentOption = None,
) -> None:
    """Today's plan from the recorded check-in, or a what-if from NAME=VALUE inputs."""
    from flux_cli import services
    from flux_cli.cli import render

    raw = parse_assignments(inputs, "readiness input", "energy=7")
    day = parse_day(date)
    from flux_cli.services.composing import DayOptions

    options = DayOptions(minutes, equipment)
    render.plan(services.plan(context(ctx), raw, day, options), as_json=json)
    if raw and not json:
        given = " ".join(f"{name}={value}" for name, value in raw.items())
        typer.echo(
            f"what-if only, nothing stored; to make it the day's plan: "
            f"flux checkin {given}{date_flag(day)}"
        )


@app.command(context_settings={"ignore_unknown_options": True})
@handle_errors
def log(
    ctx: typer.Context,
    exercise: Annotated[
        str,
        typer.Argument(
            help="Exercise name or alias, e.g. 'Back Squat'.",
            autocompletion=complete.exercise_names,
        ),
    ],
    specs: Annotated[
        list[str],
        typer.Argument(
            help="Sets: 100x5, 100x5x3 (3 sets), 225lbx5, 32x40s (loaded hold), 24x20m "
            "(loaded carry), 12 (reps), 45s, 45sx3, 20min, 2km.",
            metavar="SPEC",
        ),
    ],
    rpe: Annotated[
        float | None, typer.Option("--rpe", metavar="RPE", help="RPE of these sets, 1-10.")
    ] = None,
    meta: Annotated[
        list[str] | None,
        typer.Option(
            "--meta",
            metavar="KEY=VALUE",
            help="Protocol data, e.g. avg_watts=310 (repeatable).",
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="The sets' day (default: the active session's, else today).",
        ),
    ] = None,
    json: JsonFlag = False,
) -> None:
    """Log sets into the active session (or a new ad-hoc one); --date must be its day."""
    from flux_cli import services
    from flux_cli.cli import render

    result = services.log_sets(
        context(ctx),
        exercise,
        specs,
        day=parse_optional_day(date),
        rpe=rpe,
        meta=services.parse_meta(meta or []),
    )
    render.logged(result, as_json=json)


@app.command()
@handle_errors
def history(
    ctx: typer.Context,
    exercise: Annotated[
        str | None,
        typer.Option(
            "--exercise",
            metavar="NAME",
            help="Only sessions and sets of this exercise.",
            autocompletion=complete.exercise_names,
        ),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="YYYY-MM-DD", help="From this day.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", metavar="YYYY-MM-DD", help="Up to this day.")
    ] = None,
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            metavar="KIND",
            help="sessions, activities (imported, e.g. Strava) or all.",
            autocompletion=complete.history_kinds,
        ),
    ] = "all",
    status: Annotated[
        str,
        typer.Option(
            "--status",
            metavar="STATUS",
            help="Only sessions that are completed, abandoned, active, planned or all.",
            autocompletion=complete.history_statuses,
        ),
    ] = "all",
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            min=1,
            max=HISTORY_LIMIT_MAX,
            metavar="N",
            help="At most N entries (sessions or activities), newest first, in every format.",
        ),
    ] = None,
    json: JsonFlag = False,
    csv: Annotated[
        bool, typer.Option("--csv", help="One CSV row per set, session without sets or activity.")
    ] = False,
    jsonl: Annotated[
        bool,
        typer.Option("--jsonl", help="One JSON line per set, session without sets or activity."),
    ] = False,
) -> None:
    """Sessions with their sets, and imported activities, newest first."""
    from flux_cli.cli import render
    from flux_cli.services import logbook

    page = logbook.history_page(
        context(ctx),
        kind=kind,
        status=status,
        exercise=exercise,
        since=parse_optional_day(since),
        until=parse_optional_day(until),
        limit=limit,
    )
    fmt = "json" if json else "csv" if csv else "jsonl" if jsonl else "text"
    render.history(page.entries, fmt=fmt, kind=kind, unit=page.units)


@app.command()
@handle_errors
def seed(
    ctx: typer.Context,
    config: Annotated[Path | None, typer.Option("--config", help="Rules file to push.")] = None,
    catalog: Annotated[
        Path | None,
        typer.Option("--catalog", help="An exercise catalogue (free-exercise-db JSON)."),
    ] = None,
    json: JsonFlag = False,
) -> None:
    """Push a rules file and an exercise catalogue into the database (idempotent)."""
    from flux_cli import services
    from flux_cli.cli import render

    render.seeded(services.seed(context(ctx), config, catalog), as_json=json)


@app.command()
@handle_errors
def paths(ctx: typer.Context, json: JsonFlag = False) -> None:
    """Where data, rules and the database live."""
    from flux_cli import services
    from flux_cli.cli import render

    render.mapping(services.where(context(ctx)), as_json=json)


use_plain_help(app)


def main() -> None:
    """Run the command line (the console script adds the dashboard: `flux_cli.entry`).

    Usage errors, Ctrl-C and broken pipes are handled by the root group (`FluxGroup`); the
    commands are built from their typer definitions only when run or listed (`cli.lazy`).
    """
    from flux_cli.cli.lazy import lazy_group

    lazy_group(app)()
