"""The dashboard's sense of time, injectable so tests can drive the timers."""

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


class FakeClock:
    """A clock that moves only when told to (tests, snapshots, benchmarks)."""

    def __init__(self, day: dt.date, start: float = 1000.0) -> None:
        self.day = day
        self.now = start

    def monotonic(self) -> float:
        return self.now

    def today(self) -> dt.date:
        return self.day

    def advance(self, seconds: float) -> None:
        self.now += seconds
