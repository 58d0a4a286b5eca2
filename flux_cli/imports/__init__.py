"""Parse other apps' exports into normalised records; nothing here touches storage.

`parse_export` detects the format from the first line (or takes a forced one) and returns
an iterator of `ImportedWorkout`, `ImportedActivity` and, under `skip_invalid`,
`RowProblem` records. Header problems raise `InputError` at once; row problems raise it
when the bad row is reached (or become RowProblems). Parsers stream: one workout is held
in memory at a time. A stream holding several exports of one format (`cat a.csv b.csv`) is
read part by part (see `imports.parts`), with line numbers counted over the whole stream.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from flux_cli.imports import fluxfmt, hevy, strava, strong
from flux_cli.imports.bounds import bounded_lines
from flux_cli.imports.csvsource import first_line, stream_name, text_stream
from flux_cli.imports.detect import FORMAT_ALIASES, FORMATS, detect_format, import_format
from flux_cli.imports.parts import split_parts
from flux_cli.imports.records import (
    ImportedActivity,
    ImportedSet,
    ImportedWorkout,
    ImportRecord,
    RowProblem,
    SessionDetails,
    Units,
)

_PARSERS = {
    "strong": strong.parse,
    "hevy": hevy.parse,
    "strava": strava.parse,
    "flux-csv": fluxfmt.parse_csv,
    "flux-jsonl": fluxfmt.parse_jsonl,
}

__all__ = [
    "FORMATS",
    "FORMAT_ALIASES",
    "ImportRecord",
    "ImportedActivity",
    "ImportedSet",
    "ImportedWorkout",
    "ParsedExport",
    "RowProblem",
    "SessionDetails",
    "detect_format",
    "import_format",
    "parse_export",
    "read_export",
    "text_stream",
]


class ParsedExport(NamedTuple):
    """The format an export was read as, and its records (a lazy stream)."""

    format: str
    records: Iterator[ImportRecord]


def parse_export(
    stream: Iterable[str],
    *,
    format: str | None = None,
    name: str | None = None,
    units: Units | None = None,
    tz: dt.tzinfo | None = None,
    skip_invalid: bool = False,
) -> Iterator[ImportRecord]:
    """Records from an export whose format is `format`, or detected from its header."""
    return read_export(
        stream, format=format, name=name, units=units, tz=tz, skip_invalid=skip_invalid
    ).records


def read_export(
    stream: Iterable[str],
    *,
    format: str | None = None,
    name: str | None = None,
    units: Units | None = None,
    tz: dt.tzinfo | None = None,
    skip_invalid: bool = False,
) -> ParsedExport:
    """Like `parse_export`, also saying which format the export was read as."""
    name = stream_name(stream, name)
    chosen = import_format(format) if format is not None else None
    lines = bounded_lines(stream)
    header_line = first_line(lines, name)
    chosen = chosen or detect_format(header_line, name=name)
    parse = functools.partial(
        _PARSERS[chosen], units=units, tz=tz, skip_invalid=skip_invalid, name=name
    )
    parts = split_parts(lines, chosen, header_line)
    offset, part = next(parts)
    first = parse(part, line_offset=offset)  # header problems raise here, at once
    return ParsedExport(chosen, _chained(first, parts, parse))


def _chained(
    first: Iterator[ImportRecord],
    parts: Iterator[tuple[int, Iterator[str]]],
    parse: Callable[..., Iterator[ImportRecord]],
) -> Iterator[ImportRecord]:
    """The records of every part, in stream order."""
    yield from first
    for offset, part in parts:
        yield from parse(part, line_offset=offset)
