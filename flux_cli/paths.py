"""Where flux keeps things: the one module that knows about directories."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_SOURCE_ROOT = PACKAGE_DIR.parent


def data_dir() -> Path:
    """The directory holding flux.db: `FLUX_HOME` if set, else the platform data dir."""
    home = os.environ.get("FLUX_HOME")
    if home:
        return Path(home).expanduser()
    import platformdirs

    return platformdirs.user_data_path("flux")


def default_sqlite_path() -> Path:
    return data_dir() / "flux.db"


def _shipped(installed: str, source: str) -> Path:
    """A data file inside the installed wheel, or its place in a source checkout."""
    inside = PACKAGE_DIR / installed
    return inside if inside.exists() else _SOURCE_ROOT / source


def default_rules_path() -> Path:
    return _shipped("_data/program_config.yaml", "config/program_config.yaml")


def migrations_dir() -> Path:
    return _shipped("_migrations", "migrations")


def builtin_catalog_path() -> Path:
    return PACKAGE_DIR / "data" / "exercises.yaml"
