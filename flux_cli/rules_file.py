"""Read a rules file into typed `Rules`, reporting every problem as `file:line: key.path: what`.

The fast path parses with libyaml and validates once; line numbers are recovered by
composing the YAML node tree only when something is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flux_cli.errors import RulesError

if TYPE_CHECKING:
    from flux_cli.engine.rules import Rules

_HINT = "fix the lines above, then check with: flux config validate PATH"


@dataclass(frozen=True, slots=True)
class LoadedRules:
    """Validated rules with where they came from (a path or `database rule set #N`)."""

    rules: Rules
    text: str
    origin: str


def read_rules_file(path: Path) -> LoadedRules:
    """Load and validate the rules file at `path`."""
    return parse_rules(read_rules_text(path), origin=str(path))


def read_rules_text(path: Path) -> str:
    """The text of the rules file at `path`; a missing or unreadable file is a rules error."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RulesError(
            f"rules file not found: {path}", hint="check --config / FLUX_CONFIG"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise RulesError(f"cannot read rules file {path}: {error}") from None


def parse_rules(text: str, origin: str) -> LoadedRules:
    """Validate rules `text`; `origin` names it in error messages."""
    import yaml
    from pydantic import ValidationError

    from flux_cli.engine.rules import Rules, RulesProblems, condition_problems

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise RulesError(
            f"{origin}{line}: YAML syntax error: {problem}",
            problems=[f"{origin}{line}: {problem}"],
            hint=_HINT,
        ) from None
    if not isinstance(data, dict):
        raise RulesError(
            f"{origin}:1: the rules file must be a mapping of sections "
            "(readiness, states, patterns, …)",
            problems=[f"{origin}:1: not a mapping"],
            hint=_HINT,
        )
    try:
        rules = Rules.model_validate(data)
    except ValidationError as error:
        located = [
            (tuple(item["loc"]), _describe(item)) for item in error.errors(include_url=False)
        ]
        # Report every problem at once: conditions too, though pydantic stopped before them.
        located += [problem for problem in condition_problems(data) if problem not in located]
        raise _rules_error(text, origin, located) from None
    except RulesProblems as problems:
        raise _rules_error(text, origin, problems.problems) from None
    return LoadedRules(rules=rules, text=text, origin=origin)


def rules_error_at(
    loaded: LoadedRules, located: list[tuple[tuple[str | int, ...], str]]
) -> RulesError:
    """A rules error for problems found after loading (by key path), with their lines."""
    return _rules_error(loaded.text, loaded.origin, located)


def _describe(item: Any) -> str:
    message = str(item["msg"])
    if item.get("type") == "extra_forbidden":
        return "unknown key"
    if item.get("type") == "missing":
        return "required key is missing"
    return message.removeprefix("Value error, ")


def _rules_error(
    text: str, origin: str, located: list[tuple[tuple[str | int, ...], str]]
) -> RulesError:
    root = _compose(text)
    lines = []
    for path, what in located:
        line = _line_of(root, path)
        key_path = ".".join(str(part) for part in path if not _is_type_tag(part)) or "(top)"
        lines.append((line, f"{origin}:{line}: {key_path}: {what}"))
    # In file order, so the report reads top to bottom (the sort is stable within a line).
    problems = [problem for _, problem in sorted(lines, key=lambda item: item[0])]
    count = len(problems)
    summary = problems[0] if count == 1 else f"{problems[0]} (and {count - 1} more)"
    return RulesError(f"invalid rules file: {summary}", problems=problems, hint=_HINT)


def _is_type_tag(part: str | int) -> bool:
    # pydantic adds union member names such as 'str' or 'dict[str,str]' to error locations
    return isinstance(part, str) and (part in {"str", "int", "float", "bool"} or "[" in part)


def _compose(text: str) -> Any:
    import yaml

    return yaml.compose(text, Loader=yaml.SafeLoader)


def _line_of(node: Any, path: tuple[str | int, ...]) -> int:
    """The 1-based line of the deepest node along `path` that exists in the YAML tree."""
    import yaml

    line = node.start_mark.line + 1 if node is not None else 1
    for part in path:
        if isinstance(node, yaml.MappingNode):
            match = next(
                ((key, value) for key, value in node.value if str(key.value) == str(part)), None
            )
            if match is None:
                continue
            line = match[0].start_mark.line + 1
            node = match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
            line = node.start_mark.line + 1
    return line
