"""Shared option types and small parsers for the commands."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from flux_cli.engine.limits import check_day
from flux_cli.errors import InputError

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")]
DateOption = Annotated[
    str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="The day (default: today).")
]


def parse_day(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(
            f"bad date '{value[:40]}'", hint="use YYYY-MM-DD, e.g. 2026-11-21"
        ) from None
    return check_day(day)


def date_flag(day: dt.date) -> str:
    """` --date D` for a hint about another day than today, else nothing."""
    return "" if day == dt.date.today() else f" --date {day.isoformat()}"


def parse_optional_day(value: str | None) -> dt.date | None:
    return None if value is None else parse_day(value)


def parse_assignments(pairs: list[str] | None, what: str, example: str) -> dict[str, str]:
    """`NAME=VALUE` arguments into a dict; a malformed one is an InputError citing `example`."""
    result: dict[str, str] = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise InputError(
                f"bad {what} '{pair}'", hint=f"give {what}s as NAME=VALUE, e.g. {example}"
            )
        result[name.strip()] = value.strip()
    return result
