"""Check-in: one field per readiness input the rules declare, validated as it is typed, and
an optional soreness group (0-10 per muscle group, checked as `flux soreness` checks it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.validation import ValidationResult, Validator
from textual.widgets import Button, Collapsible, Input, Label, Static

from flux_cli.present.readiness import readiness_problem
from flux_cli.tui import format as fmt
from flux_cli.tui.base import FluxModal
from flux_cli.tui.messages import CheckinSaved, InputsLoaded, ServiceFailed

if TYPE_CHECKING:
    from flux_cli.engine.rules import ReadinessInput
    from flux_cli.services import CheckinResult
    from flux_cli.services.body import SorenessForm

SORE = "sore-"


class CheckinScreen(FluxModal["CheckinResult | None"]):
    """The morning form; saving records the check-in and dismisses with the new plan."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    declared: dict[str, ReadinessInput] | None = None
    soreness: SorenessForm | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="checkin", classes="dialog"):
            yield Static("[b]Check-in[/]  how are you today?\n", classes="title")
            yield Vertical(id="fields")
            with Collapsible(
                title="Soreness 0-10 (optional; blank: not sore)", id="soreness", collapsed=True
            ):
                yield Grid(id="soreness-fields")
                yield Static("", id="soreness-status")
            yield Static("", id="checkin-status")
            with Horizontal(classes="buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#checkin-status", Static).update("loading…")
        ctx, day = self.flux.ctx, self.flux.clock.today()

        def read() -> InputsLoaded:
            from flux_cli import services
            from flux_cli.services.body import soreness_form

            return InputsLoaded(services.readiness_inputs(ctx), soreness_form(ctx, day))

        self.call_service("checkin-load", read, lambda loaded: loaded)

    @on(InputsLoaded)
    async def _build_form(self, message: InputsLoaded) -> None:
        self.declared = declared = message.declared
        current = self._recorded()
        rows = []
        for name, spec in declared.items():
            label = spec.label or name
            value = current.get(name)
            field = Input(
                "" if value is None else fmt.number(value),
                placeholder=f"{spec.min:g}-{spec.max:g}",
                id=f"in-{name}",
                validators=[InRange(spec)],
                validate_on=["changed", "submitted"],
                valid_empty=False,
                compact=True,
            )
            rows.append(
                Horizontal(
                    Label(f"{label} [{spec.min:g}-{spec.max:g}]", classes="field-label"),
                    field,
                    Static("", id=f"msg-{name}", classes="field-message"),
                    classes="field-row",
                )
            )
        fields = self.query_one("#fields", Vertical)
        await fields.mount_all(rows)
        self.soreness = message.soreness
        if message.soreness is not None:
            await self._build_soreness(message.soreness)
        self.query_one("#checkin-status", Static).update(
            Text("Enter moves on, ctrl+s saves, Esc cancels", style="dim")
        )
        fields.query(Input).first().focus()

    async def _build_soreness(self, form: SorenessForm) -> None:
        cells = []
        for muscle in form.groups:
            value = form.today.get(muscle)
            cells.append(
                Horizontal(
                    Label(muscle, classes="sore-label"),
                    Input(
                        "" if value is None else fmt.number(value),
                        placeholder="-",
                        id=_sore_id(muscle),
                        validators=[SorenessValue()],
                        validate_on=["changed", "submitted"],
                        compact=True,
                    ),
                    classes="sore-cell",
                )
            )
        await self.query_one("#soreness-fields", Grid).mount_all(cells)
        if form.today:
            self.query_one("#soreness", Collapsible).collapsed = False

    def _recorded(self) -> dict[str, float]:
        data = self.flux.dashboard
        return dict(data.readiness or {}) if data is not None else {}

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if (event.input.id or "").startswith(SORE):
            self._show_soreness_problem()
            return
        name = (event.input.id or "").removeprefix("in-")
        message = self.query_one(f"#msg-{name}", Static)
        result = event.validation_result
        if result is None or result.is_valid or not event.value:
            message.update("")
        else:
            message.update(Text(_first_failure(result.failure_descriptions), style="red"))

    def _show_soreness_problem(self) -> str | None:
        """The first bad soreness value as `muscle: why` (shown under the group), or None."""
        problem = None
        for muscle, field in self._soreness_fields():
            result = field.validate(field.value)
            if field.value.strip() and result is not None and not result.is_valid:
                problem = f"{muscle}: {_first_failure(result.failure_descriptions)}"
                break
        status = self.query_one("#soreness-status", Static)
        status.update(Text(problem, style="red") if problem else "")
        status.set_class(problem is not None, "shown")
        return problem

    def _soreness_fields(self) -> list[tuple[str, Input]]:
        groups = self.soreness.groups if self.soreness is not None else []
        return [(muscle, self.query_one(f"#{_sore_id(muscle)}", Input)) for muscle in groups]

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        # Enter moves on within its group: readiness, then (on the last) saves; the
        # soreness group is reached with Tab or by opening it.
        sore = (event.input.id or "").startswith(SORE)
        inputs = [i for i in self.query(Input) if (i.id or "").startswith(SORE) == sore]
        index = inputs.index(event.input)
        if index + 1 < len(inputs):
            inputs[index + 1].focus()
        else:
            self.action_save()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        if self.declared is None:
            return
        raw: dict[str, str] = {}
        for name in self.declared:
            field = self.query_one(f"#in-{name}", Input)
            result = field.validate(field.value)
            if not field.value.strip() or (result is not None and not result.is_valid):
                why = "required" if not field.value.strip() else "out of range"
                if result is not None and result.failure_descriptions:
                    why = _first_failure(result.failure_descriptions)
                self.query_one(f"#msg-{name}", Static).update(Text(why, style="red"))
                field.focus()
                return
            raw[name] = field.value.strip()
        if self._show_soreness_problem() is not None:
            self.query_one("#soreness", Collapsible).collapsed = False
            return
        sore = {
            muscle: field.value.strip()
            for muscle, field in self._soreness_fields()
            if field.value.strip()
        }
        self.query_one("#checkin-status", Static).update("saving…")
        ctx, day = self.flux.ctx, self.flux.clock.today()

        def save() -> CheckinResult:
            from flux_cli import services

            return services.checkin(ctx, raw, day, soreness=sore or None)

        self.call_service("checkin-save", save, CheckinSaved)

    @on(CheckinSaved)
    def _saved(self, message: CheckinSaved) -> None:
        plan = message.result.plan
        self.app.notify(f"checked in: {plan.state} · {plan.session_name}", title="Check-in")
        self.dismiss(message.result)

    @on(ServiceFailed)
    def _failed(self, message: ServiceFailed) -> None:
        verb = "save" if message.what == "checkin-save" else "load"
        self.query_one("#checkin-status", Static).update(
            Text(f"could not {verb}: {fmt.describe_error(message.error)}", style="bold red")
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class InRange(Validator):
    """A readiness value as the check-in will take it: the engine's own check, as typed."""

    def __init__(self, spec: ReadinessInput) -> None:
        super().__init__()
        self.spec = spec

    def validate(self, value: str) -> ValidationResult:
        problem = readiness_problem(self.spec, value)
        return self.success() if problem is None else self.failure(problem)


class SorenessValue(Validator):
    """A soreness value as `flux soreness` takes it (blank: not reported)."""

    def validate(self, value: str) -> ValidationResult:
        from flux_cli.services.body import soreness_problem

        if not value.strip():
            return self.success()
        problem = soreness_problem(value)
        return self.success() if problem is None else self.failure(problem)


def _sore_id(muscle: str) -> str:
    return SORE + muscle.replace(" ", "_")


def _first_failure(descriptions: list[str]) -> str:
    return descriptions[0] if descriptions else "invalid"
