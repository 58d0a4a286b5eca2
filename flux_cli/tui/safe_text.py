"""The dashboard's last guard: no control character from data reaches the terminal.

Screens show names through `present.text.visible` (escapes you can read); this line filter
drops whatever control or invisible format character still made it into a rendered line,
so an escape sequence in an imported name can never clear the screen or retitle the window.
Such characters take no cells, so dropping them never moves anything on the screen.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from rich.segment import Segment
from textual.filter import LineFilter

if TYPE_CHECKING:
    from textual.color import Color


def _is_control(character: str) -> bool:
    return unicodedata.category(character) in ("Cc", "Cf") or character in "\u2028\u2029"


def strip_controls(text: str) -> str:
    """`text` without control or invisible format characters."""
    # `isprintable` is false for every Cc and Cf character and for U+2028/U+2029 (Python
    # counts the Other and Separator categories, but the space, as unprintable), so
    # printable text (box drawing and braille plots included) is returned as it is.
    if text.isprintable():
        return text
    return "".join(character for character in text if not _is_control(character))


class ControlCharacterFilter(LineFilter):
    """Removes control characters from the text of every rendered segment."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            segment
            if segment.control or segment.text.isprintable()
            else Segment(strip_controls(segment.text), segment.style)
            for segment in segments
        ]
