"""Read a rules file into typed `Rules`, reporting every problem as `file:line: key.path: what`.

Hostile files are bounded before anything is built from them: the text is read up to
`MAX_RULES_BYTES`, then one pass over the YAML *events* (libyaml's parser is iterative, so
no depth can overflow a stack) refuses nesting deeper than `MAX_DEPTH`, aliases that expand
past `MAX_NODES`, duplicate keys, over-long scalars and numbers, and `.nan`/`.inf`. Only then
is the document composed, with libyaml, and validated once; line numbers are recovered by
composing the node tree again only when something is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flux_cli.errors import RulesError

if TYPE_CHECKING:
    from flux_cli.engine.rules import Rules

_HINT = "fix the lines above, then check with: flux config validate PATH"
# The shipped rules file is about 6 KB and 1,000 values; ten times that is still a rules file.
MAX_RULES_BYTES = 64 * 1024
MAX_DEPTH = 32
MAX_NODES = 20_000  # after expanding every alias: the bound on billion-laughs and merge bombs
MAX_SCALAR_CHARS = 10_000
MAX_NUMBER_CHARS = 24
MAX_PROBLEMS = 50  # reported one per line; the count of the rest is given
_NUMBER_LIKE = re.compile(r"[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|0[xob][0-9a-fA-F_]+")
_NOT_FINITE = re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")


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
        with path.open("rb") as handle:
            data = handle.read(MAX_RULES_BYTES + 1)
        if len(data) > MAX_RULES_BYTES:
            raise RulesError(
                f"{path}:1: the rules file is larger than {MAX_RULES_BYTES // 1024} KiB",
                hint="a rules file is a few kilobytes of YAML; check the path",
            )
        return data.decode("utf-8")
    except FileNotFoundError:
        raise RulesError(
            f"rules file not found: {path}", hint="check --config / FLUX_CONFIG"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise RulesError(f"cannot read rules file {path}: {error}") from None


def parse_rules(text: str, origin: str) -> LoadedRules:
    """Validate rules `text`; `origin` names it in error messages.

    A text this code validated before is read back from the rules cache (`rules_cache`).
    """
    from flux_cli import rules_cache

    cached = rules_cache.cached_rules(text)
    if cached is not None:
        return LoadedRules(rules=cached, text=text, origin=origin)
    loaded = _validated(text, origin)
    rules_cache.store_rules(text, loaded.rules)
    return loaded


def _validated(text: str, origin: str) -> LoadedRules:
    import yaml
    from pydantic import ValidationError

    from flux_cli.engine.rules import Rules, RulesProblems, condition_problems

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        _scan(text, origin, loader)
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
    if not set(map(str, data)) & set(Rules.model_fields):
        # Say nothing of what the file holds: it may be any file (`/etc/shadow`).
        raise RulesError(
            f"{origin}:1: not a flux rules file: none of its top-level keys is a rules section "
            f"({', '.join(Rules.model_fields)})",
            problems=[f"{origin}:1: not a flux rules file"],
            hint="check the path: flux config path shows the rules file in use",
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


def check_exercises(loaded: LoadedRules, is_known: Callable[[str], bool], hint: str) -> None:
    """Refuse rules that prescribe exercises no catalogue knows, each reported with its line."""
    unknown = sorted(name for name in loaded.rules.exercise_names() if not is_known(name))
    if not unknown:
        return
    lines = _scalar_lines(_compose(loaded.text), set(unknown))
    problems = [
        f"{loaded.origin}:{lines.get(name, 1)}: exercise '{_quoted(name)}' is in no catalogue"
        for name in unknown[:MAX_PROBLEMS]
    ]
    more = f" (and {len(unknown) - 1} more)" if len(unknown) > 1 else ""
    raise RulesError(f"invalid rules file: {problems[0]}{more}", problems=problems, hint=hint)


def _quoted(name: str) -> str:
    """A name as quoted in a message: at most 60 characters."""
    return name if len(name) <= 60 else f"{name[:57]}..."


def _scalar_lines(root: Any, values: set[str]) -> dict[str, int]:
    """The 1-based line where each of `values` first appears as a scalar (walked iteratively)."""
    import yaml

    found: dict[str, int] = {}
    pending = [root] if root is not None else []
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.ScalarNode):
            line = node.start_mark.line + 1
            if node.value in values and line < found.get(node.value, line + 1):
                found[node.value] = line
        elif isinstance(node, yaml.SequenceNode):
            pending += node.value
        elif isinstance(node, yaml.MappingNode):
            pending += [part for pair in node.value for part in pair]
    return found


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
    hidden = max(0, len(located) - MAX_PROBLEMS)
    for path, what in located[:MAX_PROBLEMS]:
        line = _line_of(root, path)
        key_path = ".".join(str(part) for part in path if not _is_type_tag(part)) or "(top)"
        lines.append((line, f"{origin}:{line}: {key_path}: {what}"))
    # In file order, so the report reads top to bottom (the sort is stable within a line).
    problems = [problem for _, problem in sorted(lines, key=lambda item: item[0])]
    if hidden:
        problems.append(f"{origin}: … and {hidden} more problems not listed")
    count = len(problems) + max(0, hidden - 1)
    summary = problems[0] if count == 1 else f"{problems[0]} (and {count - 1} more)"
    return RulesError(f"invalid rules file: {summary}", problems=problems, hint=_HINT)


def _is_type_tag(part: str | int) -> bool:
    # pydantic adds union member names such as 'str' or 'dict[str,str]' to error locations
    return isinstance(part, str) and (part in {"str", "int", "float", "bool"} or "[" in part)


def _compose(text: str) -> Any:
    import yaml

    # Safe with libyaml: `_scan` has bounded the depth before anything is composed.
    return yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


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


class _Frame:
    """A mapping or sequence being scanned: its keys so far and whether a key comes next."""

    __slots__ = ("anchor", "at_key", "is_mapping", "keys", "size")

    def __init__(self, is_mapping: bool, anchor: str | None) -> None:
        self.is_mapping = is_mapping
        self.anchor = anchor
        self.at_key = True
        self.keys: set[str] = set()
        self.size = 1


def _scan(text: str, origin: str, loader: Any) -> None:
    """Refuse what could exhaust memory, time or the stack, and what YAML lets pass silently.

    Works on parser events, so it holds no document and never recurses; it stops at the
    first problem, so a hostile file costs only the events up to it.
    """
    import yaml

    def refuse(event: Any, what: str) -> RulesError:
        line = f"{origin}:{event.start_mark.line + 1}"
        return RulesError(f"{line}: {what}", problems=[f"{line}: {what}"], hint=_HINT)

    if len(text) > MAX_RULES_BYTES:
        raise RulesError(f"{origin}:1: the rules are larger than {MAX_RULES_BYTES // 1024} KiB")
    stack: list[_Frame] = []
    anchors: dict[str, int] = {}
    expanded = 0
    documents = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise refuse(event, "a rules file is one YAML document (found a second '---')")
            continue
        if not isinstance(event, yaml.NodeEvent | yaml.CollectionEndEvent):
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            frame = stack.pop()
            if frame.anchor is not None:
                anchors[frame.anchor] = frame.size
            if stack:
                stack[-1].size += frame.size
            continue
        parent = stack[-1] if stack else None
        is_key = parent is not None and parent.is_mapping and parent.at_key
        if parent is not None and parent.is_mapping:
            parent.at_key = not parent.at_key
        if isinstance(event, yaml.AliasEvent):
            size = anchors.get(event.anchor or "", 1)
            if parent is not None:
                parent.size += size
            expanded += size
        elif isinstance(event, yaml.CollectionStartEvent):
            if len(stack) >= MAX_DEPTH:
                raise refuse(event, f"nested deeper than {MAX_DEPTH} levels")
            stack.append(_Frame(isinstance(event, yaml.MappingStartEvent), event.anchor))
            expanded += 1
        else:
            _check_scalar(event, is_key, parent, refuse)
            if event.anchor is not None:
                anchors[event.anchor] = 1
            if parent is not None:
                parent.size += 1
            expanded += 1
        if expanded > MAX_NODES:
            raise refuse(event, f"the rules expand to more than {MAX_NODES:,} values (aliases?)")


def _check_scalar(event: Any, is_key: bool, parent: _Frame | None, refuse: Any) -> None:
    value: str = event.value
    if len(value) > MAX_SCALAR_CHARS:
        raise refuse(event, f"a value longer than {MAX_SCALAR_CHARS:,} characters")
    plain = event.style is None or event.style == ""
    if plain and event.tag is None:
        if _NUMBER_LIKE.fullmatch(value) and len(value) > MAX_NUMBER_CHARS:
            raise refuse(event, f"a number longer than {MAX_NUMBER_CHARS} characters")
        if _NOT_FINITE.fullmatch(value):
            raise refuse(event, f"{value} is not a finite number")
    if is_key and parent is not None:
        if value in parent.keys and value != "<<":
            shown = value if len(value) <= 40 else f"{value[:37]}..."
            raise refuse(event, f"duplicate key '{shown}' (YAML keeps only the last one)")
        parent.keys.add(value)
