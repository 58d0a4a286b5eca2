"""Parse Strava's bulk-export `activities.csv` into activities, one row at a time.

- Columns are read by position, because the export repeats names (`Elapsed Time`,
  `Distance`, `Max Heart Rate`, `Relative Effort`, `Commute`) with different units: the
  first `Distance` is in the athlete's display unit (km, miles, nautical miles for sailing),
  the second is metres and is the one used. An export with a single `Distance` column is
  read as km (miles when `units` is "lb"). The first `Elapsed Time` (integer seconds) wins,
  the second is the fallback.
- `Activity Date` (`Oct 5, 2014, 4:15:21 PM`) is UTC: in the sample, "Morning Ride"s start
  at 13-15 h and "Evening" ones at 22-02 h, as for an athlete in the Americas. Times are
  returned in `tz` when given, else UTC.
- A row repeating an `Activity ID` already read is dropped: the id is Strava's own key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from flux_cli.imports.bounds import ROW_FAILURES, check_activity, row_reason
from flux_cli.imports.csvsource import CsvSource
from flux_cli.imports.detect import wrong_format
from flux_cli.imports.records import ImportedActivity, ImportRecord, Units
from flux_cli.imports.values import (
    UTC,
    RowError,
    parse_datetime,
    parse_number,
    to_m,
    zero_as_none,
)

_REQUIRED = ("activity id", "activity date", "activity type")
_NUMBER_METADATA = {
    "calories": "calories",
    "elevation_gain_m": "elevation gain",
    "max_speed_mps": "max speed",
    "max_watts": "max watts",
    "weighted_avg_watts": "weighted average power",
    "avg_cadence": "average cadence",
    "relative_effort": "relative effort",
    "perceived_exertion": "perceived exertion",
}


def parse(
    stream: Iterable[str],
    *,
    units: Units | None = None,
    tz: dt.tzinfo | None = None,
    skip_invalid: bool = False,
    name: str | None = None,
    line_offset: int = 0,
) -> Iterator[ImportRecord]:
    """Yield each activity of a Strava `activities.csv` (and RowProblems under `skip_invalid`)."""
    source = CsvSource(stream, name=name, skip_invalid=skip_invalid, line_offset=line_offset)
    columns = _Columns(source.header)
    missing = [column for column in _REQUIRED if column not in columns.positions]
    if missing:
        raise wrong_format(source, "strava", missing)
    return _activities(source, columns, "mi" if units == "lb" else "km", tz)


class _Columns:
    """Every position of every (case-folded) column name, so repeated names stay apart."""

    def __init__(self, header: list[str]) -> None:
        self.positions: dict[str, list[int]] = {}
        for position, column in enumerate(header):
            self.positions.setdefault(column.casefold(), []).append(position)

    def text(self, fields: list[str], column: str, occurrence: int | None = None) -> str:
        """The cell of the given occurrence, or the first non-empty one when None."""
        places = self.positions.get(column, [])
        if occurrence is not None:
            return fields[places[occurrence]].strip() if occurrence < len(places) else ""
        return next((fields[at].strip() for at in places if fields[at].strip()), "")

    def number(self, fields: list[str], column: str, occurrence: int | None = None) -> float | None:
        return parse_number(self.text(fields, column, occurrence), column)


def _activities(
    source: CsvSource, columns: _Columns, display_unit: str, tz: dt.tzinfo | None
) -> Iterator[ImportRecord]:
    seen: set[str] = set()
    for line, fields, error in source.rows():
        if error is not None:
            yield source.problem(line, error)
            continue
        try:
            activity = check_activity(_activity(fields, line, columns, display_unit, tz))
        except ROW_FAILURES as exc:
            yield source.problem(line, row_reason(exc))
            continue
        if activity.external_id not in seen:
            seen.add(activity.external_id)
            yield activity


def _activity(
    fields: list[str], line: int, columns: _Columns, display_unit: str, tz: dt.tzinfo | None
) -> ImportedActivity:
    activity_id = columns.text(fields, "activity id", 0)
    if not activity_id.isdigit():
        raise RowError(f"activity id {activity_id!r} is not a number")
    kind = columns.text(fields, "activity type", 0)
    if not kind:
        raise RowError("activity type is empty")
    started = parse_datetime(columns.text(fields, "activity date", 0), "activity date")
    started = started.replace(tzinfo=UTC) if started.tzinfo is None else started
    display_distance = columns.number(fields, "distance", 0)
    if len(columns.positions.get("distance", [])) > 1:
        distance_m = columns.number(fields, "distance", 1)
    else:
        distance_m = to_m(display_distance, display_unit)
    metadata: dict[str, Any] = {}
    for key, column in _NUMBER_METADATA.items():
        if (value := columns.number(fields, column)) is not None:
            metadata[key] = value
    if display_distance is not None:
        metadata["distance_display"] = display_distance
    if gear := columns.text(fields, "activity gear"):
        metadata["gear"] = gear
    if commute := columns.text(fields, "commute", 0):
        metadata["commute"] = commute.casefold() in ("true", "1", "1.0")
    return ImportedActivity(
        source="strava",
        external_id=activity_id,
        line=line,
        kind=kind,
        started_at=started if tz is None else started.astimezone(tz),
        name=" ".join(columns.text(fields, "activity name", 0).split()),
        elapsed_s=zero_as_none(columns.number(fields, "elapsed time")),
        moving_s=zero_as_none(columns.number(fields, "moving time")),
        distance_m=zero_as_none(distance_m),
        avg_hr=zero_as_none(columns.number(fields, "average heart rate")),
        max_hr=zero_as_none(columns.number(fields, "max heart rate")),
        avg_watts=zero_as_none(columns.number(fields, "average watts")),
        notes=columns.text(fields, "activity description", 0) or None,
        metadata=metadata,
    )
