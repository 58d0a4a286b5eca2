"""Cell parsers: numbers, durations, dates."""

from __future__ import annotations

import datetime as dt

import pytest

from flux_cli.imports.values import (
    RowError,
    parse_count,
    parse_datetime,
    parse_duration,
    parse_number,
)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("1h 5m", 3900),
        ("52m", 3120),
        ("11s", 11),
        ("2h", 7200),
        ("145h 27m", 145 * 3600 + 27 * 60),
        ("1小时13分钟", 4380),
        ("13分钟", 780),
        ("1 Std. 13 Min.", 4380),
        ("1 h 13 min", 4380),
        ("4543", 4543),
        ("4543.0", 4543),
        ("1:05:00", 3900),
        ("0m", 0),
        ("", None),
    ],
)
def test_durations(text: str, seconds: float | None) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["soon", "1 fortnight", "h", "5 m and a bit"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(RowError, match="is not a duration"):
        parse_duration(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("75.0", 75.0),
        ("72,5", 72.5),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("61.23492", 61.23492),
        ("27.215519999999998", 27.215519999999998),
        (" 5 ", 5.0),
        ("", None),
    ],
)
def test_numbers(text: str, value: float | None) -> None:
    assert parse_number(text, "weight") == value


@pytest.mark.parametrize("text", ["abc", "inf", "nan", "1..2", "--5"])
def test_bad_numbers(text: str) -> None:
    with pytest.raises(RowError, match=f"weight '{text}' is not a number"):
        parse_number(text, "weight")


def test_counts() -> None:
    assert parse_count("5", "reps") == 5
    assert parse_count("5.0", "reps") == 5
    assert parse_count("7.5", "reps") == 7.5
    assert parse_count("", "reps") is None
    with pytest.raises(RowError, match="negative"):
        parse_count("-1", "reps")


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("2021-02-10 16:46:13", dt.datetime(2021, 2, 10, 16, 46, 13)),
        ("15 Sep 2025, 07:48", dt.datetime(2025, 9, 15, 7, 48)),
        ("1 Aug 2024, 16:41", dt.datetime(2024, 8, 1, 16, 41)),
        ("Oct 19, 2014, 5:10:37 PM", dt.datetime(2014, 10, 19, 17, 10, 37)),
        ("2024-03-05 7:12:33\u202fAM", dt.datetime(2024, 3, 5, 7, 12, 33)),
        ("2024-03-05T07:12:33+02:00", dt.datetime(2024, 3, 5, 5, 12, 33, tzinfo=dt.UTC)),
    ],
)
def test_dates(text: str, moment: dt.datetime) -> None:
    assert parse_datetime(text) == moment


def test_bad_date() -> None:
    with pytest.raises(RowError, match="date '2021-13-40 10:00' is not a date and time"):
        parse_datetime("2021-13-40 10:00")
