"""Item 9: what YAML and pydantic let pass silently is a rules error with file:line:
duplicate keys, .nan, an unknown version, `sets: true`, exercises no catalogue knows, and a
file that is not a rules file at all (refused without quoting it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flux_cli.errors import RulesError
from flux_cli.rules_file import parse_rules
from tests.hostile.conftest import Flux

SHIPPED = Path(__file__).resolve().parents[2] / "config" / "program_config.yaml"
BASE = SHIPPED.read_text(encoding="utf-8")
GREEN = "{sets: 5, reps: 5, percent_e1rm: 0.80, rpe: 8, rest_s: 180}"


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _refused(text: str) -> RulesError:
    with pytest.raises(RulesError) as caught:
        parse_rules(text, origin="rules.yaml")
    return caught.value


CASES = {
    "duplicate keys": (
        BASE.replace("readiness:\n", "readiness:\n  zz: {min: 0, max: 10, max: 3}\n", 1),
        "zz:",
        "duplicate key 'max'",
    ),
    "a duplicate section": (BASE + "e1rm: {window_days: 30}\n", "e1rm: {", "duplicate key"),
    "min: .nan": (
        BASE.replace("readiness:\n", "readiness:\n  zz: {min: .nan, max: 10}\n", 1),
        "zz:",
        ".nan is not a finite number",
    ),
    "max: -.inf": (
        BASE.replace("readiness:\n", "readiness:\n  zz: {min: 0, max: -.inf}\n", 1),
        "zz:",
        "-.inf is not a finite number",
    ),
    "version 999": (BASE.replace("version: 1", "version: 999"), "version:", "version 999"),
    "sets: true": (
        BASE.replace(GREEN, GREEN.replace("sets: 5", "sets: true")),
        "GREEN: {sets",
        "True",
    ),
    "sets: '5'": (
        BASE.replace(GREEN, GREEN.replace("sets: 5", "sets: '5'")),
        "GREEN: {sets",
        "'5'",
    ),
    "composition.enabled: 1": (
        BASE.replace("\n  enabled: true\n", "\n  enabled: 1\n", 1),
        "  enabled: 1\n",
        "1 is not true or false",
    ),
    "composition.seed: true": (
        BASE.replace("\n  seed: 7\n", "\n  seed: true\n", 1),
        "  seed: true\n",
        "is not a number",
    ),
    "composition.session_minutes: '60'": (
        BASE.replace("\n  session_minutes: 60\n", "\n  session_minutes: '60'\n", 1),
        "  session_minutes: '60'\n",
        "'60' is not a number",
    ),
    "load.deload_poor_states: an unknown state": (
        BASE.replace("deload_poor_states: [RED, ORANGE]", "deload_poor_states: [RED, AMBER]", 1),
        "deload_poor_states:",
        "unknown state 'AMBER'",
    ),
    "composition slot sets out of order": (
        BASE.replace("        sets: [2, 4]\n", "        sets: [4, 2]\n", 1),
        "        sets: [4, 2]\n",
        "sets [4, 2] must be [fewest, most]",
    ),
    "composition slot sets with one number": (
        BASE.replace("        sets: [2, 4]\n", "        sets: [3]\n", 1),
        "        sets: [3]\n",
        "at least 2 items",
    ),
    "composition slot sets on a planned slot": (
        BASE.replace("{slot: main, use: planned}", "{slot: main, use: planned, sets: [2, 3]}", 1),
        "{slot: main, use: planned, sets",
        "'sets' is for a slot with use: compose",
    ),
    "composition.supersets.use: sometimes": (
        BASE.replace("    use: when_short\n", "    use: sometimes\n", 1),
        "    use: sometimes\n",
        "composition.supersets.use: Input should be 'never', 'when_short' or 'always'",
    ),
    "composition.supersets.slots: an unknown slot": (
        BASE.replace(
            "    slots: [secondary, accessory]\n", "    slots: [secondary, accessory, lunch]\n", 1
        ),
        "    slots: [secondary, accessory, lunch]\n",
        "composition.supersets.slots.2: Input should be 'warm_up'",
    ),
    "integer: 1": (
        BASE.replace("readiness:\n", "readiness:\n  zz: {min: 0, max: 10, integer: 1}\n", 1),
        "zz:",
        "not true or false",
    ),
}


@pytest.mark.parametrize("what", list(CASES))
def test_silently_accepted_values_are_rules_errors_with_their_line(what: str) -> None:
    text, needle, said = CASES[what]
    error = _refused(text)
    line = _line_of(text, needle)
    assert any(
        problem.startswith(f"rules.yaml:{line}:") and said in problem for problem in error.problems
    ), (line, error.problems)


@settings(max_examples=100)
@given(
    value=st.sampled_from(
        [
            "true",
            "false",
            "yes",
            "'5'",
            ".nan",
            ".inf",
            "-.inf",
            "1e999",
            "null",
            "[]",
            "{}",
            "5.5",
            "0x10",
        ]
    ),
    key=st.sampled_from(["sets", "reps", "rest_s", "percent_e1rm", "rpe"]),
)
def test_a_prescription_number_is_a_finite_number_or_an_error(value: str, key: str) -> None:
    text = BASE.replace(GREEN, GREEN.replace(f"{key}: ", f"{key}: {value} #", 1) + "}")
    try:
        parse_rules(text, origin="rules.yaml")
    except RulesError as error:
        assert error.message.startswith(("rules.yaml:", "invalid rules file: rules.yaml:"))
        return
    assert value in ("5.5", "0x10", "null")  # lax where YAML gives a plain number or nothing


def test_exercises_no_catalogue_knows_are_errors_with_their_line(
    flux: Flux, tmp_path: Path
) -> None:
    text = BASE.replace("Back Squat", "Bak Squat")
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    for command in (
        ("config", "validate", str(path)),
        ("seed", "--config", str(path)),
        ("--config", str(path), "plan", "knee_pain=1", "energy=8"),
        ("--config", str(path), "checkin", "knee_pain=1", "energy=8"),
    ):
        result = flux(*command)
        assert result.exit_code == 2, result.output
        line = _line_of(text, "Bak Squat")
        assert f"rules.yaml:{line}: exercise 'Bak Squat' is in no catalogue" in result.stderr


def test_a_file_that_is_not_a_rules_file_is_refused_without_quoting_it(
    flux: Flux, tmp_path: Path
) -> None:
    mapping = tmp_path / "passwd"
    mapping.write_text(
        "r00tline: Sup3rS3cretHash\nd43monline: '*:19000:0:99999:7:::'\nSup3rS3cretUser: x\n",
        encoding="utf-8",
    )
    shadow = tmp_path / "shadow"
    shadow.write_text("r00tline:$6$Sup3rS3cretHash$xyz:19000:0:99999:7:::\n", encoding="utf-8")
    text = tmp_path / "text"
    text.write_text("Sup3rS3cret words, r00tline\n", encoding="utf-8")
    broken = tmp_path / "broken"
    broken.write_text("Sup3rS3cretUser: x: y\n", encoding="utf-8")
    for path, said in (
        (mapping, "not a flux rules file"),
        (shadow, "not a flux rules file"),
        (broken, "YAML syntax error"),
        (text, "must be a mapping"),
    ):
        for command in (("config", "validate", str(path)), ("--config", str(path), "plan")):
            result = flux(*command)
            assert result.exit_code == 2, result.output
            assert said in result.stderr
            assert "Sup3rS3cret" not in result.output
            assert "d43monline" not in result.output and "r00tline" not in result.output
