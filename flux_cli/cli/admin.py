"""`flux profile …`, `flux config …` and `flux db …`: the athlete's facts and the plumbing."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from flux_cli.cli import complete
from flux_cli.cli.context import context
from flux_cli.cli.errors import handle_errors
from flux_cli.cli.options import JsonFlag, parse_assignments
from flux_cli.present.text import visible

profile_app = typer.Typer(
    help="The athlete's facts: ftp_watts, e1rm_formula, units, …", no_args_is_help=True
)
config_app = typer.Typer(help="The rules file: validate, show, locate.", no_args_is_help=True)
db_app = typer.Typer(help="The database: migrations and URL.", no_args_is_help=True)


@profile_app.command("show")
@handle_errors
def profile_show(ctx: typer.Context, json: JsonFlag = False) -> None:
    """Show the profile's settings."""
    from flux_cli import services
    from flux_cli.cli import render

    name, settings = services.profile_show(context(ctx))
    render.profile(name, settings, as_json=json)


@profile_app.command("set")
@handle_errors
def profile_set(
    ctx: typer.Context,
    assignments: Annotated[
        list[str],
        typer.Argument(
            help="KEY=VALUE, e.g. ftp_watts=250 units=kg.",
            autocompletion=complete.profile_assignments,
        ),
    ],
    json: JsonFlag = False,
) -> None:
    """Change profile settings."""
    from flux_cli import services
    from flux_cli.cli import render

    flux = context(ctx)
    settings = services.profile_set(
        flux, parse_assignments(assignments, "setting", "ftp_watts=250")
    )
    render.profile(flux.profile, settings, as_json=json)


@config_app.command("validate")
@handle_errors
def config_validate(
    path: Annotated[
        Path | None, typer.Argument(help="Rules file (default: the shipped one).")
    ] = None,
) -> None:
    """Check a rules file; every problem is reported with file, line and key path."""
    from flux_cli import services

    loaded = services.validate_rules_file(path)
    rules = loaded.rules
    typer.echo(
        f"{loaded.origin}: ok ({len(rules.readiness)} inputs, {len(rules.states)} states, "
        f"{len(rules.archetypes)} archetypes, {len(rules.protocols)} protocols)"
    )


@config_app.command("show")
@handle_errors
def config_show(ctx: typer.Context) -> None:
    """Print the rules in force."""
    from flux_cli import services

    loaded = services.active_rules(context(ctx))
    typer.echo(f"# {visible(loaded.origin)}", err=True)
    # The text passed YAML's reader, which refuses control characters other than line breaks.
    typer.echo(loaded.text, nl=not loaded.text.endswith("\n"))


@config_app.command("path")
@handle_errors
def config_path(ctx: typer.Context) -> None:
    """Say where the rules in force come from."""
    from flux_cli import services

    typer.echo(visible(services.active_rules(context(ctx)).origin))


@db_app.command("upgrade")
@handle_errors
def db_upgrade(ctx: typer.Context) -> None:
    """Bring the database schema to the newest revision."""
    from flux_cli import services

    before, after = services.db_upgrade(context(ctx))
    typer.echo(f"schema: {before or 'none'} -> {after}")


@db_app.command("current")
@handle_errors
def db_current(ctx: typer.Context, json: JsonFlag = False) -> None:
    """The schema revision of the database, beside the one flux needs."""
    from flux_cli import services
    from flux_cli.cli import render

    current, head = services.db_current(context(ctx))
    render.mapping({"current": current or "none", "head": head}, as_json=json)


@db_app.command("url")
@handle_errors
def db_url(ctx: typer.Context) -> None:
    """The database URL in use, password masked."""
    from flux_cli import services

    typer.echo(services.database_url(context(ctx)))
