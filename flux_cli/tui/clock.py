"""The dashboard's sense of time, injectable so tests can drive the timers (tests/tui)."""

from __future__ import annotations

import datetime as dt
import time
from typing import Protocol


class Clock(Protocol):
    """Seconds for timers and the calendar day for plans."""

    def monotonic(self) -> float: ...

    def today(self) -> dt.date: ...


class SystemClock:
    """The real clock."""

    def monotonic(self) -> float:
        return time.monotonic()

    def today(self) -> dt.date:
        return dt.date.today()
