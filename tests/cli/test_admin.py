from __future__ import annotations

import re
from pathlib import Path

import pytest

from flux_cli import paths
from tests.cli.conftest import Flux, as_json

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DEFAULT_RULES = paths.default_rules_path().read_text()


def _rules(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(text)
    return path


def test_config_validate_default(flux: Flux) -> None:
    result = flux("config", "validate")
    assert result.exit_code == 0, result.output
    assert re.fullmatch(
        rf"{re.escape(str(paths.default_rules_path()))}: ok "
        r"\(\d+ inputs, \d+ states, \d+ archetypes, \d+ protocols\)\n",
        result.stdout,
    ), result.stdout


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (
            DEFAULT_RULES.replace(
                "patterns: [SQUAT, HINGE, PUSH, PULL]", "patterns: [SQUAT, HINGE"
            ),
            "YAML",
        ),
        (DEFAULT_RULES.replace("energy <= 2", "mood <= 2"), "mood"),
        (DEFAULT_RULES.replace("frequency_days: 3", "frequency_dayz: 3"), "frequency_dayz"),
    ],
)
def test_broken_rules_are_refused_with_file_and_line(
    flux: Flux, tmp_path: Path, broken: str, expected: str
) -> None:
    path = _rules(tmp_path, broken)
    result = flux("config", "validate", str(path))
    assert result.exit_code == 2
    assert f"{path}:" in result.stderr
    assert expected in result.stderr


def test_injected_condition_is_never_executed(
    flux: Flux, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    marker = tmp_path / "x"
    broken = DEFAULT_RULES.replace(
        '"knee_pain >= 7 or energy <= 2"',
        "\"__import__('os').system('touch x') or knee_pain >= 7\"",
    )
    path = _rules(tmp_path, broken)
    for args in (
        ["config", "validate", str(path)],
        ["--config", str(path), "checkin", "knee_pain=1", "energy=8"],
        ["seed", "--config", str(path)],
    ):
        result = flux(*args)
        assert result.exit_code == 2, result.output
        assert f"{path}:" in result.stderr
    assert not marker.exists()
    # nothing was seeded or checked in
    assert flux("plan").exit_code == 1
    assert "database rule set" not in flux("config", "path").stdout


PUBLIC_CATALOGUE = SHARED / "data/exercises/free-exercise-db.exercises.json"


@pytest.mark.skipif(
    not PUBLIC_CATALOGUE.exists(),
    reason=f"{PUBLIC_CATALOGUE} is absent (../shared beside the project)",
)
def test_seed_is_idempotent_and_reads_the_public_catalogue(flux: Flux) -> None:
    catalogue = PUBLIC_CATALOGUE
    first = as_json(flux("seed", "--catalog", str(catalogue), "--json"))
    assert first["rules_added"] is True
    assert first["exercises_added"] > 780
    second = as_json(flux("seed", "--catalog", str(catalogue), "--json"))
    assert second["rules_added"] is False
    assert second["exercises_added"] == 0
    assert flux("config", "path").stdout.startswith("database rule set #")


def test_seeded_rules_are_used(flux: Flux, tmp_path: Path) -> None:
    path = _rules(
        tmp_path,
        DEFAULT_RULES.replace("knee_pain >= 4 or energy <= 4", "knee_pain >= 2 or energy <= 4"),
    )
    as_json(flux("seed", "--config", str(path), "--json"))
    assert as_json(flux("plan", "knee_pain=2", "energy=9", "--json"))["state"] == "ORANGE"


def test_config_option_overrides(flux: Flux, tmp_path: Path) -> None:
    path = _rules(
        tmp_path,
        DEFAULT_RULES.replace("knee_pain >= 4 or energy <= 4", "knee_pain >= 2 or energy <= 4"),
    )
    assert (
        as_json(flux("--config", str(path), "plan", "knee_pain=2", "energy=9", "--json"))["state"]
        == "ORANGE"
    )
    assert as_json(flux("plan", "knee_pain=2", "energy=9", "--json"))["state"] == "GREEN"


def test_profile_set_and_show(flux: Flux) -> None:
    shown = as_json(
        flux(
            "profile",
            "set",
            "ftp_watts=250",
            "e1rm_formula=brzycki",
            "plates_kg=20,10,5,2.5",
            "--json",
        )
    )
    assert shown["ftp_watts"] == 250
    assert shown["e1rm_formula"] == "brzycki"
    assert shown["plates_kg"] == [20, 10, 5, 2.5]
    assert as_json(flux("profile", "show", "--json"))["ftp_watts"] == 250


@pytest.mark.parametrize(
    ("bad", "error"),
    [
        ("ftp=250", "unknown profile setting 'ftp'"),
        ("e1rm_formula=magic", "bad value for e1rm_formula: "),
        ("units=stone", "bad value for units: "),
        ("goal=bulk", "bad value for goal: "),
        ("ftp_watts=-5", "bad value for ftp_watts: "),
        ("ftp_watts", "bad setting 'ftp_watts'"),
    ],
)
def test_profile_set_refuses_bad_values(flux: Flux, bad: str, error: str) -> None:
    before = as_json(flux("profile", "show", "--json"))
    result = flux("profile", "set", bad)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"flux: error: {error}")
    assert as_json(flux("profile", "show", "--json")) == before


def test_paths_and_db(flux: Flux, tmp_path: Path) -> None:
    where = as_json(flux("paths", "--json"))
    assert where["data_dir"] == str(tmp_path)
    current = as_json(flux("db", "current", "--json"))
    assert current["current"] == current["head"]


def test_db_url_masks_password(flux: Flux) -> None:
    result = flux("--db", "postgresql+psycopg://coach:s3cret-pw@127.0.0.1:5432/flux", "db", "url")
    assert result.exit_code == 0
    assert "s3cret-pw" not in result.output
    assert result.stdout == "postgresql+psycopg://coach:***@127.0.0.1:5432/flux\n"
