"""Split one stream holding several exports of one format (`cat a.csv b.csv`) into its parts.

A line that is a header of the stream's format starts a new part: the first header again, or
another layout of the same app (Strong's classic and 2025 files concatenated). A file without
a final newline glues its last row to the next file's header; a line ending with the first
header is split there. Each part is parsed on its own, with its stream line numbers.

Lines are checked a block at a time: one regex or substring search per block finds the blocks
that may hold a header, so a clean block costs no Python code per line.
"""

from __future__ import annotations

import itertools
import re
from collections import deque
from collections.abc import Callable, Iterator

from flux_cli.imports.detect import guess_format

BLOCK_LINES = 512

# Whether a block (its lines joined, after a newline) may hold a header of the format. Strong
# data rows start with their date (or workout number), so a line that does not is a candidate.
_NOT_A_DATE = re.compile(r'\n(?!"?\d)[^\r\n]')
_CANDIDATES: dict[str, Callable[[str], object]] = {
    "strong": _NOT_A_DATE.search,
    "hevy": lambda text: "exercise_title" in text.casefold(),
    "strava": lambda text: "activity id" in text.casefold(),
    "flux-csv": lambda text: "session_id" in text.casefold(),
}

Part = tuple[int, Iterator[str]]
"""A part: the number of stream lines before its header line, and its lines (header first)."""


def split_parts(lines: Iterator[str], fmt: str, header_line: str) -> Iterator[Part]:
    """The parts of a stream whose first line is `header_line`; read each before the next."""
    splitter = _Splitter(lines, fmt, header_line)
    header: str | None = header_line
    offset = 0
    while header is not None:
        yield offset, splitter.part(header)
        splitter.drain()  # in case its parser stopped before the end of the part
        header, offset = splitter.next_header, splitter.next_offset
        splitter.next_header = None


def _bare(line: str) -> str:
    return line.lstrip("\ufeff").rstrip("\r\n")


class _Splitter:
    """Reads the stream once, handing out one part at a time."""

    def __init__(self, lines: Iterator[str], fmt: str, header_line: str) -> None:
        self._lines = lines
        self._fmt = fmt
        self._header = _bare(header_line)
        self._candidates = _CANDIDATES.get(fmt)
        self._pending: deque[str] = deque()  # lines read ahead that belong to the next part
        self._read = 1  # stream lines read so far (the first header included)
        self.next_header: str | None = None
        self.next_offset = 0
        self._current: Iterator[str] | None = None

    def part(self, header: str) -> Iterator[str]:
        # Lines are handed on by `itertools.chain`, so a line costs no Python code here.
        self._current = itertools.chain([header], itertools.chain.from_iterable(self._blocks()))
        return self._current

    def drain(self) -> None:
        if self._current is not None:
            for _ in self._current:
                pass

    def _blocks(self) -> Iterator[list[str]]:
        """The rest of the current part, a block of lines at a time."""
        if self._candidates is None:  # JSONL has no header: nothing to split
            yield from iter(lambda: list(itertools.islice(self._lines, BLOCK_LINES)), [])
            return
        while True:
            block, error = self._block()
            if error is not None:  # a strictly decoding stream: the parser reports it
                yield block
                raise error
            if not block:
                return
            joined = "".join(block)
            if self._header not in joined and not self._candidates("\n" + joined):
                self._read += len(block)
                yield block
                continue
            for at, line in enumerate(block):
                cut = self._header_at(line)
                if cut is None:
                    continue
                if cut > 0:  # the last row of a file without a final newline, then a header
                    yield [*block[:at], line[:cut]]
                    self.next_header, self.next_offset = line[cut:], self._read + at
                    self._read += at + 1
                else:
                    yield block[:at]
                    self.next_header, self.next_offset = line, self._read + at
                    self._read += at + 1
                self._pending.extendleft(reversed(block[at + 1 :]))
                return
            self._read += len(block)
            yield block

    def _block(self) -> tuple[list[str], UnicodeDecodeError | None]:
        block: list[str] = []
        while self._pending and len(block) < BLOCK_LINES:
            block.append(self._pending.popleft())
        try:
            block.extend(itertools.islice(self._lines, BLOCK_LINES - len(block)))
        except UnicodeDecodeError as error:
            return block, error
        return block, None

    def _header_at(self, line: str) -> int | None:
        """Where a header starts in `line` (0: the whole line), or None."""
        bare = _bare(line)
        if bare == self._header:
            return 0
        if bare.endswith(self._header) and len(bare) > len(self._header):
            cut = line.rfind(self._header)
            return cut - 1 if line[cut - 1] == "\ufeff" else cut
        if bare and self._candidates is not None and self._candidates("\n" + line):
            return 0 if guess_format(bare) == self._fmt else None
        return None
