"""The declared ranges of everything that enters flux: numbers, days and text sizes.

Every door (the log grammar, `--meta`, the dashboard, imports, the rules file, profile
settings) checks its values against these ranges, so a stored value is always finite and
plausible; reads treat a value outside them as unrecorded instead of failing on it.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from flux_cli.errors import InputError

# Days: the Unix epoch to the end of the century. Nothing logged predates 1970 (no app
# flux imports existed), and 2100 leaves room for any plan while keeping every
# `day ± window` arithmetic far from `date.min`/`date.max`.
MIN_DAY = dt.date(1970, 1, 1)
MAX_DAY = dt.date(2100, 12, 31)
DAY_RANGE = f"{MIN_DAY.isoformat()}..{MAX_DAY.isoformat()}"

# A number as written has at most this many characters (`1234567.125` is 11): enough for
# any real figure, and it keeps `int("9" * 5000)` and its like from ever running.
MAX_NUMBER_CHARS = 24


@dataclass(frozen=True, slots=True)
class Range:
    """An inclusive range of finite values (`low` excluded when `above` is set), with a unit."""

    what: str
    low: float
    high: float
    unit: str = ""
    above: bool = False

    def describe(self) -> str:
        """`above 0 and up to 1000 kg`, `from 1 to 10`."""
        unit = f" {self.unit}" if self.unit else ""
        low, high = _figure(self.low), _figure(self.high)
        if self.above:
            return f"above {low} and up to {high}{unit}"
        return f"from {low} to {high}{unit}"

    def holds(self, value: float) -> bool:
        """True when `value` is finite and inside the range."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        if isinstance(value, float) and not math.isfinite(value):
            return False
        if self.above:
            return self.low < value <= self.high
        return self.low <= value <= self.high

    def problem(self, value: float) -> str | None:
        """Why `value` is refused (`weight inf is not a finite number`), or None."""
        if self.holds(value):
            return None
        if isinstance(value, float) and not math.isfinite(value):
            return f"{self.what} {value} is not a finite number"
        return f"{self.what} {_figure(value)} is out of range: it must be {self.describe()}"

    def check(self, value: float, hint: str | None = None) -> float:
        """`value` unchanged, or an InputError (exit 2) naming the range."""
        problem = self.problem(value)
        if problem is not None:
            raise InputError(problem, hint=hint)
        return value

    def stored(self, value: float | None) -> float | None:
        """A value read back from storage, or None when it is outside the range (bad data)."""
        return value if value is not None and self.holds(value) else None


def _figure(value: float) -> str:
    if isinstance(value, int) or (math.isfinite(value) and value.is_integer()):
        text = str(int(value))
        return text if len(text) <= MAX_NUMBER_CHARS else f"{value:.3g}"
    return f"{value:g}"


# The heaviest loads people move are strongman yokes and sleds (~500 kg for a world-record
# deadlift, ~600 kg on a yoke): one tonne leaves room and still refuses typos like 10000.
WEIGHT_KG = Range("weight", 0, 1000, "kg", above=True)
REPS = Range("reps", 0, 10_000)
# A week: longer than any single set, ride or ultra-marathon anyone records as one effort.
SECONDS = Range("time", 0, 7 * 24 * 3600, "s", above=True)
# An activity's clock runs on when a recording is never stopped: real Strava exports hold
# month-long "rides". A year still refuses the absurd and keeps every sum finite.
ACTIVITY_SECONDS = Range("time", 0, 366 * 24 * 3600, "s", above=True)
# Ten thousand kilometres: more than any single recorded effort, far less than a float's end.
DISTANCE_M = Range("distance", 0, 10_000_000, "m", above=True)
RPE = Range("RPE", 0, 10)
HEART_RATE = Range("heart rate", 0, 300, "bpm")
WATTS = Range("power", 0, 5000, "W")
# Any other number in set metadata (`--meta KEY=VALUE`, imported extras).
META_NUMBER = Range("value", -1e9, 1e9)
META_TEXT_CHARS = 200


def check_day(day: dt.date, what: str = "date") -> dt.date:
    """`day` unchanged if inside the declared range, else an InputError (exit 2)."""
    if not MIN_DAY <= day <= MAX_DAY:
        raise InputError(
            f"{what} {day.isoformat()} is out of range",
            hint=f"flux accepts days from {MIN_DAY.isoformat()} to {MAX_DAY.isoformat()}",
        )
    return day


def day_problem(day: dt.date, what: str = "date") -> str | None:
    """Why `day` is refused, or None (for imports, which report rows instead of raising)."""
    if MIN_DAY <= day <= MAX_DAY:
        return None
    return f"{what} {day.isoformat()} is outside {DAY_RANGE}"
