"""How answers look: JSON/CSV for scripts on stdout, Rich for people."""

from __future__ import annotations

import csv as csv_module
import json as json_module
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from flux_cli.present.cells import csv_value
from flux_cli.present.numbers import duration, finite_json, json_number, number, plural, watts
from flux_cli.present.plans import session_kind, session_steps
from flux_cli.present.sets import conditioning, logged_set, prescription
from flux_cli.present.styles import OUTCOME_STYLES, STATE_STYLES
from flux_cli.present.text import markup_text, visible
from flux_cli.present.weights import weight, weight_value

if TYPE_CHECKING:
    from rich.console import Console

    from flux_cli.engine.types import Plan
    from flux_cli.profile_settings import ProfileSettings
    from flux_cli.services import CompletionResult, LogResult, SeedResult, SessionView
    from flux_cli.services.logbook import HistoryEntry
    from flux_cli.services.training import NextSetSuggestion
    from flux_cli.storage.records import ActivityRecord, SessionRecord, SetRecord


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def _json(data: Any) -> None:
    text = json_module.dumps(
        finite_json(data), indent=2, ensure_ascii=False, default=str, allow_nan=False
    )
    sys.stdout.write(text + "\n")


def mapping(data: Mapping[str, Any], *, as_json: bool) -> None:
    if as_json:
        _json(dict(data))
        return
    width = max(len(key) for key in data)
    for key, value in data.items():
        sys.stdout.write(f"{key.ljust(width)}  {value}\n")


# ---------------------------------------------------------------------------- plan


def _plan_json(plan: Plan) -> dict[str, Any]:
    """The plan's stable JSON, with whole readiness values as ints and loads in its unit too."""
    data = plan.model_dump(mode="json")
    data["readiness"] = {name: json_number(value) for name, value in plan.readiness.items()}
    for shown, exercise in zip(data["exercises"], plan.exercises, strict=True):
        if exercise.load_kg is not None:
            shown["load"] = json_number(weight_value(exercise.load_kg, plan.units))
            shown["unit"] = plan.units
    return data


def plan(plan: Plan, *, as_json: bool) -> None:
    if as_json:
        _json(_plan_json(plan))
        return
    from rich.table import Table
    from rich.text import Text

    from flux_cli.engine.types import ConditioningPlan

    console = _console()
    header = Text()
    header.append(f" {visible(plan.state)} ", style=STATE_STYLES.get(plan.state, "bold reverse"))
    header.append(f"  {visible(plan.session_name)}", style="bold")
    header.append(f"   {plan.date.isoformat()} · {visible(plan.profile)}", style="dim")
    console.print(header)
    readiness = " · ".join(
        f"{_escape(name)} {number(value)}" for name, value in plan.readiness.items()
    )
    console.print(f"[dim]readiness[/] {readiness}")
    console.print(f"[dim]session type[/] {_escape(session_kind(plan))}")

    table = Table(box=None, pad_edge=False, show_header=True, header_style="dim")
    for column in ("block", "exercise", "pattern", "prescription", "rest"):
        table.add_column(column)
    for step, mark in session_steps(plan):
        if isinstance(step, ConditioningPlan):
            work = conditioning(step, with_protocol=False)
            if step.stand_in_for is not None:
                work += f" (by effort, for {step.stand_in_for})"
            elif step.target_watts is None:
                work += " (set ftp_watts for a watt target)"
            table.add_row(
                "conditioning",
                Text(visible(step.exercise), style="bold"),
                _escape(step.protocol),
                f"L{step.level}: {_escape(work)}",
                "",
            )
            continue
        lead = step.block == plan.exercises[0].block
        table.add_row(
            _escape(step.block),
            Text(f"{mark} {visible(step.name)}".lstrip(), style="bold" if lead else ""),
            _escape(step.pattern),
            _escape(prescription(step, plan.units, with_e1rm=True)),
            duration(step.rest_s),
        )
    console.print(table)

    if plan.pattern_debt:
        console.print("[dim]pattern debt (sessions since last trained)[/]")
        top = max(plan.pattern_debt.values()) or 1
        width = max(len(name) for name in plan.pattern_debt)
        for name, debt in plan.pattern_debt.items():
            if name in plan.never_trained:
                console.print(f"  {_escape(name.ljust(width))} never trained")
                continue
            bar = "█" * max(0, round(20 * debt / top)) if debt else ""
            style = "bold cyan" if name == plan.anchor_pattern else "cyan"
            console.print(f"  {_escape(name.ljust(width))} [{style}]{bar}[/] {debt}")
    if plan.conditioning_levels:
        console.print("[dim]conditioning levels[/]")
        width = max(len(name) for name in plan.conditioning_levels)
        for name, level in plan.conditioning_levels.items():
            about = plan.protocol_descriptions.get(name, "")
            console.print(f"  {_escape(name.ljust(width))} L{level}  {_escape(about)}".rstrip())
    _body(console, plan)
    console.print("[dim]why[/]")
    for line in plan.rationale:
        console.print(f"  • {_escape(line)}")


def _body(console: Console, plan: Plan) -> None:
    """The load line and the least recovered muscle groups (issue 11), when known."""
    from flux_cli.present.body import load_line, tired_muscles

    if plan.load is not None:
        console.print(f"[dim]{_escape(load_line(plan.load))}[/]")
    tired = tired_muscles(plan.recovery or {})
    if tired:
        console.print(f"[dim]recovery[/] {_escape(tired)}")


# ---------------------------------------------------------------------------- sessions and sets


def _set_dict(row: SetRecord, unit: str) -> dict[str, Any]:
    # `weight_kg` is the stable field (DESIGN §3); `weight` and `unit` say it as logged.
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
        "weight": None if row.weight_kg is None else json_number(weight_value(row.weight_kg, unit)),
        "unit": unit,
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
        "deload": record.deload,
    }


def _escape(text: str | None) -> str:
    """User and file text shown through Rich: brackets are text, control characters visible."""
    return markup_text(text)


def _describe_set(row: SetRecord, unit: str) -> str:
    return _escape(logged_set(row, unit, all_metadata=True))


def session_view(view: SessionView, *, as_json: bool) -> None:
    unit = view.units
    if as_json:
        data = _session_dict(view.session)
        data["plan"] = _plan_json(view.plan) if view.plan else None
        data["sets"] = [_set_dict(row, unit) for row in view.sets]
        _json(data)
        return
    console = _console()
    record = view.session
    console.print(
        f"[bold]session #{record.id}[/] {_escape(record.session_name)} "
        f"[dim]{record.date} · {record.status}[/]"
    )
    if view.plan is not None:
        from flux_cli.engine.types import ConditioningPlan

        for step, _mark in session_steps(view.plan):
            if isinstance(step, ConditioningPlan):
                done = [row for row in view.sets if row.exercise == step.exercise]
                console.print(
                    f"  {_escape(step.exercise)}: {_escape(conditioning(step))}"
                    f"  [dim]{len(done)}/{step.rounds} logged[/]"
                )
                continue
            done = [row for row in view.sets if row.exercise == step.name]
            console.print(
                f"  {_escape(step.name)}: "
                f"{_escape(prescription(step, unit, with_e1rm=True))}  "
                f"[dim]{len(done)}/{step.sets} logged[/]"
            )
    if view.sets:
        console.print("[dim]logged[/]")
        for row in view.sets:
            console.print(
                f"  {row.position:>3}. {_escape(row.exercise)}: {_describe_set(row, unit)}"
            )


def logged(result: LogResult, *, as_json: bool) -> None:
    if as_json:
        _json(
            {
                "session_id": result.session.id,
                "created_session": result.created_session,
                "sets": [_set_dict(row, result.units) for row in result.sets],
                "next_set": None
                if result.next_set is None
                else {
                    "load_kg": result.next_set.next_load_kg,
                    "after_rpe": result.next_set.rpe,
                    "target_rpe": result.next_set.target_rpe,
                },
            }
        )
        return
    console = _console()
    if result.created_session:
        console.print(f"[dim]started ad-hoc session #{result.session.id}[/]")
    for row in result.sets:
        console.print(
            f"logged {_escape(row.exercise)}: {_describe_set(row, result.units)} "
            f"[dim](set {row.position}, session #{result.session.id})[/]"
        )
    if result.next_set is not None:
        console.print(next_set_text(result.next_set, result.units))


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
                "deload": result.deload,
                "ftp_proposal": result.ftp_proposal,
                "prs": [
                    {
                        "exercise": pr.exercise,
                        "record": pr.record,
                        "value": pr.value,
                        "weight_kg": pr.weight_kg,
                        "reps": pr.reps,
                    }
                    for pr in result.records
                ],
            }
        )
        return
    console = _console()
    console.print(f"[bold]session #{result.session_id} {result.status}[/]")
    for item in verdict.verification:
        mark = "[green]✓[/]" if item.met else "[red]✗[/]"
        console.print(
            f"  {mark} {_escape(item.item)}: {_escape(item.prescribed)} "
            f"[dim]→[/] {_escape(item.logged)}"
        )
    for extra in verdict.extras:
        console.print(
            f"  + {_escape(extra.exercise)}: {_escape(extra.logged)} "
            "[dim](extra, not in the plan)[/]"
        )
    for change in verdict.progression:
        style = OUTCOME_STYLES[change.outcome]
        console.print(
            f"  [{style}]{_escape(change.protocol)} {change.outcome.upper()}[/] "
            f"L{change.from_level} → L{change.to_level}: {_escape(change.reason)}"
        )
    for line in record_lines(result):
        console.print(line)
    if result.ftp_proposal is not None:
        console.print(f"  {result.ftp_proposal}")


def next_set_text(suggestion: NextSetSuggestion, unit: str) -> str:
    """`next set: 97.5 kg (RPE 9 vs target 8)`, the in-session rule's answer."""
    same = suggestion.next_load_kg == suggestion.load_kg
    move = "same load" if same else weight(suggestion.next_load_kg, unit)
    return (
        f"next set: {move} [dim](RPE {number(suggestion.rpe)} vs target "
        f"{number(suggestion.target_rpe)})[/]"
    )


def record_lines(result: CompletionResult) -> list[str]:
    """One line per PR the session set; a deload session says it sets none."""
    from flux_cli.services.strength import record_name

    if result.deload:
        return ["  [dim]deload session: no PRs counted[/]"]
    lines = []
    unit = result.units
    for pr in result.records:
        value = weight(pr.value, unit) + (" × reps" if pr.record == "volume" else "")
        lines.append(
            f"  [bold green]PR[/] {_escape(pr.exercise)} {record_name(pr.record)}: {value} "
            f"[dim]({weight(pr.weight_kg, unit)} × {pr.reps})[/]"
        )
    return lines


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
    "weight",
    "unit",
)


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


def _entry_rows(entries: Sequence[HistoryEntry], unit: str) -> list[dict[str, Any]]:
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
        rows += [base | _set_dict(row, unit) for row in entry.sets]
    return rows


def _csv_cell(value: Any) -> Any:
    """Text a spreadsheet would run as a formula is quoted; numbers stay numbers."""
    value = finite_json(value)  # a bad value stored by an older flux is an empty cell
    if isinstance(value, dict):
        return json_module.dumps(value, sort_keys=True, allow_nan=False) if value else ""
    return csv_value(value)


def _activity_line(record: ActivityRecord) -> str:
    facts = [f"activity · {duration(record.elapsed_s)}"]
    if record.distance_m is not None:
        facts.append(f"{number(record.distance_m / 1000)} km")
    if record.avg_hr is not None:
        facts.append(f"{record.avg_hr:.0f} bpm")
    if record.avg_watts is not None:
        facts.append(watts(round(record.avg_watts)))
    return (
        f"[bold]{record.date}[/] {_escape(record.kind)} · {_escape(record.name)} "
        f"[dim]{' · '.join(facts)}[/]"
    )


def history(
    entries: Sequence[HistoryEntry], *, fmt: str, kind: str = "all", unit: str = "kg"
) -> None:
    """Sessions (with their sets) and activities, newest first, in one of four formats.

    Weights read in `unit` as text; JSON, CSV and JSONL keep `weight_kg` and add `weight`
    and `unit` beside it.
    """
    from flux_cli.services.logbook import is_session

    if fmt == "json":
        _json(
            [
                {
                    "kind": "session",
                    **_session_dict(entry.session),
                    "sets": [_set_dict(row, unit) for row in entry.sets],
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
        for row in _entry_rows(entries, unit):
            writer.writerow({key: _csv_cell(value) for key, value in row.items()})
        return
    if fmt == "jsonl":
        for row in _entry_rows(entries, unit):
            sys.stdout.write(json_module.dumps(finite_json(row), ensure_ascii=False) + "\n")
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
            f"[bold]{record.date}[/] #{record.id} {_escape(record.session_name)} "
            f"{status} [dim]· {plural(len(entry.sets), 'set')}[/]",
            soft_wrap=True,
        )
        for set_row in entry.sets:
            console.print(f"    {_escape(set_row.exercise)}: {_describe_set(set_row, unit)}")


# ---------------------------------------------------------------------------- profile and seed


def profile(name: str, settings: ProfileSettings, *, as_json: bool) -> None:
    """The profile's settings; in text, only the bar and plates of its unit, `not set` for none."""
    data: dict[str, Any] = {"profile": name, **settings.model_dump(mode="json")}
    if as_json:
        mapping(data, as_json=True)
        return
    other = "kg" if settings.units == "lb" else "lb"
    shown: dict[str, Any] = {}
    for key, value in data.items():
        if key in (f"bar_{other}", f"plates_{other}"):
            continue
        if key == "one_rep_maxes":
            for lift, one_rm in value.items():
                kg = float(one_rm["kg"])
                shown[f"1rm.{visible(lift)}"] = (
                    f"{weight(kg, settings.units)} (set {one_rm['date']})"
                )
            continue
        if key.startswith("plates_"):
            value = ",".join(number(plate, 3) for plate in value)
        elif isinstance(value, float):
            value = number(value)
        shown[key] = "not set" if value is None else value
    mapping(shown, as_json=False)


def seeded(result: SeedResult, *, as_json: bool) -> None:
    data = {
        "rules": result.rules_origin,
        "rule_set_id": result.rule_set_id,
        "rules_added": result.rules_added,
        "exercises_added": result.exercises_added,
        "exercises_updated": result.exercises_updated,
    }
    mapping(data, as_json=as_json)
