"""Parse other apps' exports into normalised records; nothing here touches storage.

`parse_export` detects the format from the first line (or takes a forced one) and returns
an iterator of `ImportedWorkout`, `ImportedActivity` and, under `skip_invalid`,
`RowProblem` records. Header problems raise `InputError` at once; row problems raise it
when the bad row is reached (or become RowProblems). Parsers stream: one workout is held
in memory at a time.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from flux_cli.errors import InputError
from flux_cli.imports import fluxfmt, hevy, strava, strong
from flux_cli.imports.csvsource import first_line, stream_name, text_stream
from flux_cli.imports.detect import FORMATS, detect_format
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
PARSED_FORMATS = tuple(_PARSERS)

__all__ = [
    "FORMATS",
    "PARSED_FORMATS",
    "ImportRecord",
    "ImportedActivity",
    "ImportedSet",
    "ImportedWorkout",
    "ParsedExport",
    "RowProblem",
    "SessionDetails",
    "detect_format",
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
    if format is not None and format not in FORMATS:
        raise InputError(f"unknown format {format!r}", hint=f"use one of {', '.join(FORMATS)}")
    lines = iter(stream)
    header_line = first_line(lines, name)
    chosen = format or detect_format(header_line, name=name)
    parse = _PARSERS[chosen]
    body = itertools.chain([header_line], lines)
    records = parse(body, units=units, tz=tz, skip_invalid=skip_invalid, name=name)
    return ParsedExport(chosen, records)
