"""`flux prs`: PR charts per exercise (e1RM, 1/3/5/10-rep maxes, heaviest single, volume)."""

from __future__ import annotations

import json as json_module
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from flux_cli.cli import complete
from flux_cli.cli.context import context
from flux_cli.cli.errors import handle_errors
from flux_cli.cli.options import JsonFlag

if TYPE_CHECKING:
    from flux_cli.engine.records import Record
    from flux_cli.services.strength import RecordsView


@handle_errors
def prs_command(
    ctx: typer.Context,
    exercise: Annotated[
        str | None,
        typer.Option(
            "--exercise",
            metavar="NAME",
            help="Only this exercise.",
            autocompletion=complete.exercise_names,
        ),
    ] = None,
    json: JsonFlag = False,
) -> None:
    """Personal records per exercise; deload sessions never count."""
    from flux_cli.services.strength import personal_records

    show(personal_records(context(ctx), exercise), as_json=json)


def show(view: RecordsView, *, as_json: bool) -> None:
    """The charts as JSON (kilograms) or as lines in the profile's unit."""
    if as_json:
        data = {
            "units": view.units,
            "exercises": [chart.model_dump(mode="json") for chart in view.charts],
            "strength_index": [
                {
                    "pattern": item.pattern,
                    "lift": item.lift,
                    "index": item.index,
                    "e1rm_kg": item.e1rm_kg,
                    "reference_kg": item.reference_kg,
                    "reference_date": item.reference_date.isoformat(),
                }
                for item in view.strength_index
            ],
        }
        sys.stdout.write(json_module.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return
    from flux_cli.present.text import visible
    from flux_cli.present.weights import weight

    def line(label: str, record: Record | None, *, volume: bool = False) -> str | None:
        if record is None:
            return None
        value = weight(record.value, view.units) + (" × reps" if volume else "")
        how = f"{weight(record.weight_kg, view.units)} × {record.reps}"
        return f"  {label:<16}{value}  ({how}, {record.date.isoformat()})"

    if not view.charts:
        sys.stdout.write("no PRs yet: log sets with a load, e.g. flux log 'Back Squat' 100x5\n")
        return
    out: list[str] = []
    for chart in view.charts:
        out.append(visible(chart.exercise))
        rows: list[Any] = [line("e1RM", chart.e1rm)]
        rows += [
            line(f"{reps}-rep max", chart.rep_maxes.get(reps)) for reps in ("1", "3", "5", "10")
        ]
        rows += [
            line("heaviest single", chart.heaviest_single),
            line("best set volume", chart.best_set_volume, volume=True),
        ]
        out += [row for row in rows if row is not None]
    if view.strength_index:
        out.append("Pattern Strength Index (e1RM today vs the first in the window = 100)")
        for item in view.strength_index:
            out.append(
                f"  {item.pattern:<8}{item.index:>6.1f}  {visible(item.lift)} "
                f"{weight(item.e1rm_kg, view.units)} vs {weight(item.reference_kg, view.units)}"
                f" on {item.reference_date.isoformat()}"
            )
    sys.stdout.write("\n".join(out) + "\n")
