"""The body sections of the rules file: defaults, and each inconsistency refused with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from flux_cli.errors import RulesError
from flux_cli.rules_file import parse_rules

SHIPPED = (Path(__file__).resolve().parents[2] / "config" / "program_config.yaml").read_text()


def _problems(old: str, new: str) -> list[str]:
    assert old in SHIPPED, old
    with pytest.raises(RulesError) as caught:
        parse_rules(SHIPPED.replace(old, new, 1), origin="rules.yaml")
    return caught.value.problems or [caught.value.message]


def _line(text: str) -> int:
    return next(i for i, line in enumerate(SHIPPED.splitlines(), 1) if text in line)


def test_the_shipped_body_sections_equal_the_built_in_defaults() -> None:
    rules = parse_rules(SHIPPED, origin="shipped").rules
    without = SHIPPED[: SHIPPED.index("\nload:")]
    defaults = parse_rules(without, origin="bare").rules
    assert rules.load == defaults.load
    assert rules.recovery == defaults.recovery
    assert rules.regions.region_map(rules) == defaults.regions.region_map(defaults)
    assert rules.regions.input_map(rules) == defaults.regions.input_map(defaults)
    assert rules.regions.volume_map(rules) == defaults.regions.volume_map(defaults)
    assert rules.regions.intensity_map(rules) == defaults.regions.intensity_map(defaults)


@pytest.mark.parametrize(
    ("old", "new", "anchor", "message"),
    [
        (
            "knee: {muscles: [quadriceps]",
            "knee: {muscles: [quads_typo]",
            "knee: {muscles:",
            "regions.regions.knee.muscles: 'quads_typo' is not a muscle in recovery",
        ),
        (
            "patterns: [SQUAT], protocols: [HIIT, SIT],",
            "patterns: [LUNGE], protocols: [HIIT, SIT],",
            "knee: {muscles:",
            "regions.regions.knee.patterns: unknown pattern 'LUNGE'",
        ),
        (
            "cap_state: RED,",
            "cap_state: PURPLE,",
            "knee_pain: {region: knee",
            "regions.inputs.knee_pain.cap_state: unknown state 'PURPLE'",
        ),
        (
            "Swim: [upper]",
            "Swim: [arms]",
            "activity_regions:",
            "recovery.activity_regions.Swim: unknown region 'arms'",
        ),
        (
            "hr_threshold: 170",
            "hr_threshold: 200",
            "hr_threshold:",
            "load.hr_threshold: must be below hr_max (190)",
        ),
    ],
)
def test_an_inconsistent_body_section_is_refused_with_its_line(
    old: str, new: str, anchor: str, message: str
) -> None:
    problems = _problems(old, new)
    assert any(message in problem for problem in problems), problems
    line = _line(anchor)
    assert any(problem.startswith(f"rules.yaml:{line}: ") for problem in problems), problems


def test_zones_must_end_with_a_catch_all() -> None:
    problems = _problems("    - {label: high risk}\n", "    - {above: -50, label: high risk}\n")
    assert any("the last zone needs no 'above'" in problem for problem in problems)
