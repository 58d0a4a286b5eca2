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

# Text a block must contain for one of its lines to be a header of the format. Strong data
# rows start with their date (or workout number), so any line that does not is a candidate.
_CANDIDATES: dict[str, Callable[[str], bool]] = {
    "strong": re.compile(r'^(?!"?\d)(?=.)', re.MULTILINE).search,  # type: ignore[dict-item]
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
        self._current = self._part(header)
        return self._current

    def drain(self) -> None:
        if self._current is not None:
            for _ in self._current:
                pass

    def _part(self, header: str) -> Iterator[str]:
        yield header
        if self._candidates is None:  # JSONL has no header: nothing to split
            yield from self._lines
            return
        while True:
            block, error = self._block()
            if error is not None:  # a strictly decoding stream: the parser reports it
                yield from block
                raise error
            if not block:
                return
            joined = "".join(block)
            if self._header not in joined and not self._candidates(joined):
                self._read += len(block)
                yield from block
                continue
            for at, line in enumerate(block):
                cut = self._header_at(line)
                if cut is None:
                    self._read += 1
                    yield line
                    continue
                if cut > 0:  # the last row of a file without a final newline, then a header
                    self._read += 1
                    yield line[:cut]
                    self.next_header, self.next_offset = line[cut:], self._read - 1
                else:
                    self.next_header, self.next_offset = line, self._read
                    self._read += 1
                self._pending.extendleft(reversed(block[at + 1 :]))
                return

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
        if bare and self._candidates is not None and self._candidates(line):
            return 0 if guess_format(bare) == self._fmt else None
        return None
