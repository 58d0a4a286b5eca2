"""Synthetic training histories written straight into a flux SQLite database (bench setup only)."""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
from pathlib import Path
from typing import Any

STRENGTH = {
    "Strength_Type_A": [("Back Squat", "SQUAT"), ("Bench Press", "PUSH")],
    "Strength_Type_B": [("Deadlift", "HINGE"), ("Barbell Row", "PULL")],
}
EASY = [("Glute Bridge", "HINGE"), ("Push-Up", "PUSH")]
ACCESSORIES = ["Hanging Leg Raise", "Farmer's Carry", "Pallof Press", "Plank"]
CYCLE = [
    "Strength_Type_A",
    "Strength_Type_B",
    "Conditioning",
    "Strength_Type_A",
    "Strength_Type_B",
    "Recovery",
]


def create_database(home: Path) -> Path:
    """Let flux create and migrate its own database under `home`; returns the file."""
    import os

    os.environ["FLUX_HOME"] = str(home)
    from flux_cli.services.base import builtin_catalogue
    from flux_cli.storage.database import Database

    Database.open(None, catalogue=builtin_catalogue).close()
    return home / "flux.db"


def _exercise_ids(connection: sqlite3.Connection) -> dict[str, int]:
    return dict(connection.execute("select name, id from exercises"))


def fill(
    db_path: Path,
    *,
    sessions: int,
    sets_per_session: int,
    end: dt.date,
    seed: int = 7,
    profile: str = "default",
    span_days: int = 730,
    lead_lift_everywhere: bool = False,
) -> int:
    """Add `sessions` completed sessions over `span_days` before `end`; returns sets added.

    `lead_lift_everywhere` is the stress case: Back Squat in every session, not only on
    strength days.
    """
    rng = random.Random(seed)
    connection = sqlite3.connect(db_path)
    ids = _exercise_ids(connection)
    connection.execute(
        "insert or ignore into profiles (name, settings, created_at) values (?, ?, ?)",
        (profile, json.dumps({"ftp_watts": 250}), "2024-01-01 00:00:00"),
    )
    profile_id = connection.execute(
        "select id from profiles where name = ?", (profile,)
    ).fetchone()[0]
    # Rows of mixed cells: ids, numbers, NULLs and JSON text, as sqlite3 binds them.
    session_rows: list[tuple[Any, ...]] = []
    set_rows: list[tuple[Any, ...]] = []
    next_id = (
        (connection.execute("select coalesce(max(id), 0) from workout_sessions").fetchone()[0]) + 1
    )
    for index in range(sessions):
        day = end - dt.timedelta(days=span_days - (index * span_days) // sessions)
        archetype = CYCLE[index % len(CYCLE)]
        plan: dict[str, Any] = {"archetype": archetype, "conditioning": None}
        protocol = None
        if archetype == "Conditioning":
            protocol = ["HIIT", "SIT", "SS"][index // len(CYCLE) % 3]
            plan["conditioning"] = {
                "protocol": protocol,
                "kind": "steady" if protocol == "SS" else "intervals",
                "level": 1,
                "exercise": "Stationary Bike" if protocol == "SS" else "Air Bike",
                "rounds": 1 if protocol == "SS" else 6,
                "work_s": 1200 if protocol == "SS" else 30,
                "rest_s": 0 if protocol == "SS" else 90,
                "intensity": 1.05,
                "target_watts": 262,
            }
        session_id = next_id + index
        session_rows.append(
            (
                session_id,
                profile_id,
                day.isoformat(),
                "completed",
                "GREEN",
                archetype,
                archetype,
                None,
                protocol,
                json.dumps(plan),
                None,
                "flux",
                None,
            )
        )
        lifts = STRENGTH.get(archetype, [("Back Squat", "SQUAT")] if lead_lift_everywhere else EASY)
        for position in range(1, sets_per_session + 1):
            if plan["conditioning"] is not None and position <= plan["conditioning"]["rounds"]:
                name = plan["conditioning"]["exercise"]
                set_rows.append(
                    (
                        session_id,
                        ids[name],
                        position,
                        None,
                        None,
                        float(plan["conditioning"]["work_s"]),
                        None,
                        None,
                        json.dumps({"avg_watts": 265 + rng.randint(-10, 10)}),
                    )
                )
                continue
            if position <= 12:
                name = lifts[(position - 1) // 6 % len(lifts)][0]
                weight = 60 + rng.randint(0, 80) + index * 0.05
                set_rows.append(
                    (
                        session_id,
                        ids[name],
                        position,
                        weight,
                        rng.randint(1, 10),
                        None,
                        None,
                        rng.choice([None, 7.0, 8.0]),
                        "{}",
                    )
                )
            else:
                name = ACCESSORIES[position % len(ACCESSORIES)]
                set_rows.append(
                    (
                        session_id,
                        ids[name],
                        position,
                        None,
                        rng.randint(8, 15),
                        None,
                        None,
                        None,
                        "{}",
                    )
                )
    with connection:
        connection.executemany(
            "insert into workout_sessions (id, profile_id, date, status, state, archetype,"
            " session_name,"
            " anchor_pattern, conditioning_protocol, plan, result, source, external_id)"
            " values (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            session_rows,
        )
        connection.executemany(
            "insert into workout_sets (session_id, exercise_id, position, weight_kg, reps, seconds,"
            " distance_m, rpe, metadata, logged_at)"
            " values (?,?,?,?,?,?,?,?,?, '2025-01-01 00:00:00')",
            set_rows,
        )
    connection.close()
    return len(set_rows)
