"""Baseline for `flux --help`: a bare Typer app with a dozen commands and nothing else."""

from __future__ import annotations

import typer

app = typer.Typer(rich_markup_mode=None)


def _make(name: str) -> None:
    def command(value: str = typer.Option("x", help=f"{name} option")) -> None:
        typer.echo(value)

    command.__doc__ = f"The {name} command."
    app.command(name)(command)


for _name in (
    "checkin",
    "plan",
    "log",
    "history",
    "seed",
    "paths",
    "start",
    "show",
    "complete",
    "abandon",
    "profile",
    "config",
):
    _make(_name)

if __name__ == "__main__":
    app()
