"""Shell completion completes values, not only command names, and stays light (#8.18)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from flux_cli.cli import complete
from flux_cli.cli.main import app

PROBE = """
import json, sys
from flux_cli.cli.main import app
try:
    app(prog_name="flux")
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def _complete(
    tmp_path: Path, words: str, *, extra_env: dict[str, str] | None = None
) -> tuple[list[str], set[str]]:
    """Run bash completion for `words` the way the installed script does, in a fresh process."""
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    env = {
        "FLUX_HOME": str(tmp_path),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "_FLUX_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(cword),
        **(extra_env or {}),
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, check=True
    )
    modules = set(json.loads(done.stderr.strip().splitlines()[-1]))
    return done.stdout.splitlines(), {name.split(".")[0] for name in modules} | modules


def _context(**params: object) -> typer.Context:
    ctx = typer.Context(typer.main.get_command(app))
    ctx.params.update(params)
    return ctx


def test_exercise_names_complete_from_the_catalogue() -> None:
    assert complete.exercise_names("Back S") == ["Back Squat"]
    assert {"Deadlift", "Dead Bug"} <= set(complete.exercise_names("Dead"))
    assert complete.exercise_names("zzz") == []


def test_formats_complete() -> None:
    assert complete.import_formats("flux-") == ["flux-csv", "flux-jsonl"]
    assert complete.import_formats("") == ["strong", "hevy", "strava", "flux-csv", "flux-jsonl"]
    assert complete.export_formats("") == ["csv", "jsonl", "strong"]


def test_profile_keys_then_their_choices_complete() -> None:
    keys = complete.profile_assignments(_context(), "")
    assert keys[:3] == ["ftp_watts=", "e1rm_formula=", "units="]
    assert complete.profile_assignments(_context(), "units=") == ["units=kg", "units=lb"]
    assert complete.profile_assignments(_context(), "e1rm_formula=b") == ["e1rm_formula=brzycki"]
    assert complete.profile_assignments(_context(), "ftp_watts=") == []
    given = _context(assignments=["units=lb"])
    assert "units=" not in complete.profile_assignments(given, "")


def test_readiness_inputs_then_their_values_complete() -> None:
    assert complete.readiness_assignments(_context(), "") == ["knee_pain=", "energy="]
    assert complete.readiness_assignments(_context(inputs=["knee_pain=2"]), "") == ["energy="]
    values = complete.readiness_assignments(_context(), "energy=")
    assert values == [f"energy={n}" for n in range(11)]
    assert complete.readiness_assignments(_context(), "energy=1") == ["energy=1", "energy=10"]


def test_readiness_inputs_come_from_the_rules_in_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("readiness:\n  soreness: {min: 1, max: 3}\n")
    monkeypatch.setenv("FLUX_CONFIG", str(rules))
    assert complete.readiness_assignments(_context(), "") == ["soreness="]
    assert complete.readiness_assignments(_context(), "soreness=") == [
        "soreness=1",
        "soreness=2",
        "soreness=3",
    ]
    rules.write_text("readiness: [unclosed\n")
    assert complete.readiness_assignments(_context(), "") == []


def test_end_to_end_completion_of_an_exercise(tmp_path: Path) -> None:
    words, _ = _complete(tmp_path, "flux log Back")
    assert "Back Squat" in words and "Back Extension" in words


def test_end_to_end_completion_of_readiness_values(tmp_path: Path) -> None:
    words, _ = _complete(tmp_path, "flux checkin knee_pain=2 ")
    assert words == ["energy="]


def test_command_name_completion_loads_nothing_heavy(tmp_path: Path) -> None:
    words, loaded = _complete(tmp_path, "flux sess")
    assert words == ["session"]
    # pydantic is left out: Typer builds its parameter adapters with it for any parse.
    for heavy in ("yaml", "sqlalchemy", "rich", "textual", "flux_cli.services"):
        assert heavy not in loaded, heavy


def test_history_choices_complete() -> None:
    assert complete.history_kinds("") == ["all", "sessions", "activities"]
    assert complete.history_statuses("a") == ["all", "active", "abandoned"]
