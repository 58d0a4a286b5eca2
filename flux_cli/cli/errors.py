"""The one place where flux errors become stderr lines and exit codes."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

from flux_cli.errors import ExitCode, FluxError, RulesError

P = ParamSpec("P")
R = TypeVar("R")


def report(error: FluxError) -> None:
    """Print `flux: error: …`, each rules problem, and a `hint:` line to stderr."""
    lines = [f"flux: error: {error.message}"]
    if isinstance(error, RulesError) and len(error.problems) > 1:
        lines += [f"  {problem}" for problem in error.problems]
    if error.hint:
        lines.append(f"hint: {error.hint}")
    sys.stderr.write("\n".join(lines) + "\n")


def handle_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Run a command body, turning flux errors and Ctrl-C into the documented exit codes."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except FluxError as error:
            report(error)
            raise typer.Exit(int(error.exit_code)) from None
        except KeyboardInterrupt:
            sys.stderr.write("flux: interrupted\n")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except BrokenPipeError:
            raise typer.Exit(int(ExitCode.OK)) from None

    return wrapper
