"""Soreness, session effort and the load ledger on PostgreSQL (JSONB, ON CONFLICT, profiles)."""

from __future__ import annotations

from typer.testing import Result

from tests.cli.conftest import Flux, as_json
from tests.plan_support import lead_of

DAY = "2026-11-21"
NEXT = "2026-11-22"


def test_body_commands_on_postgres(flux: Flux, pg_url: str) -> None:
    def run(*args: str, profile: str = "ana") -> Result:
        return flux("--db", pg_url, "--profile", profile, *args)

    assert flux("--db", pg_url, "db", "upgrade").exit_code == 0
    as_json(run("soreness", "quads=6", "--date", DAY, "--json"))
    as_json(run("soreness", "quads=2", "calves=4", "--date", DAY, "--json"))  # replaces quads
    shown = as_json(run("recovery", "--date", DAY, "--json"))
    assert (shown["recovery"]["quadriceps"], shown["recovery"]["calves"]) == (80, 60)
    other = as_json(run("recovery", "--date", DAY, "--json", profile="bo"))
    assert other["recovery"]["quadriceps"] == 100, "one profile never sees another's soreness"

    as_json(run("checkin", "knee_pain=1", "energy=8", "--date", DAY, "--json"))
    started = as_json(run("session", "start", "--date", DAY, "--json"))
    lead = lead_of(started["plan"])
    assert run("log", lead["name"], f"60x{lead['reps'] or 5}").exit_code == 0
    as_json(run("session", "complete", "--rpe", "7", "--minutes", "60", "--json"))
    load = as_json(run("plan", "knee_pain=1", "energy=8", "--date", NEXT, "--json"))["load"]
    assert load["yesterday"] == 100  # 7 × 60 = 420 AU = 100 points
    trends = as_json(run("trends", "--weeks", "1", "--date", NEXT, "--json"))
    assert trends["by_week"][0]["sessions"] == 1
