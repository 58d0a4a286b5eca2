"""Item 5: an import row that cannot be read is a row error with its line (skippable with
--skip-invalid), never an exception that aborts the import; memory stays bounded."""

from __future__ import annotations

import io
import json
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from flux_cli.imports import ImportedWorkout, RowProblem, parse_export, text_stream
from flux_cli.imports.bounds import MAX_LINE_CHARS, OVERLONG_LINE, bounded_lines
from tests.hostile.conftest import STRONG_HEADER, Flux, no_traceback, strong_row, write_strong

HOSTILE_ROWS = {
    "duration inf": strong_row("A", duration="inf"),
    "duration nan": strong_row("B", duration="nan"),
    "duration 1e20": strong_row("C", duration="1e20"),
    "year 9999 plus a duration": strong_row("D", date="9999-12-31 23:00:00", duration="2h"),
    "reps of 30 digits": strong_row("E", reps="9" * 30),
    "reps of 5,000 digits": strong_row("F", reps="9" * 5000),
    "weight of 400 digits": strong_row("G", weight="9" * 400),
    "weight 1e309": strong_row("H", weight="1e309"),
    "year 1 with an offset": strong_row("I", date="0001-01-01T00:00:00+05:00"),
    "a 50 KB name": strong_row("J" * 50_000),
}


@pytest.mark.parametrize("what", list(HOSTILE_ROWS))
def test_each_hostile_row_is_a_row_error_with_its_line(what: str) -> None:
    text = "\n".join([STRONG_HEADER, HOSTILE_ROWS[what], strong_row("Fine")]) + "\n"
    records = list(parse_export(io.StringIO(text), format="strong", skip_invalid=True))
    problems = [record for record in records if isinstance(record, RowProblem)]
    workouts = [record for record in records if isinstance(record, ImportedWorkout)]
    assert [problem.line for problem in problems] == [2], what
    assert len(problems[0].reason) <= 300
    assert [workout.name for workout in workouts] == ["Fine"]


def test_the_import_command_skips_them_or_names_the_first(flux: Flux, tmp_path: Path) -> None:
    export = write_strong(tmp_path / "hostile.csv", [*HOSTILE_ROWS.values(), strong_row("Fine")])
    refused = flux("import", str(export), "--format", "strong")
    no_traceback(refused)
    assert refused.exit_code == 2 and "hostile.csv line 2:" in refused.stderr
    assert json.loads(flux("history", "--json").stdout) == []  # nothing partial
    result = flux("import", str(export), "--format", "strong", "--skip-invalid", "--json")
    no_traceback(result)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["workouts_added"] == 1
    assert [row["line"] for row in report["skipped_rows"]] == list(range(2, 2 + len(HOSTILE_ROWS)))
    history = flux("history", "--json")
    assert history.exit_code == 0 and len(json.loads(history.stdout)) == 1


CELLS = st.text(max_size=40) | st.sampled_from(
    [
        "inf",
        "nan",
        "-1",
        "1e400",
        "9" * 500,
        "0001-01-01 00:00:00",
        "9999-12-31 23:59:59",
        "1h 1e300m",
        "\x00",
        "=1+1",
        "\ud800".encode("utf-8", "surrogatepass").decode("latin-1"),
    ]
)


@settings(max_examples=150, deadline=None)
@given(row=st.lists(CELLS, min_size=12, max_size=12))
def test_any_row_is_a_workout_or_a_row_problem(row: list[str]) -> None:
    def quoted(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    text = STRONG_HEADER + "\n" + ",".join(quoted(cell) for cell in row) + "\n"
    for record in parse_export(io.StringIO(text), format="strong", skip_invalid=True):
        assert isinstance(record, ImportedWorkout | RowProblem)


def _deep(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


@pytest.mark.parametrize("depth", [9, 1000, 100_000])
def test_deep_json_metadata_is_a_row_error(depth: int) -> None:
    lines = [
        '{"record":"set","session_id":"a","date":"2026-01-05","exercise":"Squat","reps":5,'
        f'"metadata":{_deep(depth)}}}',
        '{"record":"set","session_id":"b","date":"2026-01-06","exercise":"Squat","reps":5}',
    ]
    records = list(
        parse_export(io.StringIO("\n".join(lines) + "\n"), format="flux-jsonl", skip_invalid=True)
    )
    assert isinstance(records[0], RowProblem) and records[0].line == 1
    assert isinstance(records[1], ImportedWorkout)


def test_a_line_longer_than_the_bound_is_read_in_bounded_memory() -> None:
    size = 16 * MAX_LINE_CHARS
    data = (STRONG_HEADER + "\n" + "x" * size + "\n" + strong_row("Fine") + "\n").encode()
    tracemalloc.start()
    try:
        records = list(
            parse_export(text_stream(io.BytesIO(data)), format="strong", skip_invalid=True)
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < size // 2, f"peak {peak:,} bytes for a {size:,}-character line"
    problems = [record for record in records if isinstance(record, RowProblem)]
    assert [(problem.line, "is longer than" in problem.reason) for problem in problems] == [
        (2, True)
    ]
    assert [record.name for record in records if isinstance(record, ImportedWorkout)] == ["Fine"]


def test_a_file_with_no_newline_at_all_is_refused_cleanly(flux: Flux, tmp_path: Path) -> None:
    path = tmp_path / "one-line.csv"
    path.write_bytes(b"Date," + b"x" * (4 * MAX_LINE_CHARS))
    result = flux("import", str(path), "--format", "strong")
    no_traceback(result)
    assert result.exit_code == 2, result.output


@given(lengths=st.lists(st.integers(min_value=0, max_value=3 * MAX_LINE_CHARS), max_size=4))
@example(lengths=[MAX_LINE_CHARS - 1, MAX_LINE_CHARS, MAX_LINE_CHARS + 1, 0])
@settings(max_examples=10, deadline=None)
def test_bounded_lines_keeps_line_numbers(lengths: list[int]) -> None:
    text = "".join("y" * length + "\n" for length in lengths)
    out = list(bounded_lines(io.StringIO(text)))
    assert len(out) == len(lengths)
    for line, length in zip(out, lengths, strict=True):
        assert line == ("y" * length + "\n" if length <= MAX_LINE_CHARS else OVERLONG_LINE)
