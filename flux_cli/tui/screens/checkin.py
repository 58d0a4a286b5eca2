"""Check-in: one field per readiness input the rules declare, validated as it is typed."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.validation import ValidationResult, Validator
from textual.widgets import Button, Input, Label, Static

from flux_cli.present.readiness import readiness_problem
from flux_cli.tui import format as fmt
from flux_cli.tui.base import FluxModal
from flux_cli.tui.messages import CheckinSaved, InputsLoaded, ServiceFailed

if TYPE_CHECKING:
    from flux_cli.engine.rules import ReadinessInput
    from flux_cli.services import CheckinResult


class CheckinScreen(FluxModal["CheckinResult | None"]):
    """The morning form; saving records the check-in and dismisses with the new plan."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    declared: dict[str, ReadinessInput] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="checkin", classes="dialog"):
            yield Static("[b]Check-in[/]  how are you today?", classes="title")
            yield Vertical(id="fields")
            yield Static("", id="checkin-status")
            with Horizontal(classes="buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#checkin-status", Static).update("loading…")
        ctx = self.flux.ctx

        def read() -> dict[str, ReadinessInput]:
            from flux_cli import services

            return services.readiness_inputs(ctx)

        self.call_service("checkin-load", read, InputsLoaded)

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
        self.query_one("#checkin-status", Static).update(
            Text("Enter moves on, ctrl+s saves, Esc cancels", style="dim")
        )
        fields.query(Input).first().focus()

    def _recorded(self) -> dict[str, float]:
        data = self.flux.dashboard
        return dict(data.readiness or {}) if data is not None else {}

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("in-")
        message = self.query_one(f"#msg-{name}", Static)
        result = event.validation_result
        if result is None or result.is_valid or not event.value:
            message.update("")
        else:
            message.update(Text(_first_failure(result.failure_descriptions), style="red"))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input))
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
        self.query_one("#checkin-status", Static).update("saving…")
        ctx, day = self.flux.ctx, self.flux.clock.today()

        def save() -> CheckinResult:
            from flux_cli import services

            return services.checkin(ctx, raw, day)

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


def _first_failure(descriptions: list[str]) -> str:
    return descriptions[0] if descriptions else "invalid"
