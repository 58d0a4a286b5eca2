"""Today: the state, the plan with its reasons, pattern debt, levels, recent work, e1RM trend."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from flux_cli.tui import format as fmt
from flux_cli.tui.base import FluxScreen
from flux_cli.tui.keys import navigation
from flux_cli.tui.messages import DashboardLoaded, ServiceFailed
from flux_cli.tui.widgets import E1RMPlot, StateBadge, bars, levels

if TYPE_CHECKING:
    from flux_cli.services.workout import Dashboard


class TodayScreen(FluxScreen[None]):
    """The first screen: what today looks like and what to do."""

    BINDINGS: ClassVar[list[BindingType]] = [*navigation(), Binding("r", "reload", "Reload")]

    data: Dashboard | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="today"):
            with Horizontal(id="today-head"):
                yield StateBadge(id="badge")
                yield Static("loading…", id="headline")
            yield Static("", id="readiness")
            with Horizontal(id="today-main"):
                with Vertical(id="plan-box", classes="box"):
                    yield DataTable(id="plan", cursor_type="none")
                    yield Static("", id="rationale")
                with Vertical(id="side", classes="box"):
                    yield Static("[b]Pattern debt[/] (sessions)", classes="title")
                    yield Static("", id="debt")
                    yield Static("[b]Conditioning levels[/]", classes="title")
                    yield Static("", id="levels")
            with Horizontal(id="today-foot"):
                with Vertical(id="recent-box", classes="box"):
                    yield Static("[b]Recent sessions[/]", classes="title")
                    yield DataTable(id="recent", cursor_type="row")
                yield E1RMPlot(id="trend")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Today"
        plan = self.query_one("#plan", DataTable)
        plan.add_columns("block", "exercise", "prescription", "rest")
        recent = self.query_one("#recent", DataTable)
        recent.add_columns("date", "session", "status", "sets")

    def on_screen_resume(self) -> None:
        # After the frame is drawn: the worker's imports would otherwise hold it back.
        self.call_after_refresh(self.load)

    def action_reload(self) -> None:
        self.load()

    def load(self) -> None:
        ctx, day = self.flux.ctx, self.flux.clock.today()

        def read() -> Dashboard:
            from flux_cli.services import workout as services_workout

            return services_workout.dashboard(ctx, day)

        self.call_service("today", read, DashboardLoaded)

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
        self.query_one(StateBadge).show(plan.state if plan else None)
        headline = Text()
        if plan is not None:
            headline.append(plan.session_name, style="bold")
            score = (
                "never done"
                if plan.priority_score is None
                else f"priority {plan.priority_score:.2f}, {plan.days_since_last} d since last"
            )
            headline.append(f"  {plan.archetype} ({score})", style="dim")
        else:
            headline.append("No check-in today: press c to check in", style="bold")
        headline.append(f"   {data.day.isoformat()} · {data.profile}", style="dim")
        if data.active is not None:
            headline.append(f"\nsession #{data.active.id} is active: press w to resume")
        self.query_one("#headline", Static).update(headline)
        self.query_one("#readiness", Static).update(_readiness(data))
        self._show_plan(data, units)
        self.query_one("#debt", Static).update(bars(data.pattern_debt))
        self.query_one("#levels", Static).update(levels(data.levels))
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
        title = f"e1RM {data.lead_lift}" if data.lead_lift else "e1RM (no lift yet)"
        self.query_one(E1RMPlot).show(title, data.e1rm_trend, units)
        if first and data.active is not None and not self.flux.resumed:
            self.flux.resumed = True
            self.flux.action_mode("workout")

    def _show_plan(self, data: Dashboard, units: str) -> None:
        table = self.query_one("#plan", DataTable)
        table.clear()
        plan = data.plan
        rationale = self.query_one("#rationale", Static)
        if plan is None:
            rationale.update(Text("Check in (c) to get today's plan.", style="dim"))
            return
        if plan.conditioning is not None:
            block = plan.conditioning
            table.add_row(
                "conditioning", block.exercise, fmt.conditioning(block), fmt.duration(block.rest_s)
            )
        for exercise in plan.exercises:
            lead = exercise is plan.exercises[0]
            table.add_row(
                exercise.block,
                Text(exercise.name, style="bold" if lead else ""),
                fmt.prescription(exercise, units),
                fmt.duration(exercise.rest_s),
            )
        reasons = Text()
        for index, line in enumerate(plan.rationale):
            reasons.append(("\n" if index else "") + f"• {line}")
        rationale.update(reasons)


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
