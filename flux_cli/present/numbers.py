"""Numbers, counts and durations as people read them."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any


def number(value: float | None, digits: int = 2) -> str:
    """`100`, `102.5`, `-` for None: at most `digits` decimals, no trailing zeros."""
    if value is None:
        return "-"
    if not math.isfinite(value):
        return "?"  # a bad value stored by an older flux: shown, never a crash
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def json_number(value: float) -> float | int:
    """A whole number as an int (`1`, not `1.0`) for JSON; others unchanged."""
    if isinstance(value, bool) or not isinstance(value, float):
        return value
    return int(value) if math.isfinite(value) and value.is_integer() else value


def finite_json(data: Any) -> Any:
    """`data` with every NaN or infinite float replaced by None: JSON has no `Infinity`."""
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, Mapping):
        return {key: finite_json(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [finite_json(value) for value in data]
    return data


def plural(count: int, word: str, many: str | None = None) -> str:
    """`1 set`, `5 sets`."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def duration(seconds: float | None) -> str:
    """`45s`, `3:00`, `1:02:03`; `-` for None."""
    if seconds is None:
        return "-"
    if not math.isfinite(seconds):
        return "?"
    whole = max(0, round(seconds))
    if whole < 60:
        return f"{whole}s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes}:{secs:02d}"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def clock(seconds: float) -> str:
    """A countdown face: `2:41`, `0:05` (a started second still shows)."""
    if not math.isfinite(seconds):
        return "?:??"
    whole = max(0, int(seconds + 0.999))
    return f"{whole // 60}:{whole % 60:02d}"


def distance(metres: float | None) -> str:
    """`400 m`, `2 km`, `-` for None."""
    if metres is None:
        return "-"
    if metres >= 1000:
        return f"{number(metres / 1000)} km"
    return f"{number(metres)} m"


def watts(value: object) -> str:
    """`262 W` for 262 or 262.0; a value that is not a number is shown as given."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{number(float(value), 1)} W"
    return f"{value} W"
