"""What the Workout screen prints: item list, target, logged sets, timers (pure functions)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text

from flux_cli.tui import format as fmt
from flux_cli.tui.workout_model import Entry, Item, Phase

if TYPE_CHECKING:
    from flux_cli.engine.types import Plan
    from flux_cli.services.training import NextSetSuggestion
    from flux_cli.storage.records import SessionRecord, SetRecord


def item_label(item: Item, done: int) -> Text:
    """`✓ 3/3 A1 Back Squat`: done mark, sets, superset mark, name. The superset mark goes
    before the name: a long name is cut at the list's edge, and the mark must stay."""
    mark = "✓" if item.target_sets and done >= item.target_sets else " "
    target = f"{done}/{item.target_sets}" if item.target_sets else f"{done}"
    label = Text.assemble(f"{mark} ", (target, "dim"), " ")
    if item.superset:
        label.append(f"{item.superset} ", style="bold cyan")
    label.append(item.name)
    label.no_wrap, label.overflow = True, "ellipsis"
    return label


def target(item: Item, units: str) -> Text:
    text = Text()
    if item.conditioning is not None:
        text.append("target ", style="dim")
        text.append(fmt.conditioning(item.conditioning), style="bold")
        return text
    if not item.target_sets:
        return Text("not in the plan", style="dim")
    text.append("target ", style="dim")
    text.append(fmt.amount(item.target_sets, item.reps, item.seconds), style="bold")
    text.append(fmt.load_or_rpe(item.load_kg, item.rpe, units), style="bold")
    text.append(f"   rest {fmt.duration(item.rest_s)}", style="dim")
    return text


def next_set(suggestion: NextSetSuggestion | None, units: str) -> Text:
    """Why the weight field holds what it does: `next 97.5 kg: last set RPE 9, target 8`."""
    if suggestion is None:
        return Text()
    same = " (same)" if suggestion.next_load_kg == suggestion.load_kg else ""
    return Text.assemble(
        (f"next {fmt.weight(suggestion.next_load_kg, units)}{same}", "bold yellow"),
        (
            f": last set RPE {fmt.number(suggestion.rpe)}, "
            f"target {fmt.number(suggestion.target_rpe)}",
            "yellow",
        ),
    )


def logged(rows: Sequence[SetRecord], pending: Sequence[str], units: str) -> Text:
    text = Text()
    if not rows and not pending:
        return Text("no sets logged yet: Enter logs one", style="dim")
    for number, row in enumerate(rows, start=1):
        text.append(("\n" if number > 1 else "") + f"{number:>2}. {fmt.logged_set(row, units)}")
    for offset, label in enumerate(pending, start=len(rows) + 1):
        text.append(("\n" if offset > 1 else "") + f"{offset:>2}. {label}  saving…", style="dim")
    return text


def rest(remaining: float | None) -> Text:
    if remaining is None:
        return Text("no rest running  (e: rest +30 s)", style="dim")
    return Text.assemble(
        (f" REST {fmt.clock(remaining)} ", "bold reverse"), ("   e: +30 s · s: skip", "dim")
    )


def interval(phase: Phase, rounds: int, target_watts: int | None, running: bool) -> Text:
    watts = f" · target {fmt.watts(target_watts)}" if target_watts is not None else ""
    if phase.name == "ready":
        return Text.assemble(
            (" READY ", "bold reverse"), (f"  {rounds} rounds{watts}   space: start", "dim")
        )
    if phase.name == "done":
        return Text.assemble(
            (" DONE ", "bold reverse"), ("  log the last interval, then f to finish", "dim")
        )
    style = "bold reverse green" if phase.name == "work" else "bold reverse"
    paused = "  PAUSED" if not running else ""
    return Text.assemble(
        (f" {phase.name.upper()} {fmt.clock(phase.remaining)} ", style),
        f"  round {phase.round}/{rounds}{watts}",
        (f"{paused}   space: pause/resume", "dim"),
    )


def no_session(plan: Plan | None, message: str | None, done: SessionRecord | None = None) -> Text:
    text = Text()
    if message:
        text.append(message + "\n\n", style="bold red")
    if done is not None:
        text.append("Done today: ", style="bold")
        text.append(f"{done.session_name or 'a session'} (#{done.id}, completed).\n", style="bold")
        text.append("Today shows what changed and what comes next (t).\n")
        if plan is not None:
            text.append("Press Enter to start a second session today (asks first).", style="dim")
        return text
    if plan is None:
        text.append("No active session and no check-in today.\n", style="bold")
        text.append("Press c to check in; the plan then appears here.")
        return text
    text.append("No active session.\n", style="bold")
    text.append("Today's plan: ")
    text.append(plan.session_name, style="bold")
    text.append("\nPress Enter to start it.")
    return text


def entry(typed: Entry, units: str) -> str:
    """A set as typed, for the queue of sets still being saved."""
    metadata = {"avg_watts": typed.avg_watts, "peak_hr": typed.peak_hr}
    return fmt.set_text(
        weight_kg=typed.weight_kg,
        reps=typed.reps,
        seconds=typed.seconds,
        rpe=typed.rpe,
        metadata={key: value for key, value in metadata.items() if value is not None},
        unit=units,
    )
