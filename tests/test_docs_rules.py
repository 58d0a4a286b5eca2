"""docs/rules.md documents every knob of the rules file, and no knob that does not exist.

A knob is a leaf key path of the rules: `load.atl_days`, `prescriptions.<name>.<state>.sets`,
`composition.slots.<archetype>[].qualifies.muscles`. Keys the user chooses (inputs, states,
prescriptions, muscles …) are written `<anything>` in the doc; list items are `[]`. A map of
plain values (`load.activity_rpe`) is one knob. The doc names a knob by a code span holding
exactly its key path, as in the first column of its tables.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from flux_cli import paths
from flux_cli.engine.rules import Rules
from flux_cli.rules_file import read_rules_file

DOC = Path(__file__).resolve().parents[1] / "docs" / "rules.md"
CHOSEN = "*"  # a key the user chooses, in the paths the walkers produce
_CODE_SPAN = re.compile(r"`([^`\n]+)`")

pytestmark = pytest.mark.blank_home  # no database needed


def _holds_model(value: Any) -> bool:
    if isinstance(value, BaseModel):
        return True
    if isinstance(value, dict):
        return any(_holds_model(item) for item in value.values())
    if isinstance(value, list | tuple):
        return any(_holds_model(item) for item in value)
    return False


def config_key_paths(value: Any, path: str = "") -> set[str]:
    """The leaf key paths of a validated rules value, keeping only keys the file wrote."""
    if isinstance(value, BaseModel):
        found: set[str] = set()
        for name in sorted(value.model_fields_set):
            found |= config_key_paths(getattr(value, name), f"{path}.{name}" if path else name)
        return found
    if isinstance(value, dict) and _holds_model(value):
        found = set()
        for item in value.values():
            found |= config_key_paths(item, f"{path}.{CHOSEN}")
        return found
    if isinstance(value, list | tuple) and _holds_model(value):
        found = set()
        for item in value:
            found |= config_key_paths(item, f"{path}[]")
        return found
    return {path}


def _options(annotation: Any) -> list[Any]:
    """The members of a union annotation without None (`X | None` → [X])."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    return [annotation]


def _type_holds_model(annotation: Any) -> bool:
    for option in _options(annotation):
        if isinstance(option, type) and issubclass(option, BaseModel):
            return True
        if typing.get_origin(option) in (dict, list) and _type_holds_model(
            typing.get_args(option)[-1]
        ):
            return True
    return False


def schema_key_paths(annotation: Any, path: str = "") -> set[str]:
    """Every leaf key path the rules models accept, whether or not a file writes it."""
    options = _options(annotation)
    if len(options) == 1:
        kind = options[0]
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            found: set[str] = set()
            for name, field in kind.model_fields.items():
                found |= schema_key_paths(field.annotation, f"{path}.{name}" if path else name)
            return found
        origin, args = typing.get_origin(kind), typing.get_args(kind)
        if origin is dict and _type_holds_model(args[1]):
            return schema_key_paths(args[1], f"{path}.{CHOSEN}")
        if origin is list and _type_holds_model(args[0]):
            return schema_key_paths(args[0], f"{path}[]")
    return {path}


def _pattern(key_path: str) -> re.Pattern[str]:
    """A key path as the doc writes it: each chosen key as `<anything>`."""
    return re.compile(re.escape(key_path).replace(re.escape(CHOSEN), r"<[^<>\s`]+>"))


def missing_from(doc: str, key_paths: Iterable[str]) -> list[str]:
    """The key paths no code span of `doc` names, sorted, as the doc would write them."""
    spans = set(_CODE_SPAN.findall(doc))
    missing = [
        key_path
        for key_path in key_paths
        if not any(_pattern(key_path).fullmatch(span) for span in spans)
    ]
    return sorted(key_path.replace(CHOSEN, "<name>") for key_path in missing)


def stale_in(doc: str, key_paths: Iterable[str]) -> list[str]:
    """Code spans shaped like rules key paths (`section.key…`) that name no knob and no map or
    list holding knobs (`archetypes.<archetype>.blocks` is fine). Spans with `*` are globs
    over knobs (`e1rm.detrain_*`) and are not checked."""
    sections = "|".join(map(re.escape, Rules.model_fields))
    shaped = re.compile(rf"(?:{sections})(?:\.[\w<>]+|\[\])+")
    named = set()
    for key_path in key_paths:
        named.add(key_path)
        named |= {key_path[:at] for at, char in enumerate(key_path) if char in ".["}
    patterns = [_pattern(key_path) for key_path in named]
    return sorted(
        span
        for span in set(_CODE_SPAN.findall(doc))
        if "*" not in span
        and shaped.fullmatch(span)
        and not any(pattern.fullmatch(span) for pattern in patterns)
    )


def _fail_message(missing: list[str], what: str) -> str:
    listed = "\n".join(f"  {key_path}" for key_path in missing)
    return (
        f"docs/rules.md does not mention {len(missing)} key path(s) {what}:\n{listed}\n"
        "Add a row for each to its section's table in docs/rules.md (key path in backticks; "
        "write a key the user chooses as <name> and a list item as [])."
    )


def test_every_knob_of_the_shipped_rules_file_is_in_the_doc() -> None:
    rules = read_rules_file(paths.default_rules_path()).rules
    missing = missing_from(DOC.read_text(encoding="utf-8"), config_key_paths(rules))
    assert not missing, _fail_message(missing, "of the shipped config/program_config.yaml")


def test_every_knob_the_rules_models_accept_is_in_the_doc() -> None:
    # Knobs the shipped file leaves at their defaults (increment_kg, wave, mechanic …) too.
    missing = missing_from(DOC.read_text(encoding="utf-8"), schema_key_paths(Rules))
    assert not missing, _fail_message(missing, "that the rules models accept")


def test_the_doc_names_no_knob_that_does_not_exist() -> None:
    stale = stale_in(DOC.read_text(encoding="utf-8"), schema_key_paths(Rules))
    assert not stale, (
        "docs/rules.md names key paths the rules models do not accept (renamed or removed?):\n"
        + "\n".join(f"  {span}" for span in stale)
    )


def test_the_walkers_see_nested_maps_lists_and_plain_maps() -> None:
    rules = read_rules_file(paths.default_rules_path()).rules
    shipped = config_key_paths(rules)
    accepted = schema_key_paths(Rules)
    for key_path in (
        "version",
        "patterns",
        "selections",
        "states[].when",
        "prescriptions.*.*.sets",
        "archetypes.*.blocks[].use",
        "composition.slots.*[].qualifies.muscles",
        "composition.weekly_targets.*.floor",
        "load.tsb_zones[].above",
        "load.activity_rpe",
        "regions.inputs.*.protocol_swap",
    ):
        assert key_path in shipped and key_path in accepted, key_path
    # Written nowhere in the shipped file, so only the models know them.
    assert "strength.styles.*.wave[].rpe" in accepted - shipped
    assert "composition.slots.*[].qualifies.names" in accepted - shipped
    assert shipped <= accepted


def test_the_check_fails_on_what_the_doc_leaves_out() -> None:
    doc = (
        "| `load.atl_days` | … |\n| `prescriptions.<prescription>.<state>.sets` | … |\n"
        "`archetypes.<archetype>.patterns` and `load.ctl_days: 42`"
    )
    wanted = {"load.atl_days", "load.ctl_days", "prescriptions.*.*.sets", "patterns"}
    # `load.ctl_days: 42` is not the key path alone; `patterns` inside a longer path is not it.
    assert missing_from(doc, wanted) == ["load.ctl_days", "patterns"]
    assert missing_from(doc, {"prescriptions.*.*.reps"}) == ["prescriptions.<name>.<name>.reps"]
    assert _fail_message(["load.ctl_days"], "x").splitlines()[1] == "  load.ctl_days"


def test_the_stale_check_flags_a_renamed_knob() -> None:
    accepted = schema_key_paths(Rules)
    doc = "`load.atl_days`, `load.atl_dayz`, `e1rm.detrain_*`, `prescriptions`, `recovery`"
    assert stale_in(doc, accepted) == ["load.atl_dayz"]
