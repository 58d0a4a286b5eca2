"""Strava activities.csv: repeated column names read by position, UTC dates, duplicates."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from imports_support import parse_text, problems

from flux_cli.errors import InputError
from flux_cli.imports.records import ImportedActivity
from flux_cli.imports.values import MI_TO_M

HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,"
    "Distance,Max Heart Rate,Relative Effort,Commute,Elapsed Time,Moving Time,Distance,"
    "Max Heart Rate,Average Heart Rate,Average Watts,Commute"
)
ROWS = (
    f"{HEADER}\n"
    '11,"Oct 19, 2014, 5:10:37 PM",Evening Ride,Ride,"Hills, then flat",3600,30.5,171,,false,'
    "3600.0,3400.0,30512.4,,142.5,215.0,0.0\n"
    '12,"Oct 20, 2014, 6:00:00 AM",Sail,Sail,,7200,15.9,,,true,,7000.0,29610.49,,,,1.0\n'
    '11,"Oct 19, 2014, 5:10:37 PM",Evening Ride,Ride,"Hills, then flat",3600,30.5,171,,false,'
    "3600.0,3400.0,30512.4,,142.5,215.0,0.0\n"
)


def activities(text: str, **options: Any) -> list[ImportedActivity]:
    return [r for r in parse_text(text, **options) if isinstance(r, ImportedActivity)]


def test_repeated_columns_are_read_by_position() -> None:
    ride, sail = activities(ROWS)

    assert ride.external_id == "11" and ride.kind == "Ride" and ride.line == 2
    assert ride.started_at == dt.datetime(2014, 10, 19, 17, 10, 37, tzinfo=dt.UTC)
    assert ride.distance_m == 30512.4, "the second Distance column is metres"
    assert ride.metadata["distance_display"] == 30.5
    assert (ride.elapsed_s, ride.moving_s) == (3600.0, 3400.0)
    assert (ride.max_hr, ride.avg_hr, ride.avg_watts) == (171.0, 142.5, 215.0)
    assert ride.notes == "Hills, then flat"
    assert ride.metadata["commute"] is False
    assert sail.distance_m == 29610.49, "nautical miles in the display column are ignored"
    assert sail.elapsed_s == 7200.0, "the first Elapsed Time wins when the second is empty"
    assert sail.metadata["commute"] is True


def test_a_repeated_activity_id_is_dropped() -> None:
    assert [a.external_id for a in activities(ROWS)] == ["11", "12"]


def test_single_distance_column_uses_units() -> None:
    text = (
        "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance\n"
        '5,"2016-04-01 06:30:00",Run,Run,1800,5.0\n'
    )
    (km,) = activities(text)
    (miles,) = activities(text, units="lb")
    assert km.distance_m == 5000.0
    assert miles.distance_m == pytest.approx(5 * MI_TO_M)


def test_tz_converts_the_utc_time() -> None:
    zone = dt.timezone(dt.timedelta(hours=-7))
    ride, _ = activities(ROWS, tz=zone)
    assert ride.started_at.utcoffset() == dt.timedelta(hours=-7)
    assert (ride.started_at.day, ride.started_at.hour) == (19, 10)


def test_bad_rows_name_their_line() -> None:
    text = ROWS.replace("3600,30.5", "3600,thirty", 1).replace('"Oct 20, 2014', '"Oct 40, 2014')
    with pytest.raises(InputError, match=r"line 2: distance 'thirty' is not a number"):
        activities(text)
    records = parse_text(text, skip_invalid=True)
    assert [(p.line, p.reason) for p in problems(records)] == [
        (2, "distance 'thirty' is not a number"),
        (3, "activity date 'Oct 40, 2014, 6:00:00 AM' is not a date and time"),
    ]
    assert [a.line for a in records if isinstance(a, ImportedActivity)] == [4]
