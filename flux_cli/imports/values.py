"""Cell parsers shared by the formats: numbers, durations, dates, units."""

from __future__ import annotations

import datetime as dt
import functools
import math
import re

from flux_cli.engine.limits import MAX_NUMBER_CHARS, SECONDS, day_problem
from flux_cli.engine.units import KG_PER_LB

LB_TO_KG = KG_PER_LB
MI_TO_M = 1609.344
KM_TO_M = 1000.0
UTC = dt.UTC


class RowError(ValueError):
    """One row cannot be imported; the message is the reason shown to the user."""


def parse_number(text: str, what: str) -> float | None:
    """A finite number, accepting decimal commas and thousands separators; '' is None."""
    cell = text.strip()
    if not cell:
        return None
    if len(cell) > MAX_NUMBER_CHARS:
        raise RowError(
            f"{what} {_cut(text)!r} is not a number (over {MAX_NUMBER_CHARS} characters)"
        )
    try:
        value = float(cell)
    except ValueError:
        try:
            value = float(_dot_decimal(cell))
        except ValueError:
            raise RowError(f"{what} {text!r} is not a number") from None
    if not math.isfinite(value):
        raise RowError(f"{what} {text!r} is not a number")
    return value


def _cut(text: str) -> str:
    return text if len(text) <= 40 else f"{text[:37]}..."


def _dot_decimal(cell: str) -> str:
    """Rewrite `1.234,5`, `1,234.5`, `72,5` and `1 234,5` as a plain dotted decimal."""
    cell = re.sub(r"[\s\u00a0\u202f']", "", cell)
    if "," in cell and "." in cell:
        decimal = "," if cell.rfind(",") > cell.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        return cell.replace(thousands, "").replace(decimal, ".")
    if cell.count(",") == 1:
        return cell.replace(",", ".")
    return cell.replace(",", "")


def parse_count(text: str, what: str) -> int | float | None:
    """A count such as reps: `5` and `5.0` give 5; a fraction (`7.5`) is returned as written."""
    if text.isdecimal() and len(text) <= MAX_NUMBER_CHARS:
        return int(text)
    value = parse_number(text, what)
    if value is None:
        return None
    if value < 0:
        raise RowError(f"{what} {text!r} is negative")
    return int(value) if value.is_integer() else value


def zero_as_none(value: float | None) -> float | None:
    """Exports write 0 for 'not used' (distance, seconds): treat it as absent."""
    return value if value else None


_ZERO_TEXTS = frozenset({"", "0", "0.0", "0.00", "0,0"})


def parse_nonzero(text: str, what: str) -> float | None:
    """A number where 0 means 'not used', so '' and 0 are both None."""
    if text in _ZERO_TEXTS:
        return None
    return parse_number(text, what) or None


@functools.lru_cache(maxsize=1024)
def tidy(text: str) -> str:
    """A name with surrounding and repeated blanks removed (cached: names repeat on every row)."""
    return " ".join(text.split())


# Unit words Strong writes in durations, in the languages it is localized to.
# fmt: off
_HOUR_WORDS = (
    "h", "hr", "hrs", "hour", "hours", "std", "stunde", "stunden", "heure", "heures", "hora",
    "horas", "ora", "ore", "u", "uur", "t", "tim", "timer", "godz", "ч", "час", "часа", "часов",
    "小时", "小時", "时", "時", "時間", "시간",
)
_MINUTE_WORDS = (
    "m", "min", "mins", "minute", "minutes", "minuto", "minutos", "minuti", "minuten", "mn",
    "分钟", "分鐘", "分", "분", "мин", "perc",
)
_SECOND_WORDS = (
    "s", "sec", "secs", "second", "seconds", "sek", "sekunde", "sekunden", "seconde",
    "secondes", "segundo", "segundos", "seg", "secondi", "秒", "초", "с", "сек",
)
# fmt: on
_DURATION_UNITS = (
    dict.fromkeys(_HOUR_WORDS, 3600)
    | dict.fromkeys(_MINUTE_WORDS, 60)
    | dict.fromkeys(_SECOND_WORDS, 1)
)
_DURATION_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*([^\W\d_]+)\.?")
_CLOCK = re.compile(r"(\d+):([0-5]\d)(?::([0-5]\d))?")


def parse_duration(text: str, what: str = "duration") -> float | None:
    """Seconds from `4543`, `1h 5m`, `52m`, `11s`, `1 Std. 5 Min.`, `1小时13分钟` or `1:05:00`."""
    seconds = _duration(text, what)
    if seconds is not None and not 0 <= seconds <= SECONDS.high:
        raise RowError(f"{what} {_cut(text)!r} is not a duration from 0 to {SECONDS.high:.0f} s")
    return seconds


def _duration(text: str, what: str) -> float | None:
    cell = text.strip()
    if not cell:
        return None
    if len(cell) > 100:
        raise RowError(f"{what} {_cut(text)!r} is not a duration")
    try:
        return float(cell)
    except ValueError:
        pass
    if clock := _CLOCK.fullmatch(cell):
        hours, minutes, seconds = clock.groups()
        return int(hours) * 3600 + int(minutes) * 60 + int(seconds or 0)
    parts = _DURATION_PART.findall(cell)
    if not parts or _DURATION_PART.sub("", cell).strip(" ,;"):
        raise RowError(f"{what} {text!r} is not a duration")
    total = 0.0
    for amount, unit in parts:
        factor = _DURATION_UNITS.get(unit.casefold())
        if factor is None:
            raise RowError(f"{what} {text!r} is not a duration (unknown unit {unit!r})")
        total += float(amount.replace(",", ".")) * factor
    return total


_DATE_FORMATS = (
    "%Y-%m-%d %I:%M:%S %p",
    "%Y-%m-%d %I:%M %p",
    "%d %b %Y, %H:%M",
    "%d %b %Y %H:%M",
    "%d %b %Y, %H:%M:%S",
    "%b %d, %Y, %I:%M:%S %p",
    "%b %d, %Y %I:%M:%S %p",
    "%b %d, %Y, %H:%M:%S",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
)


_last_layout = _DATE_FORMATS[0]


def parse_datetime(text: str, what: str = "date") -> dt.datetime:
    """A date and time in the layouts the supported apps write (ISO, Hevy, Strava, 12-hour),
    on a day inside flux's declared range.
    """
    moment = _datetime(text, what)
    if (problem := day_problem(moment.date(), what)) is not None:
        raise RowError(problem)
    return moment


def _datetime(text: str, what: str) -> dt.datetime:
    cell = " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())
    if not cell:
        raise RowError(f"{what} is empty")
    try:
        return dt.datetime.fromisoformat(cell)
    except ValueError:
        pass
    global _last_layout
    # An export writes one layout throughout: try the one that matched last time first.
    for layout in (_last_layout, *_DATE_FORMATS):
        try:
            moment = dt.datetime.strptime(cell, layout)
        except ValueError:
            continue
        _last_layout = layout
        return moment
    raise RowError(f"{what} {_cut(text)!r} is not a date and time")


def localize(moment: dt.datetime, tz: dt.tzinfo | None) -> dt.datetime:
    """Attach `tz` (UTC if None) to a wall-clock time, or convert an aware time to `tz`."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=tz or UTC)
    return moment if tz is None else moment.astimezone(tz)


_WEIGHT_UNITS = {"kg": "kg", "kgs": "kg", "kilograms": "kg", "公斤": "kg", "千克": "kg"}
_WEIGHT_UNITS |= dict.fromkeys(("lb", "lbs", "pounds", "磅"), "lb")
_DISTANCE_UNITS = {"m": "m", "meters": "m", "metres": "m", "meter": "m", "米": "m"}
_DISTANCE_UNITS |= dict.fromkeys(("km", "kms", "kilometers", "kilometres", "公里", "千米"), "km")
_DISTANCE_UNITS |= dict.fromkeys(("mi", "mile", "miles", "英里"), "mi")
_DISTANCE_UNITS |= {"ft": "ft", "feet": "ft", "yd": "yd", "yards": "yd"}
_DISTANCE_FACTORS = {"m": 1.0, "km": KM_TO_M, "mi": MI_TO_M, "ft": 0.3048, "yd": 0.9144}


def weight_unit(word: str) -> str | None:
    """`kg` or `lb` for a unit word such as `lbs` or `公斤`, else None."""
    return _WEIGHT_UNITS.get(word.strip().casefold().rstrip("."))


def distance_unit(word: str) -> str | None:
    """`m`, `km`, `mi`, `ft` or `yd` for a unit word such as `meters` or `miles`, else None."""
    return _DISTANCE_UNITS.get(word.strip().casefold().rstrip("."))


def to_kg(value: float | None, unit: str) -> float | None:
    """Kilograms from a weight in `kg` (kept as given) or `lb`."""
    if value is None or unit == "kg":
        return value
    return value * LB_TO_KG


def to_m(value: float | None, unit: str) -> float | None:
    """Metres from a distance in any unit `distance_unit` returns."""
    if value is None or unit == "m":
        return value
    return value * _DISTANCE_FACTORS[unit]
