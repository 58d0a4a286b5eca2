"""The one place where flux errors become stderr lines and exit codes."""

from __future__ import annotations

import errno
import functools
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, ParamSpec, TypeVar

import typer
from typer.core import TyperGroup

from flux_cli.errors import ExitCode, FluxError, RulesError, StorageError
from flux_cli.present.text import visible

P = ParamSpec("P")
R = TypeVar("R")


def report(error: FluxError) -> None:
    """Print `flux: error: …`, each rules problem, and a `hint:` line to stderr."""
    lines = [f"flux: error: {visible(error.message)}"]
    if isinstance(error, RulesError) and len(error.problems) > 1:
        lines += [f"  {visible(problem)}" for problem in error.problems]
    if error.hint:
        lines.append(f"hint: {visible(error.hint)}")  # messages quote names from users and files
    sys.stderr.write("\n".join(lines) + "\n")


_interrupt_reported: list[bool] = []


def interrupted() -> None:
    """Say `flux: interrupted` on stderr, once per process."""
    if not _interrupt_reported:
        _interrupt_reported.append(True)
        sys.stderr.write("flux: interrupted\n")


def report_usage(error: typer.TyperException) -> int:
    """A command-line usage error (unknown option, bad value) in flux's format; its exit code.

    `flux` alone (help instead of an error) is shown as Typer shows it.
    """
    show = getattr(error, "show", None)
    if type(error).__name__ == "NoArgsIsHelpError" and callable(show):
        show()
        return int(getattr(error, "exit_code", ExitCode.BAD_INPUT))
    format_message = getattr(error, "format_message", None)
    message = format_message() if callable(format_message) else str(error)
    context = getattr(error, "ctx", None)
    command = getattr(context, "command_path", None) or "flux"
    sys.stderr.write(f"flux: error: {message}\nhint: see {command} --help\n")
    return int(getattr(error, "exit_code", ExitCode.BAD_INPUT))


def silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail noisily again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


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
            interrupted()
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except BrokenPipeError:
            silence_stdout()
            raise typer.Exit(int(ExitCode.OK)) from None
        except OSError as error:
            if error.errno not in (errno.ENOSPC, errno.EFBIG, errno.EIO, errno.EDQUOT):
                raise
            # Standard output that cannot take the output (`> /dev/full`, a full disk).
            silence_stdout()
            report(
                StorageError(
                    f"cannot write the output: {error.strerror}",
                    hint="free some space, or write somewhere else",
                )
            )
            raise typer.Exit(int(ExitCode.STORAGE)) from None

    return wrapper


class FluxGroup(TyperGroup):
    """The root command: usage errors, Ctrl-C and broken pipes end the flux way.

    Typer prints usage errors in Click's own layout; here every exit of the process, from a
    test's runner or the console script, goes through `report_usage` / `interrupted`.
    """

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        def run() -> Any:
            return super(FluxGroup, self).main(
                args, prog_name, complete_var, False, windows_expand_args, **extra
            )

        _interrupt_reported.clear()  # once per run, also when a test runs many in one process
        if not standalone_mode:
            return run()
        try:
            result = run()
        except (KeyboardInterrupt, typer.Abort):
            result = int(ExitCode.INTERRUPTED)
        except typer.TyperException as error:
            result = report_usage(error)
        except BrokenPipeError:
            silence_stdout()
            result = 0
        code = result if isinstance(result, int) else 0
        if code == ExitCode.INTERRUPTED:  # Ctrl-C outside a command body is said too
            interrupted()
        sys.exit(code)
