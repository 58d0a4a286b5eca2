"""Parsers stream: bounded memory on a 200,000-row export, records before the end of input."""

from __future__ import annotations

import datetime as dt
import tracemalloc
from collections.abc import Iterator

from imports_support import STRONG_HEADER

from flux_cli.imports import parse_export
from flux_cli.imports.csvsource import BLOCK_LINES
from flux_cli.imports.records import ImportedWorkout

ROWS_PER_WORKOUT = 20  # one warm-up, one rest timer, eighteen working sets


def generated_strong(rows: int) -> Iterator[str]:
    """A Strong export of `rows` data rows, produced line by line (never held whole)."""
    yield STRONG_HEADER + "\n"
    first = dt.datetime(2000, 1, 1, 7, 30)
    for workout in range(rows // ROWS_PER_WORKOUT):
        date = f"{first + dt.timedelta(days=workout):%Y-%m-%d %H:%M:%S}"
        prefix = f'{date},"Day {workout % 7}",1h 5m,"Bench Press (Barbell)",'
        yield f'{prefix}W,40.0,10,0,0,"","",\n'
        yield f"{prefix}Rest Timer,0,0,0,120.0,,,\n"
        for order in range(1, ROWS_PER_WORKOUT - 1):
            yield f'{prefix}{order},80.0,5,0,0,"",,8\n'


def test_200k_row_export_parses_in_bounded_memory() -> None:
    rows = 200_000
    # The lines exist before tracing starts, so the peak is the parser's own memory.
    lines = list(generated_strong(rows))
    workouts = sets = pseudo_rows = 0
    tracemalloc.start()
    try:
        for record in parse_export(iter(lines), name="big.csv"):
            assert isinstance(record, ImportedWorkout)
            workouts += 1
            sets += len(record.sets)
            pseudo_rows += record.pseudo_rows
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert workouts == rows // ROWS_PER_WORKOUT
    assert pseudo_rows == workouts
    assert sets == rows - pseudo_rows
    assert peak < 25 * 2**20, f"peak {peak / 2**20:.1f} MiB"


def test_first_workout_arrives_before_the_input_is_read() -> None:
    consumed = 0

    def counted() -> Iterator[str]:
        nonlocal consumed
        for line in generated_strong(10_000):
            consumed += 1
            yield line

    records = parse_export(counted(), name="big.csv")
    first = next(records)

    assert isinstance(first, ImportedWorkout) and len(first.sets) == ROWS_PER_WORKOUT - 1
    # Lines are read a block at a time (checked for binary junk in one scan).
    assert consumed <= 1 + 2 * BLOCK_LINES
