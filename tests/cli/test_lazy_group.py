"""The root group the console script runs builds each command on first use, as Typer would.

`cli.lazy` reaches into typer's conversion functions (typer is pinned in uv.lock); these
tests compare its tree with typer's own eager one, so an upgrade that changes them fails here.
"""

from __future__ import annotations

from typing import Any

import typer.main
from typer._click import Context

import flux_cli.entry
from flux_cli.cli.lazy import LazyCommands, lazy_group


def _tree(command: Any, ctx: Context | None = None) -> Any:
    """What a command tree says and accepts, as plain data (callbacks by name)."""
    ctx = Context(command, info_name=command.name, parent=ctx)
    node = {
        "class": type(command).__name__.removeprefix("Lazy"),  # the root lists lazily
        "name": command.name,
        "help": command.help,
        "short_help": command.short_help,
        "hidden": command.hidden,
        "no_args_is_help": command.no_args_is_help,
        "context_settings": command.context_settings,
        "callback": getattr(command.callback, "__name__", None),
        "params": [
            {
                key: repr(getattr(param, key, None))
                for key in (
                    "name",
                    "opts",
                    "secondary_opts",
                    "type",
                    "required",
                    "default",
                    "nargs",
                    "multiple",
                    "help",
                    "envvar",
                    "metavar",
                    "is_flag",
                    "hidden",
                )
            }
            for param in command.params
        ],
        "usage": command.get_usage(ctx),
    }
    if hasattr(command, "list_commands"):
        node["commands"] = [
            _tree(command.get_command(ctx, name), ctx) for name in command.list_commands(ctx)
        ]
    return node


def test_the_lazy_tree_is_typers_own_tree() -> None:
    eager = typer.main.get_command(flux_cli.entry.app)
    lazy = lazy_group(flux_cli.entry.app)
    assert _tree(lazy) == _tree(eager)
    assert list(lazy.commands) == list(eager.commands)  # type: ignore[attr-defined]
    assert "dashboard" in lazy.commands and "session" in lazy.commands


def test_running_a_command_builds_only_that_command() -> None:
    lazy = lazy_group(flux_cli.entry.app)
    commands = lazy.commands
    assert isinstance(commands, LazyCommands)
    assert commands.built() == []
    lazy.main(["plan", "--help"], prog_name="flux", standalone_mode=False)
    assert commands.built() == ["plan"]
    lazy.main(["session", "start", "--help"], prog_name="flux", standalone_mode=False)
    assert commands.built() == ["plan", "session"]


def test_help_lists_every_command_as_typer_does_and_builds_none(capsys: Any) -> None:
    eager = typer.main.get_command(flux_cli.entry.app)
    lazy = lazy_group(flux_cli.entry.app)
    assert isinstance(lazy.commands, LazyCommands)
    lazy.main(["--help"], prog_name="flux", standalone_mode=False)
    shown = capsys.readouterr().out
    assert lazy.commands.built() == []
    eager.main(["--help"], prog_name="flux", standalone_mode=False)
    assert shown == capsys.readouterr().out
    for name in ("checkin", "plan", "session", "dashboard", "trends"):
        assert f"  {name} " in shown
