"""One stream holding several exports of one format (`cat a.csv b.csv | flux import -`)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from imports_support import (
    FIX_FLUX_CSV,
    FIX_FLUX_JSONL,
    FIX_HEVY,
    FIX_STRAVA,
    FIX_STRONG_2025,
    FIX_STRONG_2026,
    FIX_STRONG_CLASSIC,
    FIXTURES,
    STRONG_2025,
    STRONG_CLASSIC,
    needs_samples,
    parse_file,
    parse_text,
    problems,
    workouts,
)

from flux_cli.errors import InputError
from flux_cli.imports import read_export
from flux_cli.imports.parts import BLOCK_LINES
from flux_cli.imports.records import ImportedActivity, ImportedWorkout, ImportRecord


def text(*paths: Path) -> str:
    """The files' text one after another, as `cat` writes them."""
    return "".join(path.read_text(encoding="utf-8") for path in paths)


def summary(records: list[ImportRecord]) -> list[tuple[str, int]]:
    """(id, set count) of each workout and activity (0 sets), in order."""
    return [
        (record.external_id, len(record.sets) if isinstance(record, ImportedWorkout) else 0)
        for record in records
        if isinstance(record, ImportedWorkout | ImportedActivity)
    ]


@pytest.mark.parametrize(
    "paths",
    [
        [FIX_STRONG_CLASSIC, FIX_STRONG_2025],  # two layouts: `,` then `;` and quoted
        [FIX_STRONG_2025, FIX_STRONG_CLASSIC, FIX_STRONG_2026],
        [FIX_STRONG_CLASSIC, FIX_STRONG_CLASSIC],  # the same file twice
        [FIXTURES / "strong" / "german.csv", FIXTURES / "strong" / "chinese.csv"],
        [FIX_HEVY, FIX_HEVY],  # no final newline: the header follows the last row directly
        [FIX_STRAVA, FIX_STRAVA],
        [FIX_FLUX_CSV, FIX_FLUX_CSV],
        [FIX_FLUX_JSONL, FIX_FLUX_JSONL],
    ],
    ids=lambda paths: "+".join(path.name for path in paths),
)
def test_concatenated_exports_read_as_each_file_alone(paths: list[Path]) -> None:
    together = parse_text(text(*paths))

    assert not problems(together)
    assert summary(together) == [item for path in paths for item in summary(parse_file(path))]


def test_line_numbers_count_over_the_whole_stream() -> None:
    first = FIX_STRONG_CLASSIC.read_text(encoding="utf-8")
    second = FIX_STRONG_2025.read_text(encoding="utf-8")
    lines_before = first.count("\n")
    bad = second.replace('"61.23492";"7"', '"lots";"7"')

    with pytest.raises(InputError, match=rf"test.csv line {lines_before + 3}: weight 'lots'"):
        parse_text(first + bad)

    records = parse_text(first + bad, skip_invalid=True)
    assert [p.line for p in problems(records)] == [lines_before + 3]
    later = workouts(records)[3]
    assert later.first_line == lines_before + 2
    assert [s.line for s in later.sets] == [lines_before + n for n in (2, 4, 5)]


def test_a_glued_header_keeps_line_numbers() -> None:
    hevy = FIX_HEVY.read_text(encoding="utf-8")
    assert not hevy.endswith("\n")
    lines = hevy.count("\n") + 1
    bad = hevy.replace('"normal",60,8', '"normal",sixty,8')

    with pytest.raises(InputError, match=rf"line {2 * lines - 1}: weight 'sixty'"):
        parse_text(hevy + bad)


def test_a_byte_order_mark_before_a_later_header() -> None:
    records = parse_text(text(FIX_STRONG_2026) + "\ufeff" + text(FIX_STRONG_2026))

    assert not problems(records)
    assert len(workouts(records)) == 4


def test_a_bad_row_under_a_later_header_names_its_stream_line() -> None:
    first = FIX_STRONG_CLASSIC.read_text(encoding="utf-8")
    other_layout = "Date,Workout Name,Exercise Name,Set Order\n"  # variant 5, fewest columns
    with pytest.raises(InputError, match=rf"line {first.count(chr(10)) + 3}: set order 'x'"):
        parse_text(
            first + other_layout + "2024-01-01 10:00:00,A,Squat,1\n2024-01-01 10:00:00,A,Squat,x\n"
        )


def test_another_apps_header_in_the_middle_is_a_bad_row() -> None:
    first = FIX_STRONG_CLASSIC.read_text(encoding="utf-8")
    with pytest.raises(InputError, match=rf"line {first.count(chr(10)) + 1}:"):
        parse_text(first + FIX_HEVY.read_text(encoding="utf-8"))


def test_headers_inside_blocks_start_new_parts() -> None:
    classic = FIX_STRONG_CLASSIC.read_text(encoding="utf-8").splitlines(keepends=True)[0]
    quoted = FIX_STRONG_2025.read_text(encoding="utf-8").splitlines(keepends=True)[0]
    lines = []
    for part in range(4):
        lines.append(classic if part % 2 == 0 else quoted)
        for number in range(BLOCK_LINES + 7 * part):  # headers fall inside blocks
            stamp = f"{2000 + part}-01-01 10:{number // 60 % 60:02d}:{number % 60:02d}"
            if part % 2 == 0:
                lines.append(f'{stamp},"W{number}",1h,"Squat (Barbell)",1,100,5,0,0,"",,\n')
            else:
                lines.append(
                    f'"{number}";"{stamp}";"W";"60";"Chin Up";"1";"0.0";"8"' + ';""' * 5 + "\n"
                )

    records = list(read_export(iter(lines), name="big.csv").records)

    assert not problems(records)
    assert len(workouts(records)) == sum(BLOCK_LINES + 7 * part for part in range(4))


@needs_samples
def test_the_real_strong_files_concatenated() -> None:
    records = parse_text(text(STRONG_CLASSIC, STRONG_2025))

    assert not problems(records)
    assert len(workouts(records)) == 129 + 20
    assert sum(len(w.sets) for w in workouts(records)) == 2078 + 266
    again = parse_text(text(STRONG_CLASSIC, STRONG_CLASSIC))
    assert len(workouts(again)) == 2 * 129


def test_a_stream_is_read_lazily() -> None:
    stream = io.StringIO(text(FIX_STRONG_CLASSIC, FIX_STRONG_2025), newline="")
    records = read_export(stream, name="lazy.csv").records
    first = next(records)
    assert isinstance(first, ImportedWorkout) and first.source == "strong"
