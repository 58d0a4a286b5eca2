from __future__ import annotations

import pytest

from tests.cli.conftest import Flux, as_json
from tests.plan_support import lead_of

pytestmark = pytest.mark.postgres


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://postgres:hunter2-secret@127.0.0.1:1/flux",  # refused port
        # wrong user and database
        "postgresql+psycopg://nobody:hunter2-secret@127.0.0.1:5432/no_such_db_flux",
    ],
)
def test_unreachable_or_wrong_postgres_is_exit_3_and_masked(flux: Flux, url: str) -> None:
    result = flux("--db", url, "plan", "knee_pain=1", "energy=8")
    assert result.exit_code == 3, result.output
    masked = url.replace("hunter2-secret", "***")
    error, hint = result.stderr.splitlines()
    assert error.startswith(f"flux: error: cannot use the database at {masked}: ")
    assert hint.startswith("hint: check the database URL")
    assert "hunter2-secret" not in result.output


def test_blank_postgres_is_behind_until_upgraded(flux: Flux, pg_url: str) -> None:
    result = flux("--db", pg_url, "plan", "knee_pain=1", "energy=8")
    assert result.exit_code == 3
    assert "flux db upgrade" in result.stderr
    assert flux("--db", pg_url, "db", "upgrade").exit_code == 0
    current = as_json(flux("--db", pg_url, "db", "current", "--json"))
    assert current["current"] == current["head"]


def test_core_loop_on_postgres(flux: Flux, pg_url: str) -> None:
    assert flux("--db", pg_url, "db", "upgrade").exit_code == 0
    plan = as_json(
        flux("--db", pg_url, "checkin", "knee_pain=1", "energy=8", "--date", "2026-11-21", "--json")
    )
    started = as_json(flux("--db", pg_url, "session", "start", "--date", "2026-11-21", "--json"))
    assert started["plan"] == plan
    lead = lead_of(plan)
    assert (lead["name"], lead["slot"], lead["sets"]) == ("Back Squat", "main", 5)
    as_json(
        flux(
            "--db",
            pg_url,
            "log",
            lead["name"],
            f"80x{lead['reps']}x{lead['sets']}",
            "--meta",
            "note=easy",
            "--json",
        )
    )
    done = as_json(flux("--db", pg_url, "session", "complete", "--json"))
    assert done["status"] == "completed"
    sets = as_json(flux("--db", pg_url, "history", "--json"))[0]["sets"]
    assert len(sets) == lead["sets"]
    assert sets[0]["metadata"] == {"note": "easy"}
    assert as_json(flux("--db", pg_url, "--profile", "other", "history", "--json")) == []
