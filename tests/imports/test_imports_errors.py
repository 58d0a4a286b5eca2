"""Malformed input: each case names its line, or becomes a RowProblem under skip_invalid."""

from __future__ import annotations

import io

import pytest
from imports_support import STRONG_HEADER, parse_text, problems, workouts

from flux_cli.errors import ExitCode, InputError
from flux_cli.imports import parse_export, text_stream

GOOD = '2024-05-01 10:00:00,"A",1h,"Squat (Barbell)",{order},100,5,0,0,"",,\n'


def strong_text(*bad_rows: str) -> str:
    """A Strong export: two good rows, the bad rows (from line 4), one good row after."""
    good = [GOOD.format(order=1), GOOD.format(order=2)]
    return STRONG_HEADER + "\n" + "".join(good) + "".join(bad_rows) + GOOD.format(order=3)


BAD_ROWS = [
    (
        '2024-05-01 10:00:00,"A",1h,"Squat (Barbell)",3,abc,5,0,0,"",,\n',
        "weight 'abc' is not a number",
    ),
    (
        '2024-05-01 10:00:00,"A",1h,"Squat (Barbell)",3,100,five,0,0,"",,\n',
        "reps 'five' is not a number",
    ),
    (
        '2024-05-01 10:00:00,"A",1h,"Squat (Barbell)",3,100,5,0,0,"",,11\n',
        "RPE '11' is not between 0 and 10",
    ),
    (
        '2024-05-01 10:00:00,"A",1h,"Squat (Barbell)",X,100,5,0,0,"",,\n',
        "set order 'X' is not a number, W, D, F, Rest Timer or Note",
    ),
    ('2024-05-01 10:00:00,"A",1h,"Squat (Barbell)",3,100\n', "has 6 fields, the header has 12"),
    (
        '2024-05-01 10:00:00,"A",1h,"Squat (Barbell)",3,100,5,0,0,"",,,extra\n',
        "has 13 fields, the header has 12",
    ),
    (
        '2024-05-01 10:00:00,"A",1h,"",3,100,5,0,0,"",,\n',
        "exercise name is empty",
    ),
    (
        '2024-05-01 10:00:00,"A",1h,"Squat (Barbell)",3,nan,5,0,0,"",,\n',
        "weight 'nan' is not a number",
    ),
]


@pytest.mark.parametrize(("row", "reason"), BAD_ROWS)
def test_bad_row_refuses_the_import_naming_the_line(row: str, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_text(strong_text(row), name="strong.csv")
    assert caught.value.message == f"strong.csv line 4: {reason}"
    assert caught.value.exit_code == ExitCode.BAD_INPUT
    assert caught.value.hint is not None and "--skip-invalid" in caught.value.hint


@pytest.mark.parametrize(("row", "reason"), BAD_ROWS)
def test_bad_row_is_skipped_and_reported_under_skip_invalid(row: str, reason: str) -> None:
    records = parse_text(strong_text(row), skip_invalid=True)

    assert [(p.line, p.reason) for p in problems(records)] == [(4, reason)]
    (session,) = workouts(records)
    assert [s.line for s in session.sets] == [2, 3, 5]


def test_bad_date_refuses_every_row_of_its_workout() -> None:
    text = (
        STRONG_HEADER
        + "\n"
        + "".join(
            GOOD.replace("2024-05-01 10:00:00", "yesterday").format(order=order) for order in (1, 2)
        )
    )
    text += GOOD.replace("2024-05-01", "2024-05-02").format(order=1)
    with pytest.raises(InputError, match="line 2: date 'yesterday' is not a date and time"):
        parse_text(text)
    records = parse_text(text, skip_invalid=True)
    assert [p.line for p in problems(records)] == [2, 3]
    assert [w.first_line for w in workouts(records)] == [4]


def test_bad_duration_names_the_line() -> None:
    text = strong_text().replace(",1h,", ",1 fortnight,", 1)
    with pytest.raises(InputError, match=r"line 2: duration '1 fortnight' is not a duration"):
        parse_text(text)


def test_rows_of_a_workout_must_be_consecutive() -> None:
    other = GOOD.replace("2024-05-01", "2024-05-02").format(order=1)
    text = strong_text(other)
    with pytest.raises(InputError, match="line 5: continues the workout that starts on line 2"):
        parse_text(text)


def test_missing_required_column_is_a_header_error_even_when_skipping() -> None:
    text = "Date,Workout Name,Exercise Name,Weight,Reps\n2024-05-01 10:00:00,A,Squat,100,5\n"
    with pytest.raises(InputError, match="line 1: not a strong export: no Set Order column"):
        parse_text(text, format="strong", skip_invalid=True)


def test_truncated_file_inside_a_quoted_field() -> None:
    text = strong_text() + '2024-05-01 10:00:00,"A",1h,"Squat (Bar'
    with pytest.raises(InputError, match="line 5: file ends inside a quoted field"):
        parse_text(text)
    records = parse_text(text, skip_invalid=True)
    assert [p.line for p in problems(records)] == [5]
    assert len(workouts(records)[0].sets) == 3


def test_truncated_last_row() -> None:
    text = strong_text() + '2024-05-01 10:00:00,"A",1h,"Squat (Barbell)",4,10'
    with pytest.raises(InputError, match="line 5: has 6 fields, the header has 12"):
        parse_text(text)


def test_empty_file() -> None:
    for text in ("", "\n"):
        with pytest.raises(InputError, match=r"test\.csv line 1: (file is empty|header)"):
            parse_text(text, skip_invalid=True)
    with pytest.raises(InputError, match="file is empty"):
        parse_text("", format="hevy")


def test_header_only_file_has_no_records() -> None:
    assert parse_text(STRONG_HEADER + "\n") == []


def test_binary_file_is_refused_at_line_one() -> None:
    blob = b"PK\x03\x04\x14\x00\x08\x00\xff\xfe\x00garbage\n\x00\x01\x02\n"
    with pytest.raises(InputError, match=r"<stdin> line 1: not a text file") as caught:
        list(parse_export(text_stream(io.BytesIO(blob))))
    assert caught.value.hint is not None


def test_utf16_file_is_refused_with_a_hint() -> None:
    data = (STRONG_HEADER + "\n").encode("utf-16")
    with pytest.raises(InputError, match="UTF-16") as caught:
        list(parse_export(text_stream(io.BytesIO(data)), name="strong.csv"))
    assert caught.value.hint == "save it as UTF-8 CSV"


def test_binary_junk_inside_a_file_is_a_row_problem() -> None:
    data = strong_text().encode() + b"\xff\xfe\x00\x00junk,\x9c\n" + GOOD.format(order=4).encode()
    with pytest.raises(InputError, match=r"line 5: holds NUL or non-UTF-8 bytes"):
        list(parse_export(text_stream(io.BytesIO(data))))

    records = list(parse_export(text_stream(io.BytesIO(data)), skip_invalid=True))
    assert [p.line for p in problems(records)] == [5]
    assert [s.line for s in workouts(records)[0].sets] == [2, 3, 4, 6]


def test_strictly_decoded_stream_still_reports_bad_bytes() -> None:
    data = strong_text().encode() + b"\xff\xfe junk\n"
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline="")
    with pytest.raises(InputError, match="not UTF-8 text"):
        list(parse_export(stream))


def test_unknown_forced_format_is_refused() -> None:
    with pytest.raises(InputError, match="unknown format 'garmin'"):
        parse_text(strong_text(), format="garmin")


def test_flux_jsonl_records_are_checked_by_line() -> None:
    with pytest.raises(InputError, match=r"test\.csv line 1: date is empty"):
        parse_text('{"session_id": 1, "exercise": "Back Squat"}\n')
