"""Ten simulated days through flux's real entry point, in-process; a short day in real processes.

The ten days run the Typer app in this interpreter (each command parses its argv, opens the
database and exits as a process would). One day, on a blank data directory, goes through the
installed `flux` executable, so the console script, first-run migration and exit codes are
checked in real processes too.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from flux_cli import paths
from flux_cli.engine.progression import demand_axes
from flux_cli.engine.rules import Rules
from flux_cli.entry import app

FLUX = Path(sys.executable).with_name("flux")
RULES = Rules.model_validate(yaml.safe_load(paths.default_rules_path().read_text()))
START = dt.date(2026, 3, 2)
# (knee_pain, energy) per day: GREEN, GREEN, GREEN, RED, GREEN ..., ORANGE on day 8
READINESS = [(1, 8), (2, 7), (1, 9), (8, 6), (1, 8), (2, 8), (1, 7), (5, 6), (1, 8), (2, 9)]


def run(*args: str, expect: int = 0) -> Any:
    """One flux command in-process; its JSON output when it printed some."""
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == expect, (
        f"flux {' '.join(args)}: {result.exit_code}\n{result.stderr}{result.exception!r}"
    )
    return json.loads(result.stdout) if "--json" in args and expect == 0 else None


def run_process(*args: str, expect: int = 0) -> Any:
    """One flux command as its own process, through the installed console script."""
    env = dict(os.environ)  # the pinned test environment, FLUX_HOME included
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # cache bytecode as an ordinary install does
    done = subprocess.run(
        [str(FLUX), *args], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert done.returncode == expect, f"flux {' '.join(args)}: {done.returncode}\n{done.stderr}"
    return json.loads(done.stdout) if "--json" in args and expect == 0 else done.stderr


def log_what_was_planned(plan: dict[str, Any], conditioning_policy: str) -> set[str]:
    """Log every planned strength item; conditioning per policy. Returns patterns logged."""
    trained: set[str] = set()
    for item in plan["exercises"]:
        if item["seconds"] is not None:
            spec = [f"{item['seconds']}s"] * item["sets"]
        else:
            weight = item["load_kg"] if item["load_kg"] is not None else 60
            spec = [f"{weight}x{item['reps']}x{item['sets']}"]
        args = ["log", item["name"], *spec, "--json"]
        if item["rpe"] is not None:
            args += ["--rpe", str(item["rpe"])]
        run(*args)
        if item["pattern"]:
            trained.add(item["pattern"])
    block = plan["conditioning"]
    if block is not None and conditioning_policy == "all_at_target":
        for _ in range(block["rounds"]):
            run(
                "log",
                block["exercise"],
                f"{block['work_s']}s",
                "--meta",
                f"avg_watts={block['target_watts'] + 5}",
                "--meta",
                "peak_hr=171",
                "--json",
            )
    return trained


def test_ten_days() -> None:
    run("profile", "set", "ftp_watts=250", "--json")

    archetypes: list[str] = []
    anchors: list[str | None] = []
    trained_yesterday: set[str] = set()
    conditioning_days = 0
    levels_before: dict[str, int] = {}
    for offset, (knee_pain, energy) in enumerate(READINESS):
        day = (START + dt.timedelta(days=offset)).isoformat()
        if offset == 6:
            run("profile", "set", "ftp_watts=300", "--json")
        plan = run("checkin", f"knee_pain={knee_pain}", f"energy={energy}", "--date", day, "--json")
        assert isinstance(plan, dict)

        archetype = RULES.archetypes[plan["archetype"]]
        assert plan["state"] in archetype.states
        if plan["state"] == "RED":
            assert plan["family"] == "recovery", day
        if archetype.patterns:
            # The anchor is one of the session's patterns, never one a sore region gave up
            # (the engine tests pin the rotation order; here the commands must agree).
            gave_up = {
                r["what"].split()[0] for r in plan["restrictions"] if "no longer leads" in r["what"]
            }
            assert plan["anchor_pattern"] in set(archetype.patterns) - gave_up, day
            lead = next(e for e in plan["exercises"] if e["slot"] == "main")
            assert lead["pattern"] == plan["anchor_pattern"]
            assert plan["estimated_minutes"] <= 66, day  # the default hour, +10 %
        for pattern in trained_yesterday:
            assert plan["pattern_debt"][pattern] == 0, (day, pattern)
        if plan["conditioning"] is not None:
            block = plan["conditioning"]
            ftp = 300 if offset >= 6 else 250
            assert block["target_watts"] == round(ftp * block["intensity"]), day
            assert block["level"] == plan["conditioning_levels"][block["protocol"]]
        archetypes.append(plan["archetype"])
        anchors.append(plan["anchor_pattern"])

        run("session", "start", "--date", day, "--json")
        policy = "all_at_target" if conditioning_days % 2 == 0 else "nothing"
        trained_yesterday = log_what_was_planned(plan, policy)
        levels_before = dict(plan["conditioning_levels"])
        verdict = run("session", "complete", "--json")
        assert isinstance(verdict, dict) and verdict["status"] == "completed"

        if plan["conditioning"] is not None:
            conditioning_days += 1
            protocol = plan["conditioning"]["protocol"]
            (change,) = verdict["progression"]
            assert change["protocol"] == protocol
            nxt = run(
                "plan",
                "knee_pain=1",
                "energy=8",
                "--date",
                (START + dt.timedelta(days=offset + 1)).isoformat(),
                "--json",
            )
            assert isinstance(nxt, dict)
            two_demands = len(demand_axes(RULES, protocol, change["from_level"])) >= 2
            if policy == "all_at_target" and two_demands and change["outcome"] == "hold":
                # The next level raises two demands at once: a second success first.
                assert "one more success first" in change["reason"], change
                assert nxt["conditioning_levels"][protocol] == levels_before[protocol]
            elif policy == "all_at_target":
                assert change["outcome"] == "up", change
                assert nxt["conditioning_levels"][protocol] == levels_before[protocol] + 1
            else:
                assert change["outcome"] == "hold", change
                assert nxt["conditioning_levels"][protocol] == levels_before[protocol]
        else:
            assert verdict["progression"] == []

    for first, second, third in zip(archetypes, archetypes[1:], archetypes[2:], strict=False):
        assert not first == second == third, archetypes
    assert conditioning_days >= 2, archetypes
    strength_anchors = [
        a for a, name in zip(anchors, archetypes, strict=True) if name == "Strength_Type_A"
    ]
    assert len(set(strength_anchors)) > 1, (
        f"anchor never rotated: {list(zip(archetypes, anchors, strict=True))}"
    )
    history = run("history", "--json")
    assert isinstance(history, list) and len(history) == len(READINESS)


@pytest.mark.slow
@pytest.mark.blank_home
def test_one_day_through_the_installed_flux_executable(tmp_path: Path) -> None:
    assert FLUX.exists(), f"flux is not installed next to {sys.executable}"
    assert not (tmp_path / "flux.db").exists()
    day = START.isoformat()
    plan = run_process("checkin", "knee_pain=1", "energy=8", "--date", day, "--json")
    assert plan["date"] == day and plan["state"] == "GREEN"
    assert (tmp_path / "flux.db").exists(), "the first command creates the database"
    started = run_process("session", "start", "--date", day, "--json")
    assert started["plan"] == plan
    lead = next(e for e in plan["exercises"] if e["slot"] == "main")
    assert (lead["name"], lead["sets"], lead["reps"]) == ("Back Squat", 5, 5)
    run_process("log", lead["name"], f"60x{lead['reps']}x{lead['sets']}", "--json")
    verdict = run_process("session", "complete", "--json")
    assert verdict["status"] == "completed"
    (session,) = run_process("history", "--json")
    assert session["date"] == day
    assert [row["exercise"] for row in session["sets"]] == [lead["name"]] * lead["sets"]

    refused = run_process("plan", "knee_pain=1", "energy=9", "--date", "21/11/2026", expect=2)
    assert refused.splitlines() == [
        "flux: error: bad date '21/11/2026'",
        "hint: use YYYY-MM-DD, e.g. 2026-11-21",
    ]
