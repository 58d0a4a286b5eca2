from __future__ import annotations

import pytest

from flux_cli.engine.conditions import ConditionError, compile_condition

NAMES = ["knee_pain", "energy"]


@pytest.mark.parametrize(
    ("text", "inputs", "expected"),
    [
        ("knee_pain >= 7 or energy <= 2", {"knee_pain": 7, "energy": 5}, True),
        ("knee_pain >= 7 or energy <= 2", {"knee_pain": 6, "energy": 3}, False),
        ("knee_pain >= 4 and not (energy < 5)", {"knee_pain": 4, "energy": 5}, True),
        ("not knee_pain", {"knee_pain": 0, "energy": 5}, True),
        ("(knee_pain == 3) or false", {"knee_pain": 3, "energy": 5}, True),
        ("energy != 5", {"knee_pain": 3, "energy": 5}, False),
        ("true", {"knee_pain": 3, "energy": 5}, True),
        (".5 < energy", {"knee_pain": 3, "energy": 1}, True),
    ],
)
def test_evaluate(text: str, inputs: dict[str, float], expected: bool) -> None:
    assert compile_condition(text, NAMES).evaluate(inputs) is expected


@pytest.mark.parametrize(
    ("text", "inputs", "expected"),
    [
        ("knee_pain >= 4 or energy <= 4", {"knee_pain": 5, "energy": 7}, ["knee_pain 5 ≥ 4"]),
        (
            "knee_pain >= 4 or energy <= 4",
            {"knee_pain": 5, "energy": 3},
            ["knee_pain 5 ≥ 4", "energy 3 ≤ 4"],
        ),
        (
            "knee_pain >= 7 or energy <= 2",
            {"knee_pain": 5, "energy": 3},
            ["knee_pain 5 < 7", "energy 3 > 2"],
        ),
        (
            "knee_pain > 1 and energy < 9",
            {"knee_pain": 2, "energy": 3},
            ["knee_pain 2 > 1", "energy 3 < 9"],
        ),
        ("knee_pain > 1 and energy < 9", {"knee_pain": 2, "energy": 9}, ["energy 9 ≥ 9"]),
        ("not (energy > 2)", {"knee_pain": 0, "energy": 1}, ["energy 1 ≤ 2"]),
        ("energy == 2.5", {"knee_pain": 0, "energy": 2.5}, ["energy 2.5 = 2.5"]),
        ("energy != 2", {"knee_pain": 0, "energy": 3}, ["energy 3 ≠ 2"]),
        ("true", {"knee_pain": 0, "energy": 3}, []),
    ],
)
def test_explain_names_the_deciding_comparisons(
    text: str, inputs: dict[str, float], expected: list[str]
) -> None:
    assert compile_condition(text, NAMES).explain(inputs) == expected


def test_names_are_collected() -> None:
    assert compile_condition("knee_pain > 1 or true", NAMES).names == frozenset({"knee_pain"})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("__import__('os').system('true')", 'unexpected "\'" at column 12'),
        ("__import__ > 1", "'__import__' is not a declared readiness input"),
        ("knee_pain.real > 1", "unexpected '.'"),
        ("knee_pain[0] > 1", "unexpected '['"),
        ("lambda: 1", "unexpected ':'"),
        ("lambda > 1", "'lambda' is not a declared readiness input"),
        ("abs(knee_pain) > 1", "not a declared readiness input"),
        ("knee_pain(1) > 1", "calls are not allowed"),
        ("soreness > 1", "'soreness' is not a declared readiness input"),
        ("1 < knee_pain < 5", "chained comparisons are not allowed"),
        ("knee_pain >=", "found end of condition"),
        ("knee_pain ** 2 > 1", "unexpected '*'"),
        ("(knee_pain > 1", "expected ')'"),
        ("knee_pain > 1 energy", "'and', 'or' or the end"),
        ("and > 1", "a number, an input name or '('"),
        ("", "non-empty"),
        ("   ", "non-empty"),
    ],
)
def test_refuses_anything_outside_the_grammar(text: str, message: str) -> None:
    with pytest.raises(ConditionError) as caught:
        compile_condition(text, NAMES)
    assert message in str(caught.value)
