"""One error tree for flux, and the exit codes it maps to."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes; the contract in DESIGN §5."""

    OK = 0
    REFUSED = 1
    BAD_INPUT = 2
    STORAGE = 3
    INTERRUPTED = 130


class FluxError(Exception):
    """A user-facing error: a one-line message and an optional hint naming the fix."""

    exit_code: ExitCode = ExitCode.REFUSED

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class DomainRefusal(FluxError):
    """The request is well formed but the training state refuses it (nothing to complete, …)."""

    exit_code = ExitCode.REFUSED


class InputError(FluxError):
    """Bad user input: readiness out of range, malformed SPEC, unknown exercise, …."""

    exit_code = ExitCode.BAD_INPUT


class RulesError(InputError):
    """A rules file that cannot be loaded; `problems` holds one `file:line: key.path: what` each."""

    def __init__(self, message: str, problems: list[str] | None = None, hint: str | None = None):
        super().__init__(message, hint)
        self.problems = problems or []


class StorageError(FluxError):
    """The database is unreachable, refuses us, or its schema is behind."""

    exit_code = ExitCode.STORAGE
