"""One day, one session: empty completions, ad-hoc sets adopted, a second session asked for,
sets filed under their own day (issue 8, defects 2, 9, 10 and the CLI side of 14)."""

from __future__ import annotations

from typing import Any

from tests.cli.conftest import Flux, as_json
from tests.plan_support import lead_of

DAY = "2026-11-21"
NEXT = "2026-11-22"


def _check_in(flux: Flux, day: str = DAY) -> None:
    as_json(flux("checkin", "knee_pain=1", "energy=8", "--date", day, "--json"))


def _history(flux: Flux) -> list[dict[str, Any]]:
    parsed: list[dict[str, Any]] = as_json(flux("history", "--kind", "sessions", "--json"))
    return parsed


# ---------------------------------------------------------------------------- defect 2


def test_an_empty_session_is_refused_with_a_hint_and_stays_active(flux: Flux) -> None:
    _check_in(flux)
    started = as_json(flux("session", "start", "--date", DAY, "--json"))

    result = flux("session", "complete")

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"flux: error: session #{started['session_id']} has no sets logged, so it cannot complete",
        "hint: log a set first (e.g. flux log 'Back Squat' 100x5),"
        " or close it without counting it: flux session abandon",
    ]
    (only,) = _history(flux)
    assert only["status"] == "active", "nothing was written"


def test_an_abandoned_empty_session_never_counts_for_the_next_plan(flux: Flux) -> None:
    inputs = ("knee_pain=1", "energy=8", "--date", NEXT, "--json")
    fresh = as_json(flux("--profile", "fresh", "plan", *inputs))
    _check_in(flux)
    as_json(flux("session", "start", "--date", DAY, "--json"))
    assert flux("session", "complete").exit_code == 1
    as_json(flux("session", "abandon", "--json"))

    after = as_json(flux("plan", *inputs))

    assert after["archetype"] == fresh["archetype"]
    assert after["priority_score"] is None, "the archetype is still never done"
    assert after["pattern_debt"] == fresh["pattern_debt"]
    assert {**after, "profile": "fresh"} == fresh


# ---------------------------------------------------------------------------- defect 9


def test_starting_the_plan_adopts_the_sets_logged_before_it(flux: Flux) -> None:
    logged = as_json(flux("log", "Back Squat", "60x5", "--date", DAY, "--json"))
    _check_in(flux)

    started = as_json(flux("session", "start", "--date", DAY, "--json"))

    assert started["session_id"] == logged["session_id"]
    assert started["status"] == "active"
    assert started["archetype"] == started["plan"]["archetype"] is not None
    assert started["session_name"] == started["plan"]["session_name"]
    assert [(row["exercise"], row["weight_kg"], row["reps"]) for row in started["sets"]] == [
        ("Back Squat", 60, 5)
    ]
    more = as_json(flux("log", "Back Squat", "60x5", "--json"))
    assert more["session_id"] == logged["session_id"] and more["sets"][0]["position"] == 2
    done = as_json(flux("session", "complete", "--json"))
    assert done["session_id"] == logged["session_id"]
    (only,) = _history(flux)
    assert only["status"] == "completed" and len(only["sets"]) == 2


def test_an_adhoc_session_of_another_day_is_not_adopted(flux: Flux) -> None:
    logged = as_json(flux("log", "Back Squat", "60x5", "--date", DAY, "--json"))
    _check_in(flux, NEXT)

    result = flux("session", "start", "--date", NEXT)

    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"flux: error: session #{logged['session_id']} (Ad-hoc session) of {DAY} is already active",
        "hint: finish it with: flux session complete (or flux session abandon)",
    ]


# ---------------------------------------------------------------------------- defect 10


def test_log_for_another_day_than_the_active_session_is_refused(flux: Flux) -> None:
    _check_in(flux)
    started = as_json(flux("session", "start", "--date", DAY, "--json"))

    result = flux("log", "Back Squat", "60x5", "--date", NEXT)

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"flux: error: session #{started['session_id']} of {DAY} is active,"
        f" so sets for {NEXT} cannot go into it",
        "hint: log without --date to add to it, or finish it first:"
        " flux session complete (or flux session abandon)",
    ]
    assert as_json(flux("session", "show", "--json"))["sets"] == [], "no partial write"


def test_sets_go_to_their_days_session(flux: Flux) -> None:
    _check_in(flux)
    started = as_json(flux("session", "start", "--date", DAY, "--json"))
    same_day = as_json(flux("log", "Back Squat", "60x5", "--date", DAY, "--json"))
    undated = as_json(flux("log", "Back Squat", "60x5", "--json"))
    assert same_day["session_id"] == undated["session_id"] == started["session_id"]
    as_json(flux("session", "complete", "--json"))

    next_day = as_json(flux("log", "Deadlift", "100x3", "--date", NEXT, "--json"))

    assert next_day["created_session"] is True
    dates = {s["session_id"]: s["date"] for s in _history(flux)}
    assert dates == {started["session_id"]: DAY, next_day["session_id"]: NEXT}


# ---------------------------------------------------------------------------- defect 14 (CLI)


def _complete_the_day(flux: Flux) -> dict[str, Any]:
    _check_in(flux)
    started: dict[str, Any] = as_json(flux("session", "start", "--date", DAY, "--json"))
    lead = lead_of(started["plan"])
    as_json(flux("log", lead["name"], f"40x{lead['reps']}", "--json"))
    as_json(flux("session", "complete", "--json"))
    return started


def test_a_second_session_on_a_completed_day_is_asked_for(flux: Flux) -> None:
    first = _complete_the_day(flux)

    result = flux("session", "start", "--date", DAY)

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"flux: error: session #{first['session_id']} ({first['session_name']}) of {DAY}"
        " is already completed",
        f"hint: start a second session that day with: flux session start --again --date {DAY}",
    ]
    assert len(_history(flux)) == 1, "nothing was started"


def test_again_starts_the_second_session(flux: Flux) -> None:
    first = _complete_the_day(flux)

    second = as_json(flux("session", "start", "--again", "--date", DAY, "--json"))

    assert second["session_id"] != first["session_id"]
    assert second["status"] == "active" and second["date"] == DAY
    assert [s["status"] for s in _history(flux)] == ["active", "completed"]


def test_an_abandoned_session_does_not_block_a_restart(flux: Flux) -> None:
    _check_in(flux)
    as_json(flux("session", "start", "--date", DAY, "--json"))
    as_json(flux("session", "abandon", "--json"))

    again = flux("session", "start", "--date", DAY, "--json")

    assert again.exit_code == 0, again.output


def test_a_completed_adhoc_session_also_asks(flux: Flux) -> None:
    logged = as_json(flux("log", "Back Squat", "60x5", "--date", DAY, "--json"))
    as_json(flux("session", "complete", "--json"))
    _check_in(flux)

    result = flux("session", "start", "--date", DAY)

    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"flux: error: session #{logged['session_id']} (Ad-hoc session) of {DAY}"
        " is already completed"
    )
