"""`flux moves no | yes | prefer | clear | list` (movement rules) and `flux why EXERCISE`."""

from __future__ import annotations

import json as json_module
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from flux_cli.cli.context import context
from flux_cli.cli.errors import handle_errors
from flux_cli.cli.options import DateOption, JsonFlag, parse_day

if TYPE_CHECKING:
    from flux_cli.services.moves import MoveChange, Rule

app = typer.Typer(
    help="Movement rules: never (no), always when its slot is there (yes), preferred (prefer).",
    no_args_is_help=True,
)
Exercise = Annotated[str, typer.Argument(help="An exercise name or alias.", show_default=False)]


def _text(value: str) -> str:
    """Names are user data: control characters are shown as visible escapes."""
    from flux_cli.present.text import visible

    return visible(value)


def _say(change: MoveChange) -> None:
    from flux_cli.services.moves import RULE_NAMES

    name = _text(change.exercise)
    if change.rule is None:
        if change.replaced is None:
            typer.echo(f"{name} had no movement rule")
        else:
            typer.echo(f"{name}: {RULE_NAMES[change.replaced]} cleared")
        return
    typer.echo(f"{name}: {RULE_NAMES[change.rule]}")
    if change.replaced is not None and change.replaced != change.rule:
        typer.echo(f"note: replaced the earlier {RULE_NAMES[change.replaced]} for {name}", err=True)


def _set(ctx: typer.Context, name: str, rule: Rule | None) -> None:
    from flux_cli.services.moves import set_move

    _say(set_move(context(ctx), name, rule))


@app.command("no")
@handle_errors
def never(ctx: typer.Context, exercise: Exercise) -> None:
    """HARD_NO: the exercise never appears in a composed session."""
    _set(ctx, exercise, "no")


@app.command("yes")
@handle_errors
def always(ctx: typer.Context, exercise: Exercise) -> None:
    """HARD_YES: the exercise appears whenever a slot it fits is in the session."""
    _set(ctx, exercise, "yes")


@app.command("prefer")
@handle_errors
def prefer(ctx: typer.Context, exercise: Exercise) -> None:
    """PREFERRED: the exercise scores higher and wins ties."""
    _set(ctx, exercise, "prefer")


@app.command("clear")
@handle_errors
def clear(ctx: typer.Context, exercise: Exercise) -> None:
    """Remove the exercise's movement rule."""
    _set(ctx, exercise, None)


@app.command("list")
@handle_errors
def list_rules(ctx: typer.Context, json: JsonFlag = False) -> None:
    """The profile's movement rules, by exercise."""
    from flux_cli.services.moves import RULE_NAMES, list_moves

    rows = list_moves(context(ctx))
    if json:
        data = [{"exercise": row.exercise, "rule": RULE_NAMES[row.rule]} for row in rows]
        sys.stdout.write(json_module.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return
    if not rows:
        typer.echo("no movement rules (set one with: flux moves no EXERCISE)", err=True)
    for row in rows:
        typer.echo(f"{RULE_NAMES[row.rule]:<10} {_text(row.exercise)}")


@handle_errors
def why(
    ctx: typer.Context, exercise: Exercise, date: DateOption = None, json: JsonFlag = False
) -> None:
    """Why an exercise is, or is not, in the day's plan."""
    from flux_cli.services.explaining import why_exercise

    answer = why_exercise(context(ctx), exercise, parse_day(date))
    if json:
        data = {"exercise": answer.exercise, "in_plan": answer.in_plan, "why": answer.why}
        sys.stdout.write(json_module.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return
    where = "in" if answer.in_plan else "not in"
    typer.echo(f"{_text(answer.exercise)} is {where} the plan of {answer.day.isoformat()}:")
    for line in answer.why:
        typer.echo(f"  {_text(line)}")
