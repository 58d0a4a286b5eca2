"""A table filled after its first layout is as wide as its cells at once (fill_table)."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from flux_cli.tui.widgets import fill_table

pytestmark = pytest.mark.asyncio


class OneTable(App[None]):
    def compose(self) -> ComposeResult:
        yield DataTable[str | Text]()


async def test_columns_take_their_widest_cell_without_waiting_for_idle() -> None:
    app = OneTable()
    async with app.run_test(size=(80, 24)):
        table = app.query_one(DataTable)
        fill_table(table, ("week of", "most sets"), [("2026-11-14", Text("quadriceps 2.5"))])
        # No pause: the widths hold before the table has had an idle event to measure in.
        assert [column.get_render_width(table) for column in table.ordered_columns] == [
            10 + 2 * table.cell_padding,
            len("quadriceps 2.5") + 2 * table.cell_padding,
        ]
        assert table.row_count == 1


async def test_a_refill_replaces_rows_and_narrows_columns() -> None:
    app = OneTable()
    async with app.run_test(size=(80, 24)):
        table = app.query_one(DataTable)
        fill_table(table, ("exercise", "sets"), [("Romanian Deadlift", "3"), ("Squat", "5")])
        fill_table(table, ("exercise", "sets"), [("Squat", "12")])
        assert table.row_count == 1
        assert [column.width for column in table.ordered_columns] == [len("exercise"), 4]
        fill_table(table, ("exercise", "sets"), [])
        assert table.row_count == 0 and len(table.columns) == 2
