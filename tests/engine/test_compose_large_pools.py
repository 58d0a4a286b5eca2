"""Large pools of look-alike candidates in broad slots (a seeded catalogue under a user's own
slots): the session is found, a limit too short for any session is said as such, and a solve
stopped by the limit stops at the same point every run."""

from __future__ import annotations

from compose_support import ex, setting, slot

from flux_cli.engine.compose import Candidate, SlotOption
from flux_cli.engine.compose.compose import compose
from flux_cli.engine.compose.model import Setting

MUSCLES = [
    "chest",
    "lats",
    "quadriceps",
    "biceps",
    "abdominals",
    "triceps",
    "shoulders",
    "hamstrings",
    "glutes",
    "calves",
    "middle back",
    "forearms",
]
TARGETS = {muscle: {"floor": 8, "cap": 20} for muscle in MUSCLES}


def _pool(size: int) -> list[Candidate]:
    """`size` exercises, fifty-odd per primary muscle, alike but for name and a synergist."""
    return [
        ex(
            f"Exercise {i:03d}",
            primary=[MUSCLES[i % 12]],
            secondary=[MUSCLES[(i * 7 + 3) % 12]],
            unilateral=i % 5 == 0,
        )
        for i in range(size)
    ]


def _broad_slots() -> list[SlotOption]:
    """Four slots that every candidate qualifies for, one to three picks of 2–5 sets each."""
    return [slot(f"s{k}", index=k, low=1, high=3, set_range=(2, 5)) for k in range(4)]


def _setting(size: int, solve_seconds: float = 2.0) -> Setting:
    return setting(
        _pool(size),
        _broad_slots(),
        minutes=75,
        weekly_targets=TARGETS,
        solve_seconds=solve_seconds,
    )


def test_six_hundred_look_alike_candidates_in_four_broad_slots_make_a_full_session() -> None:
    # 9,600 choices. CP-SAT's presolve spent the whole 2 s limit searching this pool's
    # symmetries; the relaxation ladder then ran on, and the session came back empty.
    found = compose(_setting(600))
    assert found.status == "optimal"
    assert found.structure_met and not found.relaxed
    assert {pick.slot for pick in found.picks} == {"s0", "s1", "s2", "s3"}
    assert len({pick.candidate.name for pick in found.picks}) == len(found.picks)


def test_a_limit_too_short_for_any_session_says_so_and_relaxes_nothing() -> None:
    found = compose(_setting(600, solve_seconds=0.001))
    assert found.status == "unknown"
    assert not found.picks
    # Nothing was proven impossible: no step of the ladder is claimed, the slots are empty
    # for want of time, and the note names the knob.
    assert [(r.constraint, r.reason) for r in found.relaxed] == [
        ("slots", "s0, s1, s2, s3 slots empty: no session in time")
    ]
    assert any("composition.solve_seconds" in note for note in found.notes), found.notes


def test_a_solve_stopped_by_its_limit_stops_at_the_same_point_every_run() -> None:
    """The limit is work done (CP-SAT's deterministic time), not seconds on a clock: at the
    limit where a session is first found, and just below it, every run agrees."""
    limits = [round(0.001 * step, 3) for step in range(1, 200)]
    first = next(s for s in limits if compose(_setting(150, solve_seconds=s)).picks)
    below = round(first - 0.001, 3)
    assert below > 0, "a session found at the smallest limit tried: try smaller steps"
    for limit, found_any in ((below, False), (first, True)):
        runs = [compose(_setting(150, solve_seconds=limit)) for _ in range(3)]
        assert {bool(run.picks) for run in runs} == {found_any}, limit
        assert len({tuple(p.candidate.name for p in run.picks) for run in runs}) == 1, limit
