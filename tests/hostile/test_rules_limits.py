"""Item 8: hostile rules files (size, nesting, alias and merge-key bombs, deep conditions, huge
numbers, many unknown keys, /dev/zero) are rules errors with file:line, well under a second."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flux_cli.errors import RulesError
from flux_cli.rules_file import MAX_RULES_BYTES, parse_rules, read_rules_file
from tests.hostile.conftest import Flux

SHIPPED = Path(__file__).resolve().parents[2] / "config" / "program_config.yaml"
BASE = SHIPPED.read_text(encoding="utf-8")
FIRST_WHEN = '"knee_pain >= 7 or energy <= 2"'


def _alias_bomb(levels: int = 9) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def _merge_bomb(levels: int = 12) -> str:
    lines = ["m0: &m0 {k0: 1, k1: 1, k2: 1}"]
    lines += [f"m{i}: &m{i}\n  <<: [{', '.join([f'*m{i - 1}'] * 10)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


HOSTILE = {
    "50,000-level flow nesting": ("a: " + "[" * 50_000 + "]" * 50_000 + "\n", 1, "larger than"),
    "30,000-level flow nesting": ("a: " + "[" * 30_000 + "]" * 30_000 + "\n", 1, "nested deeper"),
    "1,000-deep YAML under an unknown key": (
        BASE + "zzz: " + "{a: " * 1000 + "1" + "}" * 1000 + "\n",
        BASE.count("\n") + 1,
        "nested deeper",
    ),
    "block nesting": (
        "a:\n" + "".join("  " * depth + "- \n" for depth in range(1, 60)),
        33,  # the mapping is level 1, so the 32nd sequence (line 33) is one too deep
        "nested deeper",
    ),
    "500 nested parentheses in a condition": (
        BASE.replace(FIRST_WHEN, '"' + "(" * 500 + "energy" + ")" * 500 + ' <= 2"'),
        12,
        "at most 500 characters",
    ),
    "100 nested parentheses in a condition": (
        BASE.replace(FIRST_WHEN, '"' + "(" * 100 + "energy" + ")" * 100 + ' <= 2"'),
        12,
        "nested deeper than 20",
    ),
    "5,000 nots": (
        BASE.replace(FIRST_WHEN, '"' + "not " * 5000 + 'energy <= 2"'),
        12,
        "longer than",
    ),
    "100 nots": (BASE.replace(FIRST_WHEN, '"' + "not " * 100 + 'energy <= 2"'), 12, "nested"),
    "a 5,000-digit integer": (
        BASE.replace("window_days: 90", "window_days: " + "9" * 5000),
        next(n for n, line in enumerate(BASE.splitlines(), 1) if "window_days: 90" in line),
        "number longer than",
    ),
    "an alias bomb": (_alias_bomb(), 5, "expand to more than"),
    "a merge-key bomb": (_merge_bomb(), 9, "expand to more than"),
    "a 20,000-character value": (
        BASE + "zzz: " + "x" * 20_000 + "\n",
        BASE.count("\n") + 1,
        "longer than 10,000",
    ),
    "two documents": (BASE + "---\n" + BASE, BASE.count("\n") + 1, "one YAML document"),
}


@pytest.mark.parametrize("what", list(HOSTILE))
def test_each_hostile_shape_is_a_rules_error_with_its_line_under_a_second(what: str) -> None:
    text, line, said = HOSTILE[what]
    parse_rules(BASE, origin="warm-up")  # imports and caches are not what is measured
    # CPU time, this process's alone: a busy machine does not count against the bound.
    started = time.process_time()
    with pytest.raises(RulesError) as caught:
        parse_rules(text, origin="hostile.yaml")
    elapsed = time.process_time() - started
    assert elapsed < 1.0, f"{what}: {elapsed:.2f} s"  # typically a few milliseconds
    assert f"hostile.yaml:{line}:" in caught.value.message, caught.value.message
    assert said in caught.value.message


def test_many_unknown_keys_are_reported_in_linear_time() -> None:
    # As many unknown keys as fit under the size limit beside the shipped rules (thousands).
    count = (MAX_RULES_BYTES - len(BASE.encode())) // len("key99999: 1\n")
    assert count >= 3000
    text = BASE + "".join(f"key{index}: 1\n" for index in range(count))
    assert len(text.encode()) < MAX_RULES_BYTES
    parse_rules(BASE, origin="warm-up")
    started = time.process_time()
    with pytest.raises(RulesError) as caught:
        parse_rules(text, origin="keys.yaml")
    assert time.process_time() - started < 1.0
    assert f"(and {count - 1} more)" in caught.value.message
    assert len(caught.value.problems) == 51  # fifty lines, then the count of the rest


def test_a_file_over_the_size_bound_is_refused_before_it_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(BASE + "#" * MAX_RULES_BYTES, encoding="utf-8")
    with pytest.raises(RulesError, match="larger than 64 KiB"):
        read_rules_file(path)


def test_dev_zero_is_refused_at_once(flux: Flux) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    started = time.process_time()
    result = flux("config", "validate", "/dev/zero")
    assert time.process_time() - started < 1.0
    assert result.exit_code == 2
    assert "/dev/zero:1: the rules file is larger than 64 KiB" in result.stderr


# Shapes: nested sequences and mappings, anchors and aliases, flow and block styles.
_LEAF = st.sampled_from(["1", "x", ".5", "true", "null", "'q'", "*a", "-1e3"])


def _node(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    sequence = st.lists(children, max_size=4).map(lambda items: "[" + ", ".join(items) + "]")
    mapping = st.lists(children, max_size=4).map(
        lambda items: "{" + ", ".join(f"k{i}: {v}" for i, v in enumerate(items)) + "}"
    )
    return sequence | mapping


SHAPES = st.recursive(_LEAF, _node, max_leaves=60)


@settings(max_examples=150, deadline=None)
@given(shape=SHAPES, depth=st.integers(min_value=0, max_value=80))
def test_any_yaml_shape_is_rules_or_a_rules_error(shape: str, depth: int) -> None:
    text = f"anchor: &a {shape}\nreadiness: " + "[" * depth + "*a" + "]" * depth + "\n"
    try:
        parse_rules(text, origin="shape.yaml")
    except RulesError as error:
        assert error.message.startswith(("shape.yaml:", "invalid rules file: shape.yaml:"))
