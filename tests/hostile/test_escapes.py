"""Item 10: text from users and files is printed as text on every output path: Rich markup
escaped, control characters shown as visible escapes, in the CLI and in the dashboard."""

from __future__ import annotations

import contextlib
import io
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.segment import Segment
from textual.color import Color

from flux_cli import services
from flux_cli.present.text import markup_text, visible
from flux_cli.tui.app import make_app
from flux_cli.tui.safe_text import ControlCharacterFilter
from tests.hostile.conftest import Flux, no_traceback, strong_row, write_strong

MARKUP_NAME = "[red]x[/red] [link=http://evil.example]click[/link] [bold]b"
ESCAPE_NAME = "\x1b]0;pwned\x07Evil\x1b[2J Row"
BIDI_NAME = "Curl \u202eesrever"


def _hidden(character: str) -> bool:
    return unicodedata.category(character) in ("Cc", "Cf") or character in "\u2028\u2029\x85"


@given(text=st.text())
def test_visible_text_holds_no_control_character(text: str) -> None:
    shown = visible(text)
    assert not any(_hidden(character) for character in shown)
    if not any(_hidden(character) for character in text):
        assert shown == text


@given(text=st.text(alphabet=st.characters(exclude_categories=("Cc", "Cf", "Cs", "Zl", "Zp"))))
def test_rich_prints_markup_text_as_the_text_itself(text: str) -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, width=10_000, highlight=False, emoji=False, markup=True)
    # Followed by markup, as every output line is: a trailing backslash must not escape it.
    console.print(markup_text(text) + "[dim]|[/]", end="", soft_wrap=True)
    printed = buffer.getvalue()
    assert printed == text + "|"


@given(text=st.text())
def test_the_dashboard_filter_drops_every_control_character(text: str) -> None:
    segments = ControlCharacterFilter().apply([Segment(text)], Color(0, 0, 0))
    assert not any(_hidden(character) for segment in segments for character in segment.text)


def test_no_control_character_passes_the_filters_printable_shortcut() -> None:
    """The filter passes printable text untouched (box drawing, braille plots): that holds
    only while Python counts every control and format character as unprintable."""
    printable = [c for c in map(chr, range(sys.maxunicode + 1)) if _hidden(c) and c.isprintable()]
    assert printable == []


@pytest.fixture
def hostile_history(flux: Flux, tmp_path: Path) -> None:
    export = write_strong(
        tmp_path / "names.csv",
        [
            strong_row(MARKUP_NAME, exercise=ESCAPE_NAME, date="2026-11-20 10:00:00"),
            strong_row(ESCAPE_NAME, exercise=MARKUP_NAME, date="2026-11-19 10:00:00"),
            strong_row(BIDI_NAME, exercise=BIDI_NAME, date="2026-11-18 10:00:00"),
        ],
    )
    result = flux("import", str(export), "--format", "strong")
    no_traceback(result)
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\\x1b]0;pwned\\x07Evil" in result.stdout


@pytest.mark.usefixtures("hostile_history")
@pytest.mark.parametrize(
    "command",
    [
        ("history",),
        ("history", "--limit", "2"),
        ("exercises", "list"),
        ("exercises", "list", "--custom"),
    ],
)
def test_cli_text_output_prints_names_as_text(flux: Flux, command: tuple[str, ...]) -> None:
    result = flux(*command)
    no_traceback(result)
    if result.exit_code == 2:
        pytest.skip(f"{command} is not a command here")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\u202e" not in result.output
    assert "\\x1b]0;pwned\\x07Evil\\x1b[2J Row" in result.stdout
    if command[0] == "history":
        assert MARKUP_NAME in result.stdout  # the brackets are shown, not applied


@pytest.mark.usefixtures("hostile_history")
def test_json_output_keeps_names_exact(flux: Flux) -> None:
    result = flux("history", "--json")
    names = {entry["session_name"] for entry in json.loads(result.stdout)}
    assert names == {MARKUP_NAME, ESCAPE_NAME, BIDI_NAME}


@pytest.mark.asyncio
@pytest.mark.usefixtures("hostile_history")
async def test_the_dashboard_history_shows_names_as_visible_text() -> None:
    import datetime as dt

    from tests.tui.conftest import FakeClock, screen_text, wait_text

    app: Any = make_app(services.Context(), clock=FakeClock(dt.date(2026, 11, 21)))
    assert any(isinstance(item, ControlCharacterFilter) for item in app.get_line_filters())
    async with app.run_test(size=(160, 30)) as pilot:
        await wait_text(pilot, "readiness: not recorded")
        await pilot.press("h")
        await wait_text(pilot, "3 sessions")
        shown = screen_text(app)
        assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
        assert "\\x1b]0;pwned" in shown
        assert "[red]x[/red]" in shown


@given(name=st.text(alphabet=st.characters(categories=("Cc", "Cf", "L")), min_size=1, max_size=20))
def test_error_lines_on_stderr_show_quoted_names_as_visible_text(name: str) -> None:
    from flux_cli.cli.errors import report
    from flux_cli.errors import InputError

    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        report(InputError(f"unknown exercise {name!r}", hint=f"did you mean {name}?"))
    lines = stderr.getvalue().splitlines()
    assert len(lines) == 2  # no line break of the name's own
    assert all(line.isprintable() for line in lines)


def test_an_unknown_exercise_named_with_escapes_is_refused_as_text(flux: Flux) -> None:
    result = flux("log", ESCAPE_NAME, "5x5")
    no_traceback(result)
    assert result.exit_code == 2, result.output
    assert "\x1b" not in result.stderr and "\\x1b]0;pwned" in result.stderr


def test_config_show_and_path_print_a_rules_path_as_text(flux: Flux, tmp_path: Path) -> None:
    from flux_cli.paths import default_rules_path

    rules = tmp_path / "rules\x1b]0;pwned\x07.yaml"
    rules.write_text(default_rules_path().read_text())
    for command in (("config", "show"), ("config", "path")):
        result = flux("--config", str(rules), *command)
        no_traceback(result)
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.output and "rules\\x1b]0;pwned\\x07.yaml" in result.output
