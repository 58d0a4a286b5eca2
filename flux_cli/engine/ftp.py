"""An FTP estimate from logged work, proposed (never applied) when it beats the profile's.

Source: Allen & Coggan, "Training and Racing with a Power Meter" (2nd ed., 2010): FTP is
about 95 % of the best average power held for 20 minutes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flux_cli.engine.progression import avg_watts
from flux_cli.engine.types import LoggedSet

FTP_OF_20_MIN_POWER = 0.95
TWENTY_MINUTES_S = 20 * 60
# A proposal must beat the current FTP by this much to be worth the athlete's attention.
MIN_GAIN = 0.02


@dataclass(frozen=True, slots=True)
class FtpProposal:
    """A new FTP and the effort it comes from."""

    ftp_watts: int
    from_watts: float
    seconds: float

    @property
    def reason(self) -> str:
        minutes = round(self.seconds / 60)
        return (
            f"FTP estimate {self.ftp_watts} W (95% of {round(self.from_watts)} W held "
            f"{minutes} min): accept with flux profile set ftp_watts={self.ftp_watts}"
        )


def propose_ftp(sets: Iterable[LoggedSet], current: float | None) -> FtpProposal | None:
    """95 % of the best average power over a set of 20 minutes or more, when it beats
    `current` by `MIN_GAIN` (or there is no FTP yet); else None."""
    best: tuple[float, float] | None = None
    for logged in sets:
        watts = avg_watts(logged.metadata)
        if watts is None or watts <= 0 or (logged.seconds or 0) < TWENTY_MINUTES_S:
            continue
        if best is None or watts > best[0]:
            best = (watts, float(logged.seconds or 0))
    if best is None:
        return None
    estimate = round(best[0] * FTP_OF_20_MIN_POWER)
    if current is not None and current > 0 and estimate < current * (1 + MIN_GAIN):
        return None
    return FtpProposal(estimate, best[0], best[1])
