"""An lb profile sees pounds everywhere and gets targets its own plates make exactly."""

from __future__ import annotations

import csv
import io
import json
import math

import pytest

from flux_cli.engine.units import KG_PER_LB, Equipment, from_kg, plates_for
from flux_cli.present.numbers import json_number
from tests.cli.conftest import Flux, as_json
from tests.plan_support import lead_of

DAY = "2026-11-20"
NEXT = "2026-11-22"


def _lb_profile_with_a_squat_session(flux: Flux) -> None:
    assert flux("profile", "set", "units=lb").exit_code == 0
    as_json(flux("checkin", "knee_pain=1", "energy=8", "--date", DAY, "--json"))
    as_json(flux("session", "start", "--date", DAY, "--json"))
    logged = flux("log", "Back Squat", "225x5x5")
    assert logged.exit_code == 0, logged.output
    assert logged.stdout.count("logged Back Squat: 225 lb × 5") == 5
    assert " kg" not in logged.stdout
    # tomorrow is Strength B: whichever of its lifts leads, it has an e1RM
    assert flux("log", "Deadlift", "315x5").exit_code == 0
    assert flux("log", "Barbell Row", "135x5").exit_code == 0
    assert flux("session", "complete").exit_code == 0


def test_profile_show_speaks_the_profiles_unit(flux: Flux) -> None:
    assert flux("profile", "set", "units=lb").exit_code == 0
    shown = flux("profile", "show")
    assert shown.exit_code == 0
    lines = dict(line.split(None, 1) for line in shown.stdout.splitlines())
    assert lines["units"] == "lb"
    assert lines["bar_lb"] == "45"
    assert lines["plates_lb"] == "45,35,25,10,5,2.5"
    assert lines["ftp_watts"] == "not set"
    assert "bar_kg" not in lines and "plates_kg" not in lines
    data = as_json(flux("profile", "show", "--json"))
    assert data["bar_lb"] == 45 and data["plates_lb"] == [45, 35, 25, 10, 5, 2.5]
    assert data["bar_kg"] == 20  # the kilogram set is kept, not converted


def test_history_and_session_show_in_pounds(flux: Flux) -> None:
    _lb_profile_with_a_squat_session(flux)
    text = flux("history")
    assert text.exit_code == 0
    assert "7 sets" in text.stdout and text.stdout.count("Back Squat: 225 lb × 5") == 5
    assert "Deadlift: 315 lb × 5" in text.stdout
    assert " kg" not in text.stdout

    sessions = as_json(flux("history", "--json"))
    squat = sessions[0]["sets"][0]
    assert squat["weight_kg"] == pytest.approx(225 * KG_PER_LB)  # the stable field stays kg
    assert (squat["weight"], squat["unit"]) == (225, "lb")

    rows = list(csv.DictReader(io.StringIO(flux("history", "--csv").stdout)))
    assert (rows[0]["weight"], rows[0]["unit"]) == ("225", "lb")
    line = json.loads(flux("history", "--jsonl").stdout.splitlines()[0])
    assert (line["weight"], line["unit"]) == (225, "lb")


def test_plan_targets_are_loadable_in_pounds_with_exact_plates(flux: Flux) -> None:
    _lb_profile_with_a_squat_session(flux)
    plan = as_json(flux("checkin", "knee_pain=1", "energy=8", "--date", NEXT, "--json"))
    assert plan["readiness"] == {"knee_pain": 1, "energy": 8}
    assert isinstance(plan["readiness"]["energy"], int)
    lead = lead_of(plan)
    assert lead["name"] in ("Deadlift", "Barbell Row") and lead["load_kg"] is not None
    pounds = from_kg(lead["load_kg"], "lb")
    assert pounds == pytest.approx(round(pounds / 5) * 5, abs=1e-9), pounds
    assert lead["load_kg"] == round(pounds) * KG_PER_LB
    assert (lead["load"], lead["unit"]) == (round(pounds), "lb")

    plates = plates_for(lead["load_kg"], Equipment("lb", 45.0, (45, 35, 25, 10, 5, 2.5)))
    assert plates is not None and plates.exact and plates.loaded == round(pounds)

    text = flux("plan", "--date", NEXT)
    assert f"@ {round(pounds)} lb" in text.stdout
    assert f"{lead['name']} 5×5 @ {round(pounds)} lb (rpe_target" in text.stdout  # rationale too
    assert " kg" not in text.stdout


def test_logging_the_pound_target_meets_it(flux: Flux) -> None:
    _lb_profile_with_a_squat_session(flux)
    as_json(flux("checkin", "knee_pain=1", "energy=8", "--date", NEXT, "--json"))
    started = as_json(flux("session", "start", "--date", NEXT, "--json"))
    lead = lead_of(started["plan"])
    assert lead["name"] in ("Deadlift", "Barbell Row")
    spec = f"{lead['load']}x{lead['reps']}x{lead['sets']}"
    assert flux("log", lead["name"], spec).exit_code == 0
    assert flux("log", "Leg Extension", "135x5").exit_code == 0  # not in Strength B
    shown = flux("session", "show")
    assert f"{lead['name']}: {lead['sets']} × {lead['reps']} @ {lead['load']} lb" in shown.stdout
    assert f"{lead['load']} lb × {lead['reps']}" in shown.stdout
    done = as_json(flux("session", "complete", "--json"))
    item = next(entry for entry in done["verification"] if entry["item"] == lead["name"])
    assert item["met"] is True
    assert item["prescribed"] == f"{lead['sets']}×{lead['reps']} @ {lead['load']} lb"
    extra = next(entry for entry in done["extras"] if entry["exercise"] == "Leg Extension")
    assert extra["logged"] == "1×5 @ 135 lb"


def test_lb_plates_and_bar_are_settable(flux: Flux) -> None:
    _lb_profile_with_a_squat_session(flux)
    assert flux("profile", "set", "bar_lb=35", "plates_lb=45,25,10,5,1.25").exit_code == 0
    lead = lead_of(as_json(flux("plan", "knee_pain=1", "energy=8", "--date", NEXT, "--json")))
    assert lead["name"] in ("Deadlift", "Barbell Row")
    pounds = from_kg(lead["load_kg"], "lb")
    assert (pounds - 35) / 2.5 == pytest.approx(round((pounds - 35) / 2.5), abs=1e-9)
    plates = plates_for(lead["load_kg"], Equipment("lb", 35.0, (45, 25, 10, 5, 1.25)))
    assert plates is not None and plates.exact


def test_bad_lb_plates_are_refused_with_a_hint(flux: Flux) -> None:
    result = flux("profile", "set", "plates_lb=45,-5")
    assert result.exit_code == 2
    assert result.stderr.startswith("flux: error: bad value for plates_lb")
    assert "hint: a comma-separated list, e.g. plates_lb=45,35,25,10,5,2.5" in result.stderr


def test_kg_profiles_are_unchanged(flux: Flux) -> None:
    as_json(flux("checkin", "knee_pain=1", "energy=8", "--date", DAY, "--json"))
    as_json(flux("session", "start", "--date", DAY, "--json"))
    logged = flux("log", "Deadlift", "100x5")
    assert "logged Deadlift: 100 kg × 5" in logged.stdout
    assert flux("log", "Barbell Row", "100x5").exit_code == 0
    assert flux("session", "complete").exit_code == 0
    history = flux("history")
    assert "· 2 sets" in history.stdout and "100 kg × 5" in history.stdout
    plan = as_json(flux("plan", "knee_pain=1", "energy=8", "--date", NEXT, "--json"))
    lead = lead_of(plan)
    assert lead["name"] in ("Deadlift", "Barbell Row")
    e1rm = 100 * (1 + 5 / 30)  # Epley, both lifts
    expected = math.floor(e1rm * lead["percent_e1rm"] / 2.5 + 0.5) * 2.5
    assert lead["load_kg"] == expected  # to 2.5 kg, as before pounds were exact
    assert (lead["load"], lead["unit"]) == (json_number(float(expected)), "kg")
    assert any(
        line.startswith(f"{lead['name']} 5×5 @ {json_number(float(expected))} kg (")
        for line in plan["rationale"]
    )
    shown = flux("profile", "show")
    assert "bar_kg" in shown.stdout and "bar_lb" not in shown.stdout


def test_one_set_is_one_set(flux: Flux) -> None:
    assert flux("log", "Deadlift", "100x5", "--date", DAY).exit_code == 0
    history = flux("history")
    assert "· 1 set" in history.stdout and "1 sets" not in history.stdout


def test_interval_watts_read_as_watts(flux: Flux) -> None:
    as_json(flux("checkin", "knee_pain=1", "energy=8", "--date", DAY, "--json"))
    logged = flux("log", "Air Bike", "30s", "--meta", "avg_watts=262.0", "--date", DAY)
    assert logged.exit_code == 0, logged.output
    assert "30s 262 W" in logged.stdout and "262.0" not in logged.stdout
