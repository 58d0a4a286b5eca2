"""Session composition (issue 12): the CP-SAT solve and what composing adds to `flux checkin`.

Targets, each printed beside its baseline in the same run:
- composing a Strength A session over the full catalogue (the 873 public exercises plus
  flux's own) ≤ 50 ms median; baseline: the issue's reference model, a boolean selection
  over the same candidates with a time budget, 12 muscle caps and a count;
- `flux checkin … --minutes N` (composed, as the shipped rules do) ≤ 0.25 s over the same
  check-in from the shipped rules with composition off (the rules' fixed tables), both
  over the seeded 873-exercise catalogue; at 60 minutes (the whole session fits) and at
  45, 35 and 30 (slots give way, so relaxation solves run too).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from common import FLUX, ROOT, fixed_table_rules, median_call, median_runs, row

from flux_cli.catalog import load_builtin, load_free_exercise_db
from flux_cli.engine.compose import Candidate, DayContext
from flux_cli.engine.compose.compose import compose
from flux_cli.engine.compose.model import Setting
from flux_cli.engine.compose.request import SlotOption
from flux_cli.engine.compose.solver import Model
from flux_cli.rules_file import parse_rules, read_rules_text
from flux_cli.services.composing import candidate_of

PUBLIC = ROOT.parent / "shared" / "data" / "exercises" / "free-exercise-db.exercises.json"
RULES = ROOT / "config" / "program_config.yaml"


def candidates() -> list[Candidate]:
    records = [*load_builtin(), *(load_free_exercise_db(PUBLIC) if PUBLIC.is_file() else [])]
    return [candidate_of(r) for r in records]


def strength_a(pool: list[Candidate]) -> Setting:
    rules = parse_rules(read_rules_text(RULES), str(RULES)).rules
    options = []
    for index, rule in enumerate(rules.composition.slots["Strength_Type_A"]):
        if rule.use != "compose" or rule.prescription is None:
            continue
        p = rules.prescriptions[rule.prescription]["GREEN"]
        options.append(
            SlotOption(
                rule.slot,
                index,
                rule.min,
                rule.max,
                p.sets,
                p.reps,
                p.seconds,
                p.rest_s,
                rule.prescription,
                rule.qualifies,
            )
        )
    day = DayContext(
        candidates=pool,
        equipment=frozenset(
            {
                "barbell",
                "rack",
                "bench",
                "dumbbells",
                "cable",
                "machine",
                "pullup_bar",
                "bands",
                "kettlebells",
                "bike",
                "rower",
            }
        ),
        minutes=45,
    )
    return Setting(
        rules=rules.composition,
        archetype="Strength_Type_A",
        patterns=("SQUAT", "PUSH"),
        family="performance",
        slots=tuple(options),
        fixed=(),
        day=day,
    )


def reference_model(pool: list[Candidate]) -> None:
    """The issue's measured model: booleans, a time budget, 12 muscle caps, a count."""
    model = Model()
    chosen = [model.new_bool() for _ in pool]
    model.add_linear([(v, 300 + 60 * (i % 5)) for i, v in enumerate(chosen)], 0, 2700)
    muscles = sorted({m for c in pool for m in c.primary})[:12]
    for muscle in muscles:
        model.add_linear(
            [(v, 2) for v, c in zip(chosen, pool, strict=True) if muscle in c.primary], 0, 12
        )
    model.add_linear([(v, 1) for v in chosen], 5, 7)
    model.maximise([(v, 10 + (i * 7919) % 90) for i, v in enumerate(chosen)])
    model.solve(seconds=5, seed=7)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    pool = candidates()
    setting = strength_a(pool)
    print(f"candidates: {len(pool)}")
    solve_s = median_call(lambda: compose(setting), args.runs)
    base_s = median_call(lambda: reference_model(pool), args.runs)
    print(row("compose Strength A, 45 min (ms)", solve_s * 1000, base_s * 1000, "ms", "≤ 50 ms"))

    home = Path(tempfile.mkdtemp(prefix="flux-bench-compose-"))
    env = {**os.environ, "FLUX_HOME": str(home)}
    try:
        if PUBLIC.is_file():
            subprocess.run(
                [FLUX, "seed", "--catalog", str(PUBLIC)], env=env, check=True, capture_output=True
            )
        fixed = fixed_table_rules(home)
        checkin = ["checkin", "knee_pain=1", "energy=8", "--json"]
        plain = [FLUX, "--config", str(fixed), *checkin]
        shipped = [FLUX, "--config", str(RULES), *checkin, "--minutes"]
        # 60 minutes fits the whole session; tighter budgets add the relaxation solves
        # (the lead lift alone is 18 minutes of them).
        budgets = ("60", "45", "35", "30")
        commands: dict[str, Sequence[str]] = {"plain": plain}
        commands.update({minutes: [*shipped, minutes] for minutes in budgets})
        timed = median_runs(commands, args.runs, env)
        for minutes in budgets:
            added = timed[minutes][0] - timed["plain"][0]
            print(
                row(
                    f"checkin --minutes {minutes} (s)",
                    timed[minutes][0],
                    timed["plain"][0],
                    "s",
                    f"adds {added:.3f} s; ≤ 0.25 s",
                )
            )
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
