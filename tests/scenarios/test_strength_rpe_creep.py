"""RPE creeping at the same load, lived by the simulated athlete through the services.

An athlete holds their strength for three weeks, then loses 2% a week (life, sleep): the
same Deadlift feels harder each time. A coach backs off before the e1RM visibly drops; the
same athlete holding their strength gets no such deload. A deload declared in sessions
lasts exactly that many sessions.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from flux_cli import services
from flux_cli.services import Context
from tests.scenarios.strength_sim import FTP, STARTING_1RM, Athlete, TrueMax, four_days_a_week

START = dt.date(2026, 3, 2)  # a Monday
RULES = Path(__file__).parents[2] / "config" / "program_config.yaml"


def fading(per_week: float, after_weeks: int) -> TrueMax:
    """True 1RMs flat for `after_weeks`, then down `per_week` (a fraction) each week."""

    def true_max(lift: str, day: dt.date) -> float:
        weeks = (day - START).days / 7
        return STARTING_1RM[lift] * (1 - per_week * max(0.0, weeks - after_weeks))

    return true_max


def _athlete(tmp_path: Path, true_max: TrueMax, config: Path | None = None) -> Athlete:
    ctx = Context(profile="sim", db_url=f"sqlite:///{tmp_path / 'f.db'}", config_path=config)
    kept = services.keep_open(ctx)
    services.profile_set(kept, {"ftp_watts": str(FTP)})
    return Athlete(kept, true_max)


def test_rpe_creeping_at_the_same_load_starts_a_deload(tmp_path: Path) -> None:
    athlete = _athlete(tmp_path, fading(0.02, 3))
    try:
        for day in four_days_a_week(START, 6):
            plan = athlete.train(day)
            if plan.deload is not None:
                break
    finally:
        athlete.close()
    day, plan = max(athlete.plans.items())
    assert plan.deload is not None, "RPE crept for weeks and no deload came"
    assert plan.deload.reason.startswith("RPE creeping at the same load over 3 sessions")
    # The lift it names was logged at one load at an RPE a point or more higher.
    named = re.search(r": (.+?) ([\d.]+) kg from RPE", plan.deload.reason)
    assert named is not None, plan.deload.reason
    lift = named.group(1)
    before = sorted((d, done) for d, done in athlete.logged.items() if d < day)
    logged = [done[lift] for _, done in before if lift in done][-3:]
    assert logged[-1][0] == float(named.group(2))
    assert len({(load, reps) for load, reps, _ in logged}) == 1
    assert logged[-1][2] - logged[0][2] >= 1
    # It came before the e1RM trigger (a 5% drop): the athlete had lost under 5%.
    assert "e1RM down" not in plan.deload.reason
    assert 3 * 7 < (day - START).days <= 6 * 7
    assert any(line.startswith("deload until") for line in plan.rationale)


def test_an_athlete_who_holds_their_strength_sees_no_creep(tmp_path: Path) -> None:
    athlete = _athlete(tmp_path, fading(0.0, 3))
    try:
        athlete.live(four_days_a_week(START, 5))
    finally:
        athlete.close()
    assert all(
        "RPE creeping" not in plan.deload.reason
        for plan in athlete.plans.values()
        if plan.deload is not None
    )


def test_a_deload_of_three_sessions_lasts_three_sessions(tmp_path: Path) -> None:
    text = RULES.read_text().replace("  lasts_days: 7\n", "  lasts_sessions: 3\n", 1)
    (tmp_path / "rules.yaml").write_text(text)
    athlete = _athlete(tmp_path, fading(0.02, 3), tmp_path / "rules.yaml")
    try:
        athlete.live(four_days_a_week(START, 7))
    finally:
        athlete.close()
    days = sorted(athlete.plans)
    flags = [athlete.plans[d].deload is not None for d in days]
    first = flags.index(True)
    assert flags[first : first + 4] == [True, True, True, False]
    numbers = [athlete.plans[d].deload for d in days[first : first + 3]]
    assert [(d.session, d.sessions) for d in numbers if d is not None] == [(1, 3), (2, 3), (3, 3)]
    # Marked in history as deload sessions, and the same deload throughout.
    assert len({d.until for d in numbers if d is not None}) == 1
    marked = {e.session.date for e in services.history(athlete.ctx) if e.session.deload}
    assert marked == {d for d in days if athlete.plans[d].deload is not None}
