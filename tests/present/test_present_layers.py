"""present serves cli and tui: it imports neither them, storage nor services, nor Rich/Textual."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, sys
import flux_cli.present.numbers, flux_cli.present.readiness, flux_cli.present.sets
import flux_cli.present.styles, flux_cli.present.weights
print(json.dumps(sorted(sys.modules)))
"""
FORBIDDEN = (
    "flux_cli.storage",
    "flux_cli.services",
    "flux_cli.cli",
    "flux_cli.tui",
    "rich",
    "textual",
    "sqlalchemy",
)


def test_present_imports_only_the_engine(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        env={"FLUX_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        check=True,
    )
    loaded = json.loads(done.stdout)
    leaked = [
        name for name in loaded if name.split(".")[0] in FORBIDDEN or name.startswith(FORBIDDEN)
    ]
    assert leaked == []
    assert "flux_cli.engine.units" in loaded


def test_the_pound_is_written_once() -> None:
    package = Path(__file__).resolve().parents[2] / "flux_cli"
    holders = sorted(
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "0.45359237" in path.read_text(encoding="utf-8")
    )
    assert holders == ["engine/units.py"]
