"""Today: the state, the plan with its reasons, pattern debt, levels, recent work, e1RM trend.

Once the day's session is completed, Today says what was done and what the verdict changed,
and shows what comes next: the plan for tomorrow if readiness stays as today's.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Header, Static

from flux_cli.present.plans import session_kind
from flux_cli.present.styles import OUTCOME_STYLES
from flux_cli.present.text import visible
from flux_cli.tui import format as fmt
from flux_cli.tui.base import FluxScreen
from flux_cli.tui.keys import navigation
from flux_cli.tui.messages import DashboardLoaded, ServiceFailed
from flux_cli.tui.widgets import E1RMPlot, KeysFooter, StateBadge, bars, fill_table, levels

if TYPE_CHECKING:
    from collections.abc import Sequence

    from flux_cli.engine.athlete import StrengthIndex
    from flux_cli.engine.types import Plan
    from flux_cli.services.workout import Dashboard
    from flux_cli.storage.records import SessionWithSets

PLAN_COLUMNS = ("block", "exercise", "prescription", "rest")
NARROW_BELOW = 100  # columns: below this the side panel goes under the plan


class TodayScreen(FluxScreen[None]):
    """The first screen: what today looks like and what to do."""

    BINDINGS: ClassVar[list[BindingType]] = [*navigation(), Binding("r", "reload", "Reload")]
    # Textual declares this without ClassVar, so mypy refuses the annotation here.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_BELOW, "-wide")]  # noqa: RUF012

    data: Dashboard | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="today"):
            with Horizontal(id="today-head"):
                yield StateBadge(id="badge")
                yield Static("loading…", id="headline")
            yield Static("", id="readiness")
            yield Static("", id="proposal")
            with Horizontal(id="today-main"):
                with Vertical(id="plan-box", classes="box"):
                    yield DataTable(id="plan", cursor_type="none")
                    yield Static("", id="rationale")
                with Horizontal(id="side", classes="box"):
                    with Vertical(id="debt-column"):
                        yield Static("[b]Pattern debt[/] (sessions)", classes="title")
                        yield Static("", id="debt")
                    with Vertical(id="levels-column"):
                        yield Static("[b]Conditioning levels[/]", classes="title")
                        yield Static("", id="levels")
                    with Vertical(id="psi-column"):
                        yield Static("[b]Strength index[/]", classes="title")
                        yield Static("", id="psi")
            with Horizontal(id="today-foot"):
                with Vertical(id="recent-box", classes="box"):
                    yield Static("[b]Recent sessions[/]", classes="title")
                    yield DataTable(id="recent", cursor_type="row")
                yield E1RMPlot(id="trend")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Today"
        self.query_one("#psi-column").display = False  # until there is an index to show
        self.query_one("#proposal").display = False
        fill_table(self.query_one("#plan", DataTable), PLAN_COLUMNS, [])
        recent = self.query_one("#recent", DataTable)
        # Fixed widths: a table filled after its first layout kept its header widths at
        # times, cutting dates to "2026" (seen in the snapshots).
        for label, width in (("date", 10), ("session", 16), ("status", 9), ("sets", 4)):
            recent.add_column(label, width=width)

    def on_screen_resume(self) -> None:
        # After the frame is drawn: the worker's imports would otherwise hold it back.
        self.call_after_refresh(self.load)

    def action_reload(self) -> None:
        self.load()

    def load(self) -> None:
        ctx, day = self.flux.ctx, self.flux.clock.today()

        def read() -> DashboardLoaded:
            from flux_cli import services
            from flux_cli.services import workout as services_workout

            data = services_workout.dashboard(ctx, day)
            if _done_today(data) is None or data.readiness is None:
                return DashboardLoaded(data)
            # What comes next: tomorrow's plan, its history holding today's session, if the
            # athlete feels tomorrow as today (a what-if: nothing is stored).
            readiness = {name: fmt.number(value) for name, value in data.readiness.items()}
            tomorrow = day + dt.timedelta(days=1)
            return DashboardLoaded(data, services.plan(ctx, readiness, tomorrow))

        self.call_service("today", read, lambda loaded: loaded)

    @on(ServiceFailed)
    def _failed(self, message: ServiceFailed) -> None:
        from flux_cli.errors import RulesError, StorageError

        if self.data is None and isinstance(message.error, (StorageError, RulesError)):
            # The first load is the dashboard's start: an unusable database or rules file
            # ends it with the CLI's message and exit code, as `flux plan` would.
            self.flux.fail_start(message.error)
            return
        self.query_one("#headline", Static).update(
            Text(
                f"cannot load today: {fmt.describe_error(message.error)} (r to retry)",
                style="bold red",
            )
        )

    @on(DashboardLoaded)
    def _loaded(self, message: DashboardLoaded) -> None:
        first = self.data is None
        self.data = self.flux.dashboard = data = message.data
        units = data.settings.units
        plan = data.plan
        done = _done_today(data)
        self.query_one(StateBadge).show(plan.state if plan else None)
        headline = Text()
        if done is not None:
            headline.append(f"Done today: {done.session.session_name or 'a session'}", style="bold")
            headline.append(f"  #{done.session.id} completed, {_count(len(done.sets), 'set')}")
        elif plan is not None:
            headline.append(plan.session_name, style="bold")
            headline.append(f"  {session_kind(plan)}", style="dim")
        else:
            headline.append("No check-in today: press c to check in", style="bold")
        headline.append(f"   {data.day.isoformat()} · {data.profile}", style="dim")
        if done is not None:
            headline.append_text(_verdict_line(done))
        if data.active is not None:
            headline.append(f"\nsession #{data.active.id} is active: press w to resume")
        self.query_one("#headline", Static).update(headline)
        shown = message.next_plan if done is not None else plan
        readiness = _readiness(data)
        readiness.append_text(_body_line(shown))
        self.query_one("#readiness", Static).update(readiness)
        self._show_plan(shown, units, following=done is not None)
        debt = shown.pattern_debt if shown is not None else data.pattern_debt
        self.query_one("#debt", Static).update(bars(debt))
        self.query_one("#levels", Static).update(levels(data.levels))
        self.query_one("#psi-column").display = bool(data.strength_index)
        self.query_one("#psi", Static).update(_strength_lines(data.strength_index))
        proposal = self.query_one("#proposal", Static)
        proposal.display = data.ftp_proposal is not None
        proposal.update(Text(data.ftp_proposal or "", style="bold"))
        recent = self.query_one("#recent", DataTable)
        recent.clear()
        for item in data.recent:
            session = item.session
            recent.add_row(
                session.date.isoformat(),
                session.session_name or "-",
                session.status,
                str(len(item.sets)),
            )
        plot = self.query_one(E1RMPlot)
        plot.display = bool(data.e1rm_trend)  # an empty plot would take half the screen
        plot.show(f"e1RM {data.lead_lift}", data.e1rm_trend, units)
        if first and data.active is not None and not self.flux.resumed:
            self.flux.resumed = True
            self.flux.action_mode("workout")

    def _show_plan(self, plan: Plan | None, units: str, *, following: bool) -> None:
        """Today's plan, or after today's session what comes next (`following`)."""
        table = self.query_one("#plan", DataTable)
        fill_table(table, PLAN_COLUMNS, [])
        rationale = self.query_one("#rationale", Static)
        box = self.query_one("#plan-box")
        if plan is None:
            box.border_title = "Next" if following else "Today's plan"
            rationale.update(
                Text("Check in tomorrow (c) for the next plan.", style="dim")
                if following
                else Text("Check in (c) to get today's plan.", style="dim")
            )
            return
        box.border_title = "Next, tomorrow if you feel as today" if following else "Today's plan"
        from flux_cli.engine.types import ConditioningPlan
        from flux_cli.present.plans import session_steps

        composed = any(exercise.slot for exercise in plan.exercises)
        rows: list[tuple[str | Text, ...]] = []
        for exercise, mark in session_steps(plan):
            if isinstance(exercise, ConditioningPlan):
                rows.append(
                    (
                        "conditioning",
                        Text(visible(exercise.exercise)),
                        Text(visible(fmt.conditioning(exercise))),
                        fmt.duration(exercise.rest_s),
                    )
                )
                continue
            # The lead lift in bold: the main slot's when composed (a warm-up comes first).
            lead = exercise.slot == "main" if composed else exercise is plan.exercises[0]
            rows.append(
                (
                    Text(visible(f"{exercise.block} {mark}".strip())),
                    Text(visible(exercise.name), style="bold" if lead else ""),
                    Text(visible(fmt.prescription(exercise, units))),
                    fmt.duration(exercise.rest_s),
                )
            )
        fill_table(table, PLAN_COLUMNS, rows)
        reasons = Text(f"{plan.session_name}\n", style="bold") if following else Text()
        for index, line in enumerate(plan.rationale):
            reasons.append(("\n" if index else "") + f"• {line}")
        rationale.update(reasons)


def _done_today(data: Dashboard) -> SessionWithSets | None:
    """The day's latest completed session (`recent` is newest first)."""
    return next(
        (
            item
            for item in data.recent
            if item.session.date == data.day and item.session.status == "completed"
        ),
        None,
    )


def _strength_lines(found: Sequence[StrengthIndex]) -> Text:
    """Each pattern's Pattern Strength Index, as `flux prs` computes it (100 = its main
    lift's first estimate in the e1RM window)."""
    text = Text()
    width = max((len(item.pattern) for item in found), default=0)
    for index, item in enumerate(found):
        style = "green" if item.index > 100 else "red" if item.index < 100 else ""
        text.append(("\n" if index else "") + f"{item.pattern.ljust(width)} ")
        text.append(f"{item.index:5.1f}", style=style)
    return text


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _verdict_line(done: SessionWithSets) -> Text:
    """What completing the session found: level changes, and how much of the plan was met."""
    result = done.session.result or {}
    text = Text("\n")
    changes = result.get("progression") or []
    for change in changes:
        outcome = str(change.get("outcome", ""))
        text.append(
            f"{change.get('protocol')} {outcome.upper()} "
            f"L{change.get('from_level')} → L{change.get('to_level')}  ",
            style=OUTCOME_STYLES.get(outcome, "bold"),
        )
    checked = result.get("verification") or []
    met = sum(1 for item in checked if item.get("met"))
    if checked:
        text.append(f"{met}/{len(checked)} prescribed items met", style="dim")
    elif not changes:
        text.append("no plan to check it against", style="dim")
    return text


def _body_line(plan: Plan | None) -> Text:
    """The plan's load going into its day and the least recovered muscle groups (issue 11)."""
    from flux_cli.present.body import (
        least_recovered,
        load_line,
        muscle_label,
        percent_bar,
        recovery_style,
    )

    if plan is None or plan.load is None:
        return Text()
    text = Text("   " + load_line(plan.load), style="dim")
    for index, (muscle, percent) in enumerate(least_recovered(plan.recovery or {}, limit=3)):
        text.append(" · recovery: " if index == 0 else " · ", style="dim")
        text.append(f"{muscle_label(muscle)} ")
        text.append(percent_bar(percent, width=5), style=recovery_style(percent))
        text.append(f" {percent}%")
    return text


def _readiness(data: Dashboard) -> Text:
    text = Text()
    if data.readiness is None:
        declared = ", ".join(
            f"{name} {spec.min:g}-{spec.max:g}" for name, spec in data.declared.items()
        )
        text.append(f"readiness: not recorded ({declared})", style="dim")
        return text
    text.append("readiness: ", style="dim")
    text.append(" · ".join(f"{name} {fmt.number(v)}" for name, v in data.readiness.items()))
    return text
