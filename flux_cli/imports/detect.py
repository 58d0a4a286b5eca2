"""Tell which app wrote an export from its header line alone."""

from __future__ import annotations

from flux_cli.errors import InputError
from flux_cli.imports.columns import strong_layout
from flux_cli.imports.csvsource import CsvSource, check_header_text, split_header

FORMATS = ("strong", "hevy", "strava", "flux-csv", "flux-jsonl")
FORMAT_ALIASES = {"csv": "flux-csv", "jsonl": "flux-jsonl"}  # the names `flux export` uses

HEVY_KEYS = frozenset({"title", "start_time", "exercise_title"})
STRAVA_KEYS = frozenset({"activity id", "activity date"})
FLUX_CSV_KEYS = frozenset({"session_id", "exercise"})


def import_format(name: str) -> str:
    """One of FORMATS for a `--format` name (`csv` and `jsonl` too); InputError otherwise."""
    chosen = FORMAT_ALIASES.get(name, name)
    if chosen not in FORMATS:
        known = ", ".join((*FORMATS, *FORMAT_ALIASES))
        raise InputError(f"unknown format {name!r}", hint=f"use one of {known}")
    return chosen


def guess_format(header_line: str) -> str | None:
    """The format whose header this is, or None when no known format matches."""
    text = header_line.lstrip("\ufeff").strip()
    if text.startswith("{"):
        return "flux-jsonl"
    names = split_header(text)
    folded = {name.casefold() for name in names}
    if HEVY_KEYS.issubset(folded):
        return "hevy"
    if STRAVA_KEYS.issubset(folded):
        return "strava"
    if FLUX_CSV_KEYS.issubset(folded):
        return "flux-csv"
    if not strong_layout(names).missing:
        return "strong"
    return None


def detect_format(header_line: str, *, name: str = "input") -> str:
    """One of FORMATS for a header line; an InputError naming the known formats otherwise."""
    check_header_text(header_line, name)
    found = guess_format(header_line)
    if found is None:
        shown = header_line.strip()
        shown = shown if len(shown) <= 80 else shown[:77] + "..."
        raise InputError(
            f"{name} line 1: unrecognised header {shown!r}; known formats: {', '.join(FORMATS)}",
            hint="pass --format FORMAT if the file is one of these with an unusual header",
        )
    return found


def wrong_format(source: CsvSource, expected: str, missing: list[str]) -> InputError:
    """The error for a file forced into a format whose required columns it lacks."""
    found = guess_format(source.header_line)
    if found and found != expected:
        hint = f"it looks like a {found} export: use --format {found}, or leave --format out"
    else:
        hint = f"check that the file is a {expected} export"
    return source.refuse(f"not a {expected} export: no {', '.join(missing)} column", hint)
