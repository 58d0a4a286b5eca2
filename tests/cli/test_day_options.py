"""`checkin --minutes --equipment` is the day's: `plan`, `why`, `session start` and `session
swap` compose with it afterwards, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from typing import Any

import pytest

from tests.cli.conftest import Flux, as_json

DAY = "2026-11-21"
GREEN = ("knee_pain=1", "energy=8")


def _day(flux: Flux, db: tuple[str, ...]) -> None:
    checked = as_json(
        flux(
            *db,
            "checkin",
            *GREEN,
            "--date",
            DAY,
            "--minutes",
            "30",
            "--equipment",
            "@dumbbells,bench",
            "--json",
        )
    )
    planned = as_json(flux(*db, "plan", "--date", DAY, "--json"))
    assert planned["exercises"] == checked["exercises"]
    assert planned["estimated_minutes"] == checked["estimated_minutes"] <= 33
    assert "composed for 30 min" in " ".join(planned["rationale"])
    for item in planned["exercises"]:
        assert set(item["equipment"]) <= {"dumbbells", "bench"}, item
    # The gym plan is a different session: the stored options are what made the difference.
    gym = as_json(
        flux(*db, "plan", "--date", DAY, "--minutes", "60", "--equipment", "@gym", "--json")
    )
    assert gym["exercises"] != planned["exercises"]

    why = flux(*db, "why", "Back Squat", "--date", DAY)
    assert why.exit_code == 0, why.output
    assert "not equipped: needs barbell, rack" in why.stdout

    started: dict[str, Any] = as_json(flux(*db, "session", "start", "--date", DAY, "--json"))
    assert started["plan"]["exercises"] == checked["exercises"]
    accessory = next(e for e in checked["exercises"] if e["slot"] == "accessory")
    swapped = flux(*db, "session", "swap", accessory["name"], "--json")
    assert swapped.exit_code == 0, swapped.output
    shown = as_json(flux(*db, "session", "show", "--json"))["plan"]
    incoming = [e for e in shown["exercises"] if e["slot"] == "accessory"]
    assert accessory["name"] not in [e["name"] for e in incoming]
    for item in shown["exercises"]:  # re-solved with the day's dumbbells, not the gym's
        assert set(item["equipment"]) <= {"dumbbells", "bench"}, item
    assert shown["estimated_minutes"] <= 33


def test_the_check_ins_budget_and_equipment_stay_the_days(flux: Flux) -> None:
    _day(flux, ())


@pytest.mark.postgres
def test_the_check_ins_budget_and_equipment_stay_the_days_on_postgres(
    flux: Flux, pg_url: str
) -> None:
    assert flux("--db", pg_url, "db", "upgrade").exit_code == 0
    _day(flux, ("--db", pg_url))
