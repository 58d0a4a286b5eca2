"""How import reports, exercise lists and alias changes look (JSON for scripts, text for people)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from flux_cli.present.cells import csv_value
from flux_cli.present.numbers import finite_json, plural
from flux_cli.present.text import visible

if TYPE_CHECKING:
    from flux_cli.services.exercises import AliasResult, ExerciseRow
    from flux_cli.services.importing import ImportReport


def _json(data: Any) -> None:
    text = json.dumps(finite_json(data), indent=2, ensure_ascii=False, allow_nan=False)
    sys.stdout.write(text + "\n")


def import_data(report: ImportReport) -> dict[str, Any]:
    return {
        "dry_run": report.dry_run,
        "workouts_added": report.workouts_added,
        "sets_added": report.sets_added,
        "activities_added": report.activities_added,
        "duplicates_skipped": report.duplicates_skipped,
        "custom_exercises": list(report.custom_exercises),
        "unmapped_activity_types": list(report.unmapped_activity_types),
        "skipped_rows": [
            {"file": row.file, "line": row.line, "reason": row.reason}
            for row in report.skipped_rows
        ],
        "files": [
            {
                "file": item.name,
                "format": item.format,
                "workouts_added": item.workouts_added,
                "sets_added": item.sets_added,
                "activities_added": item.activities_added,
                "duplicates_skipped": item.duplicates_skipped,
                "rows_skipped": item.rows_skipped,
            }
            for item in report.files
        ],
    }


def import_json(report: ImportReport) -> None:
    _json(import_data(report))


def import_text(report: ImportReport) -> None:
    verb = "would add" if report.dry_run else "added"
    lines = []
    for item in report.files:
        lines.append(
            f"{item.name} ({item.format}): {verb} {plural(item.workouts_added, 'workout')}, "
            f"{plural(item.sets_added, 'set')}, "
            f"{plural(item.activities_added, 'activity', 'activities')}; "
            f"{item.duplicates_skipped} already there"
            + (f"; {plural(item.rows_skipped, 'row')} skipped" if item.rows_skipped else "")
        )
    if len(report.files) > 1:
        lines.append(
            f"total: {verb} {plural(report.workouts_added, 'workout')}, "
            f"{plural(report.sets_added, 'set')}, "
            f"{plural(report.activities_added, 'activity', 'activities')}; "
            f"{report.duplicates_skipped} already there"
        )
    if report.custom_exercises:
        lines.append(
            f"new custom exercises ({len(report.custom_exercises)}), "
            "map them with: flux exercises alias NAME CATALOGUE_NAME"
        )
        lines += [f"  {name}" for name in report.custom_exercises]
    if report.unmapped_activity_types:
        lines.append(
            "activity types the rules' load section does not map (without power, heart rate"
            " or Relative Effort their load uses load.default_activity_rpe): "
            + ", ".join(report.unmapped_activity_types)
        )
    if report.skipped_rows:
        lines.append(f"skipped rows ({len(report.skipped_rows)}):")
        lines += [f"  {row}" for row in report.skipped_rows]
    if report.dry_run:
        lines.append("dry run: nothing was written")
    sys.stdout.write(visible("\n".join(lines), keep_newlines=True) + "\n")


def _exercise_dict(row: ExerciseRow) -> dict[str, Any]:
    return {
        "name": row.exercise.name,
        "pattern": row.exercise.pattern,
        "category": row.exercise.category,
        "tracking": row.exercise.tracking,
        "load_type": row.exercise.load_type,
        "source": row.exercise.source,
        "aliases": list(row.exercise.aliases),
        "sets": row.sets,
    }


def exercises(rows: Sequence[ExerciseRow], *, fmt: str = "text") -> None:
    """The catalogue as a table, or as JSON, CSV or JSON lines (one exercise a row)."""
    if fmt == "json":
        _json([_exercise_dict(row) for row in rows])
        return
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(_exercise_dict(row), ensure_ascii=False) + "\n")
        return
    if fmt == "csv":
        import csv

        columns = list(_exercise_dict(rows[0])) if rows else ["name"]
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            data = _exercise_dict(row)
            data["aliases"] = "; ".join(data["aliases"])
            writer.writerow({key: csv_value(value) for key, value in data.items()})
        return
    if not rows:
        sys.stdout.write("no exercises\n")
        return
    width = max(len(row.exercise.name) for row in rows)
    for row in rows:
        exercise = row.exercise
        line = (
            f"{exercise.name.ljust(width)}  {(exercise.pattern or '-'):<7} "
            f"{exercise.source:<16} {plural(row.sets, 'set')}"
        )
        sys.stdout.write(visible(line) + "\n")


def aliased(result: AliasResult, *, as_json: bool) -> None:
    if as_json:
        _json(
            {
                "alias": result.alias,
                "exercise": result.exercise,
                "changed": result.changed,
                "merged": result.merged,
                "sets_moved": result.sets_moved,
            }
        )
        return
    if not result.changed:
        sys.stdout.write(visible(f"'{result.alias}' already means {result.exercise}") + "\n")
        return
    text = f"'{result.alias}' now means {result.exercise}"
    if result.merged is not None:
        text += f" (custom exercise merged, {plural(result.sets_moved, 'set')} moved)"
    sys.stdout.write(visible(text) + "\n")
