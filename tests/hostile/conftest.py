"""Hostile input: the CLI invoked in-process, and a Strong export written from rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from flux_cli.cli.main import app

Flux = Callable[..., Result]

STRONG_HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
    "Notes,Workout Notes,RPE"
)


@pytest.fixture
def flux() -> Flux:
    """Invoke the flux app in-process; stdout and stderr are kept apart."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=input)

    return invoke


def strong_row(
    name: str = "Workout",
    exercise: str = "Squat (Barbell)",
    *,
    date: str = "2026-01-05 10:00:00",
    duration: str = "1h",
    weight: str = "100",
    reps: str = "5",
    notes: str = "",
) -> str:
    """One Strong CSV row; text cells are quoted (doubling quotes) so any text fits."""

    def quoted(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    cells = [date, quoted(name), duration, quoted(exercise), "1", weight, reps, "0", "0"]
    return ",".join([*cells, quoted(notes), '""', ""])


def write_strong(path: Path, rows: Sequence[str]) -> Path:
    path.write_text("\n".join([STRONG_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def no_traceback(result: Result) -> None:
    """The command ended with a documented exit code and printed no traceback."""
    assert result.exit_code in (0, 1, 2, 3), (result.exit_code, result.output)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
