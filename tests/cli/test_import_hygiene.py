"""Heavy modules stay out of the commands that do not need them (start-up is measured in bench/)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import Flux, as_json

PROBE = """
import json, sys
from flux_cli.cli.main import app
try:
    app(sys.argv[1:])
except SystemExit as done:
    code = done.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _loaded(tmp_path: Path, *args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env={"FLUX_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        check=True,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["code"] in (0, None), done.stderr
    return {
        name.split(".")[0]
        if not name.startswith(("flux_cli", "sqlalchemy.orm"))
        else ".".join(name.split(".")[:2])
        if name.startswith("sqlalchemy.orm")
        else name
        for name in report["modules"]
    }


def test_help_imports_no_storage_engine_or_rich(tmp_path: Path) -> None:
    loaded = _loaded(tmp_path, "--help")
    for heavy in (
        "sqlalchemy",
        "pydantic",
        "yaml",
        "alembic",
        "psycopg",
        "textual",
        "flux_cli.services",
    ):
        assert heavy not in loaded, heavy


@pytest.mark.parametrize("extra", [[], ["knee_pain=2", "energy=7"]])
def test_plan_json_needs_no_alembic_orm_models_or_rich(
    flux: Flux, tmp_path: Path, extra: list[str]
) -> None:
    day = "2026-11-21"
    as_json(flux("checkin", "knee_pain=1", "energy=8", "--date", day, "--json"))  # in tmp_path
    loaded = _loaded(tmp_path, "plan", *extra, "--date", day, "--json")
    assert "sqlalchemy" in loaded and "flux_cli.storage.history" in loaded
    assert "flux_cli.services.training" in loaded
    for heavy in (
        "alembic",
        "sqlalchemy.orm",  # plain SQL on SQLAlchemy Core: the ORM costs ~87 ms and 6 MiB
        "flux_cli.storage.models",
        "rich",
        "textual",
        "psycopg",
        # `flux_cli.services` re-exports the everyday use cases only: the import writer
        # (SQLAlchemy at load time) and the dashboard's use cases load where they are used.
        "flux_cli.services.import_writer",
        "flux_cli.services.workout",
    ):
        assert heavy not in loaded, heavy


def test_history_reads_with_core_not_the_orm(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "flux_cli", "log", "Back Squat", "100x5"],
        env={"FLUX_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
    )
    loaded = _loaded(tmp_path, "history", "--json")
    assert "flux_cli.storage.sessions" in loaded
    for heavy in ("alembic", "sqlalchemy.orm", "flux_cli.storage.models", "textual"):
        assert heavy not in loaded, heavy


def test_only_composing_imports_or_tools(tmp_path: Path) -> None:
    """`--help`, `log`, `history`, `import` and `export` never load OR-Tools; a composed plan
    loads its compiled helper only, never the public `cp_model` (numpy, pandas: ~1.6 s)."""
    subprocess.run(
        [sys.executable, "-m", "flux_cli", "log", "Back Squat", "100x5"],
        env={"FLUX_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
    )
    export = tmp_path / "out.csv"
    for args in (
        ["--help"],
        ["log", "Back Squat", "100x5"],
        ["history", "--json"],
        ["export", "--output", str(export)],
        ["import", "--dry-run", str(export)],
    ):
        loaded = _loaded(tmp_path, *args)
        assert "ortools" not in loaded, args
        assert "flux_cli.engine.compose.solver" not in loaded, args
    composed = _loaded(tmp_path, "plan", "knee_pain=1", "energy=8", "--minutes", "45", "--json")
    assert "ortools" in composed
    for heavy in ("numpy", "pandas"):
        assert heavy not in composed, heavy
