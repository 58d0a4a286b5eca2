"""How answers look: JSON/CSV for scripts on stdout, Rich for people."""

from __future__ import annotations

import csv as csv_module
import json as json_module
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from flux_cli.engine.types import Plan
    from flux_cli.profile_settings import ProfileSettings
    from flux_cli.services import CompletionResult, LogResult, SeedResult, SessionView
    from flux_cli.services.logbook import HistoryEntry
    from flux_cli.storage.records import ActivityRecord, SessionRecord, SetRecord

STATE_STYLES = {
    "RED": "bold white on red",
    "ORANGE": "bold black on dark_orange",
    "GREEN": "bold black on green",
}
OUTCOME_STYLES = {"up": "bold green", "hold": "yellow", "down": "bold red"}


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def _json(data: Any) -> None:
    sys.stdout.write(json_module.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def _number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "-"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text}{unit}"


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    whole = round(seconds)
    if whole < 60:
        return f"{whole}s"
    minutes, secs = divmod(whole, 60)
    return f"{minutes}:{secs:02d}"


def mapping(data: Mapping[str, Any], *, as_json: bool) -> None:
    if as_json:
        _json(dict(data))
        return
    width = max(len(key) for key in data)
    for key, value in data.items():
        sys.stdout.write(f"{key.ljust(width)}  {value}\n")


# ---------------------------------------------------------------------------- plan


LB_PER_KG = 1 / 0.45359237


def _load(kg: float, units: str) -> str:
    """A load in the athlete's unit; pounds keep the stored kilograms beside them."""
    if units == "lb":
        return f"{kg * LB_PER_KG:.0f} lb ({_number(kg)} kg)"
    return f"{_number(kg)} kg"


def _prescription(exercise: Any, units: str = "kg") -> str:
    amount = f"{exercise.reps}" if exercise.reps is not None else _duration(exercise.seconds)
    text = f"{exercise.sets} × {amount}"
    if exercise.load_kg is not None:
        text += f" @ {_load(exercise.load_kg, units)}"
        if exercise.percent_e1rm is not None and exercise.e1rm_kg is not None:
            text += f" ({exercise.percent_e1rm:.0%} of e1RM {_number(exercise.e1rm_kg)} kg)"
    elif exercise.rpe is not None:
        text += f" @ RPE {_number(exercise.rpe)}"
    return text


def plan(plan: Plan, *, as_json: bool) -> None:
    if as_json:
        _json(plan.model_dump(mode="json"))
        return
    from rich.table import Table
    from rich.text import Text

    console = _console()
    header = Text()
    header.append(f" {plan.state} ", style=STATE_STYLES.get(plan.state, "bold reverse"))
    header.append(f"  {plan.session_name}", style="bold")
    header.append(f"   {plan.date.isoformat()} · {plan.profile}", style="dim")
    console.print(header)
    readiness = " · ".join(f"{name} {_number(value)}" for name, value in plan.readiness.items())
    score = (
        "never done before"
        if plan.priority_score is None
        else f"{plan.days_since_last} days since last, {plan.priority_score:.2f}× due"
    )
    console.print(f"[dim]readiness[/] {readiness}")
    kind = plan.archetype.replace("_", " ")
    console.print(f"[dim]session type[/] {kind} ({plan.family} day, {score})")

    table = Table(box=None, pad_edge=False, show_header=True, header_style="dim")
    for column in ("block", "exercise", "pattern", "prescription", "rest"):
        table.add_column(column)
    for exercise in plan.exercises:
        table.add_row(
            exercise.block,
            Text(exercise.name, style="bold" if exercise.block == plan.exercises[0].block else ""),
            exercise.pattern or "",
            _prescription(exercise, plan.units),
            _duration(exercise.rest_s),
        )
    if plan.conditioning is not None:
        block = plan.conditioning
        target = (
            f" @ {block.target_watts} W"
            if block.target_watts is not None
            else " (set ftp_watts for a watt target)"
        )
        if block.kind == "steady":
            work = f"{_duration(block.work_s)} steady{target}"
        else:
            rest = _duration(block.rest_s)
            work = f"{block.rounds} × {_duration(block.work_s)}{target}, rest {rest}"
        table.add_row(
            "conditioning",
            Text(block.exercise, style="bold"),
            block.protocol,
            f"L{block.level}: {work}",
            "",
        )
    console.print(table)

    if plan.pattern_debt:
        console.print("[dim]pattern debt (sessions since last trained)[/]")
        top = max(plan.pattern_debt.values()) or 1
        width = max(len(name) for name in plan.pattern_debt)
        for name, debt in plan.pattern_debt.items():
            if name in plan.never_trained:
                console.print(f"  {name.ljust(width)} never trained")
                continue
            bar = "█" * max(0, round(20 * debt / top)) if debt else ""
            style = "bold cyan" if name == plan.anchor_pattern else "cyan"
            console.print(f"  {name.ljust(width)} [{style}]{bar}[/] {debt}")
    if plan.conditioning_levels:
        console.print("[dim]conditioning levels[/]")
        width = max(len(name) for name in plan.conditioning_levels)
        for name, level in plan.conditioning_levels.items():
            about = plan.protocol_descriptions.get(name, "")
            console.print(f"  {name.ljust(width)} L{level}  {about}".rstrip())
    console.print("[dim]why[/]")
    for line in plan.rationale:
        console.print(f"  • {line}")


# ---------------------------------------------------------------------------- sessions and sets


def _set_dict(row: SetRecord) -> dict[str, Any]:
    return {
        "set_id": row.id,
        "exercise": row.exercise,
        "position": row.position,
        "weight_kg": row.weight_kg,
        "reps": row.reps,
        "seconds": row.seconds,
        "distance_m": row.distance_m,
        "rpe": row.rpe,
        "metadata": dict(row.metadata),
    }


def _session_dict(record: SessionRecord) -> dict[str, Any]:
    return {
        "session_id": record.id,
        "date": record.date.isoformat(),
        "status": record.status,
        "session_name": record.session_name,
        "archetype": record.archetype,
        "state": record.state,
        "anchor_pattern": record.anchor_pattern,
        "source": record.source,
    }


def _describe_set(row: SetRecord) -> str:
    parts = []
    if row.weight_kg is not None:
        parts.append(f"{_number(row.weight_kg)} kg")
    if row.reps is not None:
        parts.append(f"× {row.reps}" if parts else f"{row.reps} reps")
    if row.seconds is not None:
        parts.append(_duration(row.seconds))
    if row.distance_m is not None:
        parts.append(
            _number(row.distance_m / 1000, " km")
            if row.distance_m >= 1000
            else _number(row.distance_m, " m")
        )
    if row.rpe is not None:
        parts.append(f"@ RPE {_number(row.rpe)}")
    parts += [f"{key}={value}" for key, value in row.metadata.items()]
    return " ".join(parts) or "(empty)"


def session_view(view: SessionView, *, as_json: bool) -> None:
    if as_json:
        data = _session_dict(view.session)
        data["plan"] = view.plan.model_dump(mode="json") if view.plan else None
        data["sets"] = [_set_dict(row) for row in view.sets]
        _json(data)
        return
    console = _console()
    record = view.session
    console.print(
        f"[bold]session #{record.id}[/] {record.session_name or ''} "
        f"[dim]{record.date} · {record.status}[/]"
    )
    if view.plan is not None:
        for exercise in view.plan.exercises:
            done = [row for row in view.sets if row.exercise == exercise.name]
            console.print(
                f"  {exercise.name}: {_prescription(exercise, view.plan.units)}  "
                f"[dim]{len(done)}/{exercise.sets} logged[/]"
            )
        if view.plan.conditioning is not None:
            block = view.plan.conditioning
            done = [row for row in view.sets if row.exercise == block.exercise]
            console.print(
                f"  {block.exercise}: {block.protocol} L{block.level} "
                f"{block.rounds} × {_duration(block.work_s)}"
                + (f" @ {block.target_watts} W" if block.target_watts is not None else "")
                + f"  [dim]{len(done)}/{block.rounds} logged[/]"
            )
    if view.sets:
        console.print("[dim]logged[/]")
        for row in view.sets:
            console.print(f"  {row.position:>3}. {row.exercise}: {_describe_set(row)}")


def logged(result: LogResult, *, as_json: bool) -> None:
    if as_json:
        _json(
            {
                "session_id": result.session.id,
                "created_session": result.created_session,
                "sets": [_set_dict(row) for row in result.sets],
            }
        )
        return
    console = _console()
    if result.created_session:
        console.print(f"[dim]started ad-hoc session #{result.session.id}[/]")
    for row in result.sets:
        console.print(
            f"logged {row.exercise}: {_describe_set(row)} "
            f"[dim](set {row.position}, session #{result.session.id})[/]"
        )


def completion(result: CompletionResult, *, as_json: bool) -> None:
    verdict = result.verdict
    if as_json:
        _json(
            {
                "session_id": result.session_id,
                "status": result.status,
                "verification": [item.model_dump(mode="json") for item in verdict.verification],
                "progression": [change.model_dump(mode="json") for change in verdict.progression],
                "extras": [extra.model_dump(mode="json") for extra in verdict.extras],
            }
        )
        return
    from rich.markup import escape

    console = _console()
    console.print(f"[bold]session #{result.session_id} {result.status}[/]")
    for item in verdict.verification:
        mark = "[green]✓[/]" if item.met else "[red]✗[/]"
        console.print(
            f"  {mark} {escape(item.item)}: {item.prescribed} [dim]→[/] {escape(item.logged)}"
        )
    for extra in verdict.extras:
        console.print(
            f"  + {escape(extra.exercise)}: {extra.logged} [dim](extra, not in the plan)[/]"
        )
    for change in verdict.progression:
        style = OUTCOME_STYLES[change.outcome]
        console.print(
            f"  [{style}]{change.protocol} {change.outcome.upper()}[/] "
            f"L{change.from_level} → L{change.to_level}: {change.reason}"
        )


def abandoned(record: SessionRecord, *, as_json: bool) -> None:
    if as_json:
        _json(_session_dict(record))
        return
    _console().print(
        f"session #{record.id} abandoned (kept in history, marked; never counts toward plans)"
    )


# ---------------------------------------------------------------------------- history

_SET_COLUMNS = (
    "kind",
    "session_id",
    "date",
    "session_name",
    "status",
    "source",
    "set_id",
    "exercise",
    "position",
    "weight_kg",
    "reps",
    "seconds",
    "distance_m",
    "rpe",
    "metadata",
    "activity_type",
    "activity_name",
    "external_id",
    "elapsed_s",
    "moving_s",
    "avg_hr",
    "max_hr",
    "avg_watts",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _activity_dict(record: ActivityRecord) -> dict[str, Any]:
    return {
        "kind": "activity",
        "date": record.date.isoformat(),
        "activity_type": record.kind,
        "activity_name": record.name,
        "source": record.source,
        "external_id": record.external_id,
        "started_at": record.started_at.isoformat(),
        "elapsed_s": record.elapsed_s,
        "moving_s": record.moving_s,
        "distance_m": record.distance_m,
        "avg_hr": record.avg_hr,
        "max_hr": record.max_hr,
        "avg_watts": record.avg_watts,
    }


def _entry_rows(entries: Sequence[HistoryEntry]) -> list[dict[str, Any]]:
    """One row per set; a session without sets and each activity are one row of their own."""
    from flux_cli.services.logbook import is_session

    rows: list[dict[str, Any]] = []
    for entry in entries:
        if not is_session(entry):
            activity = _activity_dict(entry)
            del activity["started_at"]
            rows.append(activity)
            continue
        head = _session_dict(entry.session)
        base = {"kind": "session"} | {
            key: head[key] for key in ("session_id", "date", "session_name", "status", "source")
        }
        if not entry.sets:
            rows.append(dict(base))
        rows += [base | _set_dict(row) for row in entry.sets]
    return rows


def _csv_cell(value: Any) -> Any:
    """Text a spreadsheet would run as a formula is quoted; numbers stay numbers."""
    if isinstance(value, dict):
        return json_module.dumps(value, sort_keys=True) if value else ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _clock(seconds: float | None) -> str:
    """A long duration as h:mm:ss (minutes and seconds below an hour)."""
    if seconds is None or seconds < 3600:
        return _duration(seconds)
    hours, rest = divmod(round(seconds), 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


def _activity_line(record: ActivityRecord) -> str:
    from rich.markup import escape

    facts = [f"activity · {_clock(record.elapsed_s)}"]
    if record.distance_m is not None:
        facts.append(_number(record.distance_m / 1000, " km"))
    if record.avg_hr is not None:
        facts.append(f"{record.avg_hr:.0f} bpm")
    if record.avg_watts is not None:
        facts.append(f"{record.avg_watts:.0f} W")
    return (
        f"[bold]{record.date}[/] {escape(record.kind)} · {escape(record.name)} "
        f"[dim]{' · '.join(facts)}[/]"
    )


def history(entries: Sequence[HistoryEntry], *, fmt: str, kind: str = "all") -> None:
    """Sessions (with their sets) and activities, newest first, in one of four formats."""
    from rich.markup import escape

    from flux_cli.services.logbook import is_session

    if fmt == "json":
        _json(
            [
                {
                    "kind": "session",
                    **_session_dict(entry.session),
                    "sets": [_set_dict(row) for row in entry.sets],
                }
                if is_session(entry)
                else _activity_dict(entry)
                for entry in entries
            ]
        )
        return
    if fmt == "csv":
        writer = csv_module.DictWriter(sys.stdout, fieldnames=_SET_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in _entry_rows(entries):
            writer.writerow({key: _csv_cell(value) for key, value in row.items()})
        return
    if fmt == "jsonl":
        for row in _entry_rows(entries):
            sys.stdout.write(json_module.dumps(row, ensure_ascii=False) + "\n")
        return
    console = _console()
    if not entries:
        empty = {"sessions": "no sessions", "activities": "no activities"}
        console.print(f"[dim]{empty.get(kind, 'no sessions or activities')}[/]")
    for entry in entries:
        # One line per entry however narrow the terminal: scripts and eyes scan by line.
        if not is_session(entry):
            console.print(_activity_line(entry), soft_wrap=True)
            continue
        record = entry.session
        status = (
            f"[yellow]{record.status}[/]"
            if record.status in ("abandoned", "active")
            else f"[dim]{record.status}[/]"
        )
        console.print(
            f"[bold]{record.date}[/] #{record.id} {escape(record.session_name or '')} "
            f"{status} [dim]· {_count(len(entry.sets), 'set')}[/]",
            soft_wrap=True,
        )
        for logged_set in entry.sets:
            console.print(f"    {escape(logged_set.exercise)}: {escape(_describe_set(logged_set))}")


# ---------------------------------------------------------------------------- profile and seed


def profile(name: str, settings: ProfileSettings, *, as_json: bool) -> None:
    data = {"profile": name, **settings.model_dump(mode="json")}
    if not as_json:
        data["plates_kg"] = ",".join(_number(plate) for plate in settings.plates_kg)
    mapping(data, as_json=as_json)


def seeded(result: SeedResult, *, as_json: bool) -> None:
    data = {
        "rules": result.rules_origin,
        "rule_set_id": result.rule_set_id,
        "rules_added": result.rules_added,
        "exercises_added": result.exercises_added,
        "exercises_updated": result.exercises_updated,
    }
    mapping(data, as_json=as_json)
