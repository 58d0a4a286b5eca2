"""Item 11: CSV output neutralises spreadsheet formulas (OWASP: a `'` before a cell that
starts with = + - @ tab or CR and is not a number), and flux's own CSV reads back exactly."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flux_cli.present.cells import FORMULA_STARTS, neutralise_cell, restore_cell
from tests.hostile.conftest import Flux, no_traceback, strong_row, write_strong

FORMULAS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example","click")',
    "+SUM(1+1)",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "'=already quoted",
]
NUMBERS = ["-5", "+2.5", "-1e3", "0", "-.5"]
CELL_TEXT = (
    st.text()
    | st.sampled_from(FORMULAS + NUMBERS)
    | st.builds(
        lambda quotes, start, rest: "'" * quotes + start + rest,
        st.integers(0, 3),
        st.sampled_from(FORMULA_STARTS),
        st.text(max_size=10),
    )
)


def _runs_as_formula(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return cell.startswith(FORMULA_STARTS)
    return False


@given(cell=CELL_TEXT)
def test_neutralised_cells_never_run_and_restore_exactly(cell: str) -> None:
    neutral = neutralise_cell(cell)
    assert not _runs_as_formula(neutral)
    assert neutral == cell or neutral == "'" + cell
    assert restore_cell(neutral) == cell


@pytest.mark.parametrize("number", NUMBERS)
def test_numbers_are_left_as_numbers(number: str) -> None:
    assert neutralise_cell(number) == number


@pytest.fixture
def formula_history(flux: Flux, tmp_path: Path) -> list[str]:
    rows = [
        strong_row(name, exercise=name, notes=name, date=f"2026-11-{10 + index:02d} 10:00:00")
        for index, name in enumerate(FORMULAS)
    ]
    result = flux(
        "import", str(write_strong(tmp_path / "formulas.csv", rows)), "--format", "strong"
    )
    no_traceback(result)
    assert result.exit_code == 0, result.output
    return FORMULAS


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _assert_neutral(text: str) -> None:
    cells = _cells(text)
    assert cells
    for cell in cells:
        assert not _runs_as_formula(cell), cell
    for formula in FORMULAS:
        if formula.startswith(FORMULA_STARTS):
            assert formula not in cells


@pytest.mark.usefixtures("formula_history")
@pytest.mark.parametrize(
    "command",
    [
        ("history", "--csv"),
        ("exercises", "list", "--csv"),
        ("export", "--format", "csv"),
        ("export", "--format", "strong"),
    ],
)
def test_every_csv_output_neutralises_formulas(flux: Flux, command: tuple[str, ...]) -> None:
    result = flux(*command)
    no_traceback(result)
    assert result.exit_code == 0, result.output
    _assert_neutral(result.stdout)


@pytest.mark.usefixtures("formula_history")
def test_flux_csv_round_trips_exactly(flux: Flux, tmp_path: Path) -> None:
    exported = flux("export", "--format", "csv")
    assert exported.exit_code == 0
    path = tmp_path / "flux.csv"
    path.write_text(exported.stdout, encoding="utf-8")
    before = json.loads(flux("history", "--json").stdout)

    # A second profile reads the export back: names and notes come back as they were written.
    result = flux("--profile", "second", "import", str(path), "--format", "flux-csv", "--json")
    assert result.exit_code == 0, result.output
    after = json.loads(flux("--profile", "second", "history", "--json").stdout)
    assert sorted(entry["session_name"] for entry in after) == sorted(
        entry["session_name"] for entry in before
    )

    def sets(entries: list[dict[str, object]]) -> list[tuple[object, ...]]:
        return sorted(
            (entry["session_name"], row["exercise"], row.get("weight_kg"), row.get("reps"))
            for entry in entries
            for row in entry["sets"]  # type: ignore[attr-defined]
        )

    assert sets(after) == sets(before)
    assert {row["exercise"] for entry in before for row in entry["sets"]} >= {"'=already quoted"}
