"""CSV cells a spreadsheet will not run: OWASP's rule against formula injection.

OWASP ("CSV Injection") advises prefixing `'` to any cell that starts with `=`, `+`, `-`,
`@`, a tab or a carriage return, so Excel, LibreOffice and Sheets show it as text. Numbers
(`-5`, `+2.5`, `1e3`) are left as they are. A cell that already starts with quotes before
such a character gets one more, so `restore_cell` undoes `neutralise_cell` exactly and
flux's own CSV export reads back to the same text.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def _runs_as_formula(cell: str) -> bool:
    return cell.startswith(FORMULA_STARTS) and _NUMBER.fullmatch(cell) is None


def _needs_quote(cell: str) -> bool:
    return _runs_as_formula(cell.lstrip("'"))


def neutralise_cell(cell: str) -> str:
    """`cell` as a spreadsheet shows it as text: `'=1+1` for `=1+1`; numbers unchanged."""
    return "'" + cell if _needs_quote(cell) else cell


def restore_cell(cell: str) -> str:
    """The text `neutralise_cell` was given: `=1+1` for `'=1+1`; other cells unchanged."""
    return cell[1:] if cell.startswith("'") and _needs_quote(cell[1:]) else cell


def csv_value(value: object) -> object:
    """A value for a CSV writer: text neutralised, numbers and None passed through."""
    return neutralise_cell(value) if isinstance(value, str) else value
