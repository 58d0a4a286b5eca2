"""Profiles do not leak: custom exercises, aliases and set counts belong to one profile."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from tests.cli.conftest import Flux, as_json

STRONG = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE\n"
    '2024-05-01 10:00:00,"Legs",1h,"Leg Press Keller",1,120,10,0,0,"",,\n'
    '2024-05-01 10:00:00,"Legs",1h,"Leg Press Keller",2,130,8,0,0,"",,\n'
    '2024-05-01 10:00:00,"Legs",1h,"Squat (Barbell)",1,100,5,0,0,"",,\n'
)
DAY = "2024-05-02"


def _rows(result: Result) -> list[dict[str, Any]]:
    """The exercises `flux exercises list --json` printed."""
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, flux: Flux) -> str:
    """A database at head on each back end: a SQLite file, or a fresh PostgreSQL one."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'isolation.db'}"
    url: str = request.getfixturevalue("pg_url")
    assert flux("--db", url, "db", "upgrade").exit_code == 0
    return url


@pytest.fixture
def as_a(db_url: str, flux: Flux, tmp_path: Path) -> Flux:
    """Profile A has imported a custom exercise, logged squats and made an alias."""

    def run(*args: str) -> Result:
        return flux("--db", db_url, "--profile", "alice", *args)

    path = tmp_path / "alice.csv"
    path.write_text(STRONG, encoding="utf-8")
    imported = as_json(run("import", str(path), "--json"))
    assert imported["custom_exercises"] == ["Leg Press Keller"]
    as_json(run("log", "Back Squat", "100x5", "--date", DAY, "--json"))
    alias = run("exercises", "alias", "Kniebeuge", "Back Squat")
    assert alias.exit_code == 0, alias.output
    return run


@pytest.fixture
def as_b(db_url: str, flux: Flux) -> Flux:
    def run(*args: str) -> Result:
        return flux("--db", db_url, "--profile", "bob", *args)

    return run


def test_a_sees_its_own_custom_exercise_and_set_counts(as_a: Flux) -> None:
    listed = {row["name"]: row for row in _rows(as_a("exercises", "list", "--json"))}
    assert listed["Leg Press Keller"]["sets"] == 2
    assert listed["Back Squat"]["sets"] == 2  # the imported squat and the logged one


def test_b_lists_neither_a_custom_exercise_nor_a_set_counts(as_a: Flux, as_b: Flux) -> None:
    listed = _rows(as_b("exercises", "list", "--json"))
    names = {row["name"] for row in listed}
    assert "Back Squat" in names  # the shared catalogue
    assert "Leg Press Keller" not in names
    assert all(row["sets"] == 0 for row in listed)
    assert _rows(as_b("exercises", "list", "--custom", "--json")) == []

    text = as_b("exercises", "list").stdout
    assert "Leg Press Keller" not in text
    assert "Back Squat" in text
    assert not re.search(r"\b[1-9]\d* sets?\b", text)

    rows = list(csv.DictReader(io.StringIO(as_b("exercises", "list", "--csv").stdout)))
    assert "Leg Press Keller" not in {row["name"] for row in rows}
    assert {row["sets"] for row in rows} == {"0"}

    lines = as_b("exercises", "list", "--jsonl").stdout.splitlines()
    assert all(json.loads(line)["sets"] == 0 for line in lines)


def test_b_cannot_log_by_a_alias_or_a_custom_exercise(as_a: Flux, as_b: Flux) -> None:
    for name in ("Kniebeuge", "Leg Press Keller"):
        result = as_b("log", name, "100x5", "--date", DAY)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith(f"flux: error: unknown exercise '{name}'")
        assert "Traceback" not in result.output
    # Nor does a suggestion name A's exercise.
    assert "Leg Press Keller" not in as_b("log", "Leg Press Kellr", "100x5").stderr


def test_b_makes_its_own_alias_of_the_same_name(as_a: Flux, as_b: Flux) -> None:
    assert as_b("exercises", "alias", "Kniebeuge", "Front Squat").exit_code == 0
    logged = as_json(as_b("log", "Kniebeuge", "80x5", "--date", DAY, "--json"))
    assert "Front Squat" in json.dumps(logged)
    # A's alias and custom exercise still resolve for A.
    logged = as_json(as_a("log", "kniebeuge", "110x3", "--date", DAY, "--json"))
    assert "Back Squat" in json.dumps(logged)
    assert "Front Squat" not in json.dumps(logged)
    assert as_a("log", "leg press keller", "140x6", "--date", DAY).exit_code == 0
    assert as_a("history", "--exercise", "Leg Press Keller").exit_code == 0


def test_b_imports_the_same_custom_name_as_its_own(as_a: Flux, as_b: Flux, tmp_path: Path) -> None:
    path = tmp_path / "bob.csv"
    path.write_text(STRONG, encoding="utf-8")
    imported = as_json(as_b("import", str(path), "--json"))
    assert imported["custom_exercises"] == ["Leg Press Keller"]
    mine = {row["name"]: row for row in _rows(as_b("exercises", "list", "--custom", "--json"))}
    assert mine["Leg Press Keller"]["sets"] == 2
    # Folding B's copy into the catalogue leaves A's custom exercise and sets alone.
    assert as_b("exercises", "alias", "Leg Press Keller", "Leg Press").exit_code == 0
    assert _rows(as_b("exercises", "list", "--custom", "--json")) == []
    theirs = {row["name"]: row for row in _rows(as_a("exercises", "list", "--custom", "--json"))}
    assert theirs["Leg Press Keller"]["sets"] == 2
