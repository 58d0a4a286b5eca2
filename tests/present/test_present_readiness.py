"""One readiness check: what the form, the prompt and the check-in accept is the same."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flux_cli.engine.readiness import parse_value
from flux_cli.engine.rules import ReadinessInput
from flux_cli.errors import InputError
from flux_cli.present.readiness import readiness_problem
from flux_cli.tui.screens.checkin import InRange

WHOLE = ReadinessInput(min=0, max=10, integer=True, label="energy")
DECIMAL = ReadinessInput(min=0, max=10, integer=False)


@pytest.mark.parametrize(
    ("spec", "text", "problem"),
    [
        (WHOLE, "7", None),
        (WHOLE, " 7 ", None),
        (WHOLE, "7,0", "not a number"),
        (WHOLE, "7.5", "a whole number"),
        (WHOLE, "11", "0-10 only"),
        (WHOLE, "abc", "not a number"),
        (WHOLE, "nan", "not a number"),
        (DECIMAL, "7.5", None),
    ],
)
def test_readiness_problem(spec: ReadinessInput, text: str, problem: str | None) -> None:
    assert readiness_problem(spec, text) == problem


def test_the_form_refuses_what_the_checkin_refuses() -> None:
    """The dashboard took "7,0" and the service then refused it."""
    result = InRange(WHOLE).validate("7,0")
    assert not result.is_valid
    assert result.failure_descriptions == ["not a number"]
    with pytest.raises(InputError, match="energy must be a number from 0 to 10, got '7,0'"):
        parse_value("energy", WHOLE, "7,0")


@given(
    text=st.one_of(
        st.text(max_size=6),
        st.floats(allow_nan=True, allow_infinity=True).map(str),
        st.integers(-5, 15).map(str),
        st.decimals(-2, 12, places=2).map(str),
    ),
    spec=st.sampled_from([WHOLE, DECIMAL]),
)
def test_form_prompt_and_service_agree_on_every_text(text: str, spec: ReadinessInput) -> None:
    try:
        parse_value("energy", spec, text)
        accepted = True
    except InputError:
        accepted = False
    assert (readiness_problem(spec, text) is None) is accepted
    assert InRange(spec).validate(text).is_valid is accepted
