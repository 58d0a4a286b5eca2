"""Streaming CSV reading that knows the physical line each record starts on.

Callers should open files as `open(path, encoding="utf-8-sig", errors="surrogateescape",
newline="")` (see `text_stream`): undecodable bytes then reach the parser as lone
surrogates and are reported against their exact line instead of aborting the read.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import PurePath
from typing import IO

from flux_cli.errors import InputError
from flux_cli.imports.bounds import OVERLONG_LINE, OVERLONG_REASON, short_reason
from flux_cli.imports.records import RowProblem

_BINARY = re.compile("[\x00\ud800-\udfff]")
SKIP_HINT = "fix the file, or pass --skip-invalid to import the other rows and list the bad ones"


def text_stream(binary: IO[bytes]) -> io.TextIOWrapper:
    """Wrap a binary file or stdin so parsers can report bad bytes by line."""
    return io.TextIOWrapper(binary, encoding="utf-8-sig", errors="surrogateescape", newline="")


def stream_name(stream: object, name: str | None = None) -> str:
    """The name used in messages: `name`, else the stream's file name, else `<stdin>`."""
    if name:
        return name
    raw = getattr(stream, "name", None)
    return PurePath(raw).name if isinstance(raw, str) and not raw.startswith("<") else "<stdin>"


def sniff_delimiter(header_line: str) -> str:
    """The delimiter of a header line: whichever of `,`, `;` or tab occurs most."""
    counts = {delimiter: header_line.count(delimiter) for delimiter in (",", ";", "\t")}
    return max(counts, key=lambda delimiter: counts[delimiter])


def split_header(header_line: str) -> list[str]:
    """Column names of a header line, BOM and surrounding blanks removed."""
    line = header_line.lstrip("\ufeff").rstrip("\r\n")
    names = next(csv.reader([line], delimiter=sniff_delimiter(line)), [])
    return [name.strip() for name in names]


def first_line(lines: Iterator[str], name: str, line: int = 1) -> str:
    """The header line (stream line `line`), refused when missing, blank or not text."""
    try:
        header_line = next(lines)
    except StopIteration:
        raise InputError(f"{name} line {line}: file is empty", hint="export again") from None
    except UnicodeDecodeError:
        raise InputError(f"{name} line {line}: not UTF-8 text (binary file?)") from None
    check_header_text(header_line, name, line)
    return header_line


def check_header_text(header_line: str, name: str, line: int = 1) -> None:
    """Refuse a header line that is blank or not text (binary, UTF-16, …)."""
    if header_line.startswith(("\udcff\udcfe", "\udcfe\udcff", "\xff\xfe", "\xfe\xff")):
        raise InputError(f"{name} line {line}: file is UTF-16 text", hint="save it as UTF-8 CSV")
    if _BINARY.search(header_line):
        raise InputError(
            f"{name} line {line}: not a text file (NUL or non-UTF-8 bytes)",
            hint="import the CSV export itself, not a zip or spreadsheet",
        )
    if not header_line.strip(" \t\r\n\ufeff"):
        raise InputError(f"{name} line {line}: header line is blank")


Row = tuple[int, list[str], str | None]
"""One CSV record: the physical line it starts on, its fields, and why it is unreadable (or None).

The fields of a readable record end with one extra empty string, so a column the header lacks
can be read at index -1 without a test on every row.
"""


BLOCK_LINES = 512


def _flag_binary(
    lines: Iterator[str], binary: deque[int], offset: int = 0, overlong: set[int] | None = None
) -> Iterator[str]:
    """Pass lines through, noting the number of each holding NUL or undecodable bytes.

    Numbers are 1-based plus `offset`. Lines are checked a block at a time (one C-level
    scan when the block is clean) and handed on by `itertools.chain`, so a clean line costs
    no Python code here.
    """
    found = overlong if overlong is not None else set()
    return itertools.chain.from_iterable(_checked_blocks(lines, binary, offset, found))


def _checked_blocks(
    lines: Iterator[str], binary: deque[int], offset: int, overlong: set[int]
) -> Iterator[list[str]]:
    read = offset
    while True:
        block: list[str] = []
        try:
            block.extend(itertools.islice(lines, BLOCK_LINES))
        except UnicodeDecodeError:  # a strictly decoding stream: hand on what was read first
            yield block
            raise
        if not block:
            return
        joined = "".join(block)
        if "\x00" in joined or (not joined.isascii() and _BINARY.search(joined)):
            for number, line in enumerate(block, start=read + 1):
                if "\x00" in line or (not line.isascii() and _BINARY.search(line)):
                    binary.append(number)
                    if line == OVERLONG_LINE:
                        overlong.add(number)
        read += len(block)
        yield block


class CsvSource:
    """A CSV export: its header, then its records with physical line numbers.

    `line_offset` is the number of stream lines before the header (see `imports.parts`).
    """

    def __init__(
        self, stream: Iterable[str], *, name: str | None, skip_invalid: bool, line_offset: int = 0
    ) -> None:
        self.name = stream_name(stream, name)
        self.skip_invalid = skip_invalid
        self.line_offset = line_offset
        self._lines = iter(stream)
        self.header_line = first_line(self._lines, self.name, line_offset + 1)
        self.delimiter = sniff_delimiter(self.header_line)
        self.header = split_header(self.header_line)

    def problem(self, line: int, reason: str) -> RowProblem:
        """A RowProblem to yield under `skip_invalid`; otherwise the InputError that stops all."""
        reason = short_reason(reason)
        if not self.skip_invalid:
            raise InputError(f"{self.name} line {line}: {reason}", hint=SKIP_HINT)
        return RowProblem(line, reason)

    def refuse(self, reason: str, hint: str | None = None) -> InputError:
        """An error about the file as a whole (its header), raised even under `skip_invalid`."""
        return InputError(f"{self.name} line {self.line_offset + 1}: {reason}", hint=hint)

    def rows(self) -> Iterator[Row]:
        """Every non-blank record after the header, checked for width and binary junk."""
        offset = self.line_offset
        binary: deque[int] = deque()  # body line numbers plus the offset, as `previous` counts
        overlong: set[int] = set()  # those of them that were too long to read
        reader = csv.reader(
            _flag_binary(self._lines, binary, offset, overlong),
            delimiter=self.delimiter,
            strict=True,
        )
        width = len(self.header)
        previous = self.line_offset  # stream lines read so far, less the header
        # (a record starts on stream line previous + 2)
        while True:
            try:
                # `for` keeps the common path in C; a bad record drops to `except`, and the
                # loop resumes reading after it.
                for fields in reader:
                    start, previous = previous + 2, reader.line_num + offset
                    if binary and binary[0] <= previous:
                        reason = "holds NUL or non-UTF-8 bytes (binary data?)"
                        while binary and binary[0] <= previous:
                            if binary.popleft() in overlong:
                                reason = OVERLONG_REASON
                        yield start, [], reason
                        continue
                    if len(fields) != width:
                        if not any(fields):
                            continue
                        if len(fields) < width or any(fields[width:]):
                            yield start, [], f"has {len(fields)} fields, the header has {width}"
                            continue
                    elif not fields[0] and not any(fields):
                        continue
                    fields.append("")
                    yield start, fields, None
                return
            except csv.Error as exc:
                start, previous = previous + 2, reader.line_num + offset
                yield start, [], _csv_reason(exc)
            except UnicodeDecodeError:
                yield previous + 2, [], "not UTF-8 text (binary data?); the rest is unreadable"
                return


def _csv_reason(exc: csv.Error) -> str:
    text = str(exc)
    if "unexpected end of data" in text:
        return "file ends inside a quoted field (truncated file?)"
    return f"is not valid CSV ({text})"
