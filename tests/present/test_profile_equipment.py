"""Profile settings keep a bar and plates per unit; settings stored before pounds still load."""

from __future__ import annotations

import pytest

from flux_cli.engine.units import Equipment
from flux_cli.errors import InputError
from flux_cli.profile_settings import apply_assignments, load_settings


def test_settings_stored_before_lb_plates_existed_still_load() -> None:
    stored = {"units": "kg", "bar_kg": 15.0, "plates_kg": [20.0, 10.0, 5.0], "ftp_watts": 250}
    settings = load_settings(stored)
    assert settings.bar_and_plates() == Equipment("kg", 15.0, (20.0, 10.0, 5.0))
    assert settings.bar_lb == 45.0  # the default pound set, until one is given


def test_switching_units_never_converts_either_set() -> None:
    kg = apply_assignments(load_settings({}), {"plates_kg": "20,10,5,1.25"})
    lb = apply_assignments(kg, {"units": "lb", "plates_lb": "45,25,10,5,2.5", "bar_lb": "35"})
    assert lb.bar_and_plates() == Equipment("lb", 35.0, (45.0, 25.0, 10.0, 5.0, 2.5))
    back = apply_assignments(lb, {"units": "kg"})
    assert back.bar_and_plates() == Equipment("kg", 20.0, (20.0, 10.0, 5.0, 1.25))
    assert back.facts("ana").plates_lb == (45.0, 25.0, 10.0, 5.0, 2.5)


@pytest.mark.parametrize(
    ("assignment", "hint"),
    [
        ({"plates_lb": "45,0"}, "plates_lb=45,35,25,10,5,2.5"),
        ({"plates_lb": "heavy"}, "plates_lb=45,35,25,10,5,2.5"),
        ({"bar_lb": "500"}, "bar_lb=45"),
    ],
)
def test_bad_lb_equipment_is_refused_with_its_own_hint(
    assignment: dict[str, str], hint: str
) -> None:
    with pytest.raises(InputError) as refused:
        apply_assignments(load_settings({}), assignment)
    assert hint in (refused.value.hint or "")
