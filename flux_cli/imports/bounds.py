"""What an imported row may hold: values inside flux's declared ranges, lines of bounded size.

A row outside them is a row problem with its line (skippable with `--skip-invalid`), never
an exception that aborts the import or a value that breaks every later command.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Iterator

from flux_cli.engine import limits
from flux_cli.imports.records import ImportedActivity, ImportedSet
from flux_cli.imports.values import RowError

# One physical line of an export holds one set (Strong, Hevy, flux CSV) or one record (JSONL):
# even a flux JSONL line with its whole plan is a few kilobytes. A longer line is refused by
# itself, read in pieces of this size, so memory stays bounded whatever the file holds.
MAX_LINE_CHARS = 1 << 20
# Stands for an overlong line in the stream the parsers read; NUL makes every parser refuse it.
OVERLONG_LINE = "\x00flux: overlong line\n"
OVERLONG_REASON = f"is longer than {MAX_LINE_CHARS:,} characters (not an export's row?)"
# Exceptions a row's values can raise in parsing beyond RowError (a ValueError itself):
# date arithmetic past year 9999, integer conversions of huge digit strings, deep JSON.
ROW_FAILURES = (ValueError, ArithmeticError, RecursionError)
# Names, notes and other text cells: a long workout note is a few kilobytes.
MAX_TEXT_CHARS = 10_000


def bounded_lines(stream: Iterable[str]) -> Iterator[str]:
    """The lines of `stream`, each overlong one replaced by `OVERLONG_LINE` (read in pieces)."""
    readline = getattr(stream, "readline", None)
    if readline is None:
        for line in stream:
            yield OVERLONG_LINE if len(line) > MAX_LINE_CHARS else line
        return
    while True:
        line = readline(MAX_LINE_CHARS + 1)
        if not line:
            return
        if len(line) <= MAX_LINE_CHARS or line.endswith("\n"):
            yield line
            continue
        while line and not line.endswith("\n"):  # skip the rest of the line, a piece at a time
            line = readline(MAX_LINE_CHARS)
        yield OVERLONG_LINE


MAX_REASON_CHARS = 300
MAX_METADATA_DEPTH = 8
MAX_METADATA_ITEMS = 1000


def short_reason(reason: str) -> str:
    """A row problem's reason, cut so a huge cell quoted in it is not kept whole."""
    return reason if len(reason) <= MAX_REASON_CHARS else f"{reason[: MAX_REASON_CHARS - 3]}..."


def row_reason(exc: BaseException) -> str:
    """What to report for an exception raised by a row's values."""
    if isinstance(exc, RecursionError):
        return "is nested too deeply"
    text = str(exc) or type(exc).__name__
    return text if isinstance(exc, RowError) else f"cannot be read: {text}"


def check_moment(moment: dt.datetime | None, what: str) -> None:
    """Refuse a date and time outside flux's declared range of days."""
    if moment is not None and (problem := limits.day_problem(moment.date(), what)):
        raise RowError(problem)


def check_day(day: dt.date | None, what: str) -> None:
    if day is not None and (problem := limits.day_problem(day, what)):
        raise RowError(problem)


def _check(value: float | None, bound: limits.Range) -> None:
    if value is not None and (problem := bound.problem(value)) is not None:
        raise RowError(problem)


def check_text(text: str | None, what: str) -> None:
    if text is not None and len(text) > MAX_TEXT_CHARS:
        raise RowError(f"{what} is {len(text):,} characters long (at most {MAX_TEXT_CHARS:,})")


def check_set(item: ImportedSet) -> ImportedSet:
    """`item` unchanged if every figure is inside flux's ranges; RowError otherwise."""
    _check(item.weight_kg, limits.WEIGHT_KG)
    _check(item.reps, limits.REPS)
    _check(item.seconds, limits.SECONDS)
    _check(item.distance_m, limits.DISTANCE_M)
    _check(item.rpe, limits.RPE)
    _check(item.position, limits.REPS)
    check_text(item.exercise, "exercise name")
    check_text(item.notes, "notes")
    check_moment(item.logged_at, "logged_at")
    check_metadata(item.metadata)
    return item


def check_metadata(metadata: object, what: str = "metadata") -> None:
    """Refuse metadata nested deeper than `MAX_METADATA_DEPTH` or holding too many values."""
    pending: list[tuple[object, int]] = [(metadata, 1)]
    seen = 0
    while pending:
        value, depth = pending.pop()
        seen += 1
        if depth > MAX_METADATA_DEPTH:
            raise RowError(f"{what} is nested deeper than {MAX_METADATA_DEPTH} levels")
        if seen > MAX_METADATA_ITEMS:
            raise RowError(f"{what} holds more than {MAX_METADATA_ITEMS} values")
        if isinstance(value, dict):
            pending += [(item, depth + 1) for item in value.values()]
        elif isinstance(value, list):
            pending += [(item, depth + 1) for item in value]
        elif isinstance(value, float) and not math.isfinite(value):
            raise RowError(f"{what} holds {value}, not a finite number")


def check_activity(activity: ImportedActivity) -> ImportedActivity:
    """`activity` unchanged if every figure is inside flux's ranges; RowError otherwise."""
    check_moment(activity.started_at, "start")
    check_day(activity.date, "date")
    _check(activity.elapsed_s, limits.ACTIVITY_SECONDS)
    _check(activity.moving_s, limits.ACTIVITY_SECONDS)
    _check(activity.distance_m, limits.DISTANCE_M)
    _check(activity.avg_hr, limits.HEART_RATE)
    _check(activity.max_hr, limits.HEART_RATE)
    _check(activity.avg_watts, limits.WATTS)
    check_text(activity.name, "name")
    check_text(activity.notes, "notes")
    check_metadata(activity.metadata)
    return activity
