"""Shell completion for values: exercise names, formats, profile keys, readiness inputs.

Typer calls these only when a value is being completed, never for command names, and
each imports what it needs inside, so loading this module costs nothing. Each reads
shipped files (the catalogue, the rules file), never the database, to answer within a
keystroke.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import typer


def _given_names(ctx: typer.Context, parameter: str) -> set[str]:
    """The NAMEs of the NAME=VALUE words already on the command line."""
    return {str(word).partition("=")[0] for word in ctx.params.get(parameter) or ()}


def _matching(candidates: list[str], incomplete: str) -> list[str]:
    """`candidates` that start with `incomplete`, in their order, once each."""
    return [item for item in dict.fromkeys(candidates) if item.startswith(incomplete)]


def _yaml(path: Path) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def exercise_names(incomplete: str) -> list[str]:
    """Catalogue exercises whose name starts with what was typed."""
    from flux_cli import paths

    catalogue = _yaml(paths.builtin_catalog_path())
    names = [str(entry["name"]) for entry in catalogue.get("exercises", [])]
    return _matching(sorted(names), incomplete)


def import_formats(incomplete: str) -> list[str]:
    """The formats `flux import --format` reads."""
    from flux_cli.imports.detect import FORMATS

    return _matching(list(FORMATS), incomplete)


def export_formats(incomplete: str) -> list[str]:
    """The formats `flux export --format` writes."""
    from flux_cli.services.exporting import EXPORT_FORMATS

    return _matching(list(EXPORT_FORMATS), incomplete)


def profile_assignments(ctx: typer.Context, incomplete: str) -> list[str]:
    """`KEY=` for each profile setting; after `KEY=`, the values a choice setting takes."""
    from typing import Literal, get_args, get_origin

    from flux_cli.profile_settings import ProfileSettings

    key, sep, _ = incomplete.partition("=")
    fields = ProfileSettings.model_fields
    if not sep:
        given = _given_names(ctx, "assignments")
        keys = [f"{name}=" for name in fields if name not in given and name != "one_rep_maxes"]
        return _matching([*keys, "1rm."], incomplete)
    field = fields.get(key)
    if field is None or get_origin(field.annotation) is not Literal:
        return []  # a number or a list: nothing to offer
    choices = [str(value) for value in get_args(field.annotation)]
    return _matching([f"{key}={choice}" for choice in choices], incomplete)


def _rules_path(ctx: typer.Context) -> Path:
    from flux_cli import paths

    root = ctx.find_root()
    given = root.params.get("config") if root.params else None
    configured = given or os.environ.get("FLUX_CONFIG")
    return Path(configured) if configured else paths.default_rules_path()


def readiness_assignments(ctx: typer.Context, incomplete: str) -> list[str]:
    """`NAME=` for each readiness input not given yet; after `NAME=`, its whole values."""
    import yaml

    try:
        readiness = _yaml(_rules_path(ctx)).get("readiness") or {}
    except (OSError, AttributeError, yaml.YAMLError):
        return []  # no rules to read: nothing to offer, and no traceback in the shell
    name, sep, _ = incomplete.partition("=")
    if not sep:
        given = _given_names(ctx, "inputs")
        return _matching([f"{key}=" for key in readiness if key not in given], incomplete)
    spec = readiness.get(name)
    if not isinstance(spec, dict) or not spec.get("integer", True):
        return []
    low, high = int(spec.get("min", 0)), int(spec.get("max", 10))
    return _matching([f"{name}={value}" for value in range(low, high + 1)], incomplete)


def history_kinds(incomplete: str) -> list[str]:
    """What `flux history --kind` takes."""
    from flux_cli.services.logbook import HISTORY_KINDS

    return _matching(list(HISTORY_KINDS), incomplete)


def history_statuses(incomplete: str) -> list[str]:
    """What `flux history --status` takes."""
    from flux_cli.services.logbook import HISTORY_STATUSES

    return _matching(list(HISTORY_STATUSES), incomplete)
