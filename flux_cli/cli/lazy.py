"""The root command group, each command built from its typer definition when first asked for.

Typer turns every command of an app into a Click command before running any: for flux's
eighty-odd commands that is ~15 ms of every run, spent reading signatures of commands that
will not run. `lazy_group` builds the root group as `typer.main.get_command` does, but each
top-level command or sub-group is converted on first lookup; `flux --help` lists them from
their help texts alone. What is built is Typer's own conversion, so a command
behaves the same either way (tests/cli/test_lazy_group.py compares the two).

This reaches into `typer.main`'s conversion functions, not its documented API: typer is pinned
in uv.lock, and the comparison test fails loudly if an upgrade changes them.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, MutableMapping

import typer
from typer import main as typer_main
from typer._click import Command, Context, HelpFormatter
from typer.core import MarkupMode, TyperCommand, TyperGroup
from typer.models import CommandInfo, TyperInfo


class LazyCommands(MutableMapping[str, Command]):
    """Command name → Click command; a command is built the first time it is looked up.

    `summary(name)` is what a listing needs (name, help, hidden), built without reading the
    command's parameters, unless the command itself was built already.
    """

    def __init__(
        self,
        builders: dict[str, Callable[[], Command]],
        summaries: dict[str, Callable[[], Command]] | None = None,
    ) -> None:
        self._builders = builders
        self._summaries = summaries or {}
        self._built: dict[str, Command] = {}

    def summary(self, name: str) -> Command:
        if name in self._built or name not in self._summaries:
            return self[name]
        return self._summaries[name]()

    def __getitem__(self, name: str) -> Command:
        if name not in self._built:
            self._built[name] = self._builders[name]()
        return self._built[name]

    def __setitem__(self, name: str, command: Command) -> None:
        self._builders.setdefault(name, lambda: command)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._builders[name]
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._builders)

    def __len__(self) -> int:
        return len(self._builders)

    def built(self) -> list[str]:
        """The names built so far (for tests)."""
        return list(self._built)


class LazyListing(TyperGroup):
    """A group whose command list (in its help) reads summaries, not whole commands."""

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        commands = self.commands
        if not isinstance(commands, LazyCommands):
            super().format_commands(ctx, formatter)
            return
        shown = [(name, commands.summary(name)) for name in self.list_commands(ctx)]
        rows = [(name, command) for name, command in shown if not command.hidden]
        if rows:  # laid out as TyperGroup.format_commands lays them out
            limit = formatter.width - 6 - max(len(name) for name, _ in rows)
            with formatter.section("Commands"):
                formatter.write_dl([(name, cmd.get_short_help_str(limit)) for name, cmd in rows])

    def list_commands(self, ctx: Context) -> list[str]:
        return list(self.commands)  # the names, in the order they were added; none built


def lazy_group(app: typer.Typer) -> TyperGroup:
    """`typer.main.get_command(app)` for an app with a callback, building commands on demand."""
    info = typer_main.solve_typer_info_defaults(TyperInfo(app))
    short = app.pretty_exceptions_short
    markup = app.rich_markup_mode
    builders: dict[str, Callable[[], Command]] = {}
    summaries: dict[str, Callable[[], Command]] = {}
    for command_info in app.registered_commands:
        name = command_info.name or typer_main.get_command_name(
            command_info.callback.__name__  # type: ignore[union-attr]
        )
        builders[name] = _command_builder(command_info, short, markup)
        summaries[name] = _command_summary(name, command_info, markup)
    for group_info in app.registered_groups:
        assert group_info.name, "flux's sub-apps are named"
        builders[group_info.name] = _group_builder(group_info, short, markup, app.suggest_commands)
        summaries[group_info.name] = _group_summary(group_info.name, group_info, markup)
    params, context_param_name = typer_main._get_params_name_from_function(info.callback)
    base = info.cls or TyperGroup
    assert issubclass(base, TyperGroup)
    cls: type[TyperGroup] = type(f"Lazy{base.__name__}", (LazyListing, base), {})
    group = cls(
        name=info.name or "",
        # Typer stores the mapping as given and only looks names up in it (typer/core.py).
        commands=LazyCommands(builders, summaries),  # type: ignore[arg-type]
        invoke_without_command=info.invoke_without_command,
        no_args_is_help=info.no_args_is_help,
        subcommand_metavar=info.subcommand_metavar,
        result_callback=info.result_callback,
        context_settings=info.context_settings,
        callback=typer_main.get_callback(
            callback=info.callback,
            params=params,
            context_param_name=context_param_name,
            pretty_exceptions_short=short,
        ),
        params=params,
        help=info.help,
        epilog=info.epilog,
        short_help=info.short_help,
        options_metavar=info.options_metavar,
        add_help_option=info.add_help_option,
        hidden=info.hidden,
        deprecated=info.deprecated,
        rich_markup_mode=markup,
        rich_help_panel=info.rich_help_panel,
        suggest_commands=app.suggest_commands,
    )
    if app._add_completion:
        group.params.extend(typer_main.get_install_completion_arguments())
    return group


def _command_builder(
    command_info: CommandInfo, short: bool, markup: MarkupMode
) -> Callable[[], Command]:
    return lambda: typer_main.get_command_from_info(
        command_info, pretty_exceptions_short=short, rich_markup_mode=markup
    )


def _command_summary(name: str, info: CommandInfo, markup: MarkupMode) -> Callable[[], Command]:
    """The command as a listing shows it: typer's help text and flags, no parameters."""

    def summary() -> Command:
        text = inspect.getdoc(info.callback) if info.help is None else inspect.cleandoc(info.help)
        return (info.cls or TyperCommand)(
            name=name,
            help=text,
            short_help=info.short_help,
            hidden=info.hidden,
            deprecated=info.deprecated,
            rich_markup_mode=markup,
        )

    return summary


def _group_summary(name: str, info: TyperInfo, markup: MarkupMode) -> Callable[[], Command]:
    def summary() -> Command:
        solved = typer_main.solve_typer_info_defaults(info)
        return (solved.cls or TyperGroup)(
            name=name,
            help=solved.help,
            short_help=solved.short_help,
            hidden=solved.hidden,
            deprecated=solved.deprecated,
            rich_markup_mode=markup,
        )

    return summary


def _group_builder(
    group_info: TyperInfo, short: bool, markup: MarkupMode, suggest: bool
) -> Callable[[], Command]:
    return lambda: typer_main.get_group_from_info(
        group_info, pretty_exceptions_short=short, rich_markup_mode=markup, suggest_commands=suggest
    )
