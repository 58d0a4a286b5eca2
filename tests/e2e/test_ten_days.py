"""Ten simulated days through the installed `flux` executable, one subprocess per command."""

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

from flux_cli import paths
from flux_cli.engine.rules import Rules

pytestmark = pytest.mark.slow

FLUX = Path(sys.executable).with_name("flux")
RULES = Rules.model_validate(yaml.safe_load(paths.default_rules_path().read_text()))
START = dt.date(2026, 3, 2)
# (knee_pain, energy) per day: GREEN, GREEN, GREEN, RED, GREEN ..., ORANGE on day 8
READINESS = [(1, 8), (2, 7), (1, 9), (8, 6), (1, 8), (2, 8), (1, 7), (5, 6), (1, 8), (2, 9)]


def run(home: Path, *args: str, expect: int = 0) -> dict[str, Any] | list[Any] | None:
    env = {**os.environ, "FLUX_HOME": str(home)}
    env.pop("FLUX_DATABASE_URL", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # cache bytecode as an ordinary install does
    done = subprocess.run(
        [str(FLUX), *args], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert done.returncode == expect, f"flux {' '.join(args)}: {done.returncode}\n{done.stderr}"
    return json.loads(done.stdout) if "--json" in args and expect == 0 else None


def log_what_was_planned(home: Path, plan: dict[str, Any], conditioning_policy: str) -> set[str]:
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
        run(home, *args)
        if item["pattern"]:
            trained.add(item["pattern"])
    block = plan["conditioning"]
    if block is not None and conditioning_policy == "all_at_target":
        for _ in range(block["rounds"]):
            run(
                home,
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


def test_ten_days(tmp_path: Path) -> None:
    assert FLUX.exists(), f"flux is not installed next to {sys.executable}"
    home = tmp_path
    run(home, "profile", "set", "ftp_watts=250", "--json")

    archetypes: list[str] = []
    anchors: list[str | None] = []
    trained_yesterday: set[str] = set()
    conditioning_days = 0
    levels_before: dict[str, int] = {}
    for offset, (knee_pain, energy) in enumerate(READINESS):
        day = (START + dt.timedelta(days=offset)).isoformat()
        if offset == 6:
            run(home, "profile", "set", "ftp_watts=300", "--json")
        plan = run(
            home, "checkin", f"knee_pain={knee_pain}", f"energy={energy}", "--date", day, "--json"
        )
        assert isinstance(plan, dict)

        archetype = RULES.archetypes[plan["archetype"]]
        assert plan["state"] in archetype.states
        if plan["state"] == "RED":
            assert plan["family"] == "recovery", day
        if archetype.patterns:
            top = max(plan["pattern_debt"][p] for p in archetype.patterns)
            assert plan["pattern_debt"][plan["anchor_pattern"]] == top, day
            assert plan["exercises"][0]["pattern"] == plan["anchor_pattern"]
        for pattern in trained_yesterday:
            assert plan["pattern_debt"][pattern] == 0, (day, pattern)
        if plan["conditioning"] is not None:
            block = plan["conditioning"]
            ftp = 300 if offset >= 6 else 250
            assert block["target_watts"] == round(ftp * block["intensity"]), day
            assert block["level"] == plan["conditioning_levels"][block["protocol"]]
        archetypes.append(plan["archetype"])
        anchors.append(plan["anchor_pattern"])

        run(home, "session", "start", "--date", day, "--json")
        policy = "all_at_target" if conditioning_days % 2 == 0 else "nothing"
        trained_yesterday = log_what_was_planned(home, plan, policy)
        levels_before = dict(plan["conditioning_levels"])
        verdict = run(home, "session", "complete", "--json")
        assert isinstance(verdict, dict) and verdict["status"] == "completed"

        if plan["conditioning"] is not None:
            conditioning_days += 1
            protocol = plan["conditioning"]["protocol"]
            (change,) = verdict["progression"]
            assert change["protocol"] == protocol
            nxt = run(
                home,
                "plan",
                "knee_pain=1",
                "energy=8",
                "--date",
                (START + dt.timedelta(days=offset + 1)).isoformat(),
                "--json",
            )
            assert isinstance(nxt, dict)
            if policy == "all_at_target":
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
    history = run(home, "history", "--json")
    assert isinstance(history, list) and len(history) == len(READINESS)
