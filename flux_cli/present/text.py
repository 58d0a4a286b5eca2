"""Text that came from a user or a file, made safe to print: never markup, never a control code.

A name imported from another app may hold Rich markup (`[red]`, `[link=…]`) or terminal
escape sequences (clear screen, set the window title). Every output path prints such text
through `visible` (control characters shown as `\\x1b`-style escapes) and, where the text
goes through a markup parser, `markup_text` (markup escaped as well).
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls, DEL, and the invisible format characters that reorder or hide text
# (bidirectional overrides and isolates, zero-width joiners, the BOM): Unicode category Cc
# and Cf, which also covers U+2028/2029 separators via `_SEPARATORS`.
_SEPARATORS = frozenset("\u2028\u2029\u0085")
# Rich's own tag pattern (rich.markup.RE_TAGS, escaped the way rich.markup.escape does),
# widened to what Textual's parser also reads as a tag: upper case, `$variables`, a space.
_TAG = re.compile(r"(\\*)(\[[A-Za-z#/@$ ][^\[\]]*?\])")


def _shown(character: str) -> str:
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _is_hidden(character: str) -> bool:
    return character in _SEPARATORS or unicodedata.category(character) in ("Cc", "Cf")


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with every control or invisible format character written as a visible escape.

    A backslash is left as it is: the escapes are for reading, not for parsing back.
    With `keep_newlines`, line breaks (and tabs) stay, for multi-line notes.
    """
    if text.isascii() and text.isprintable():
        return text  # the common case, checked in C
    kept = "\n\t" if keep_newlines else ""
    return "".join(
        _shown(character) if _is_hidden(character) and character not in kept else character
        for character in text
    )


def markup_escape(text: str) -> str:
    """`text` that Rich's and Textual's markup parsers print literally."""

    def escaped(match: re.Match[str]) -> str:
        backslashes, tag = match.groups()
        return f"{backslashes}{backslashes}\\{tag}"

    text = _TAG.sub(escaped, text)
    if text.endswith("\\") and not text.endswith("\\\\"):
        text += "\\"
    return text


def markup_text(text: str | None) -> str:
    """Data for a markup string: control characters made visible, then markup escaped."""
    return markup_escape(visible(text or ""))
