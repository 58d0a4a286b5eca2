"""The parsers against the project's own fixtures: every format and quirk, no ../shared needed.

Each fixture imitates a real export's layout and quirks (tests/imports/fixtures/README.md);
counts are made with plain `csv`, values are read off the file.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from imports_support import (
    ALL_FIXTURES,
    FIX_FLUX_CSV,
    FIX_FLUX_JSONL,
    FIX_HEVY,
    FIX_HEVY_LBS,
    FIX_STRAVA,
    FIX_STRONG_2025,
    FIX_STRONG_2026,
    FIX_STRONG_CLASSIC,
    FIXTURES,
    elapsed,
    parse_file,
    problems,
    workouts,
)

from flux_cli.imports import detect_format
from flux_cli.imports.records import ImportedActivity, ImportedSet, ImportedWorkout
from flux_cli.imports.values import LB_TO_KG, MI_TO_M

STRONG_FIELDS = {"date": 0, "name": 1, "order": 4}  # positions in every Strong variant but 2, 4, 5
PSEUDO = {"Rest Timer", "Note"}


def plain_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and records by plain `csv` (no flux code)."""
    with path.open(encoding="utf-8", newline="") as stream:
        first = stream.readline()
        stream.seek(0)
        delimiter = ";" if first.count(";") > first.count(",") else ","
        header, *rows = csv.reader(stream, delimiter=delimiter)
    return header, rows


def strong_count(path: Path) -> tuple[int, int]:
    """(workouts, sets) of a Strong file, any variant or language, by Strong's rules."""
    header, rows = plain_rows(path)
    at = dict(STRONG_FIELDS)
    for field, names in (
        ("date", ("Date",)),
        ("name", ("Workout Name",)),
        ("order", ("Set Order",)),
    ):
        for name in names:
            if name in header:
                at[field] = header.index(name)
    sets = [row for row in rows if row[at["order"]] not in PSEUDO]
    return len({(row[at["date"]], row[at["name"]]) for row in sets}), len(sets)


def sets_by_exercise(workout: ImportedWorkout, exercise: str) -> list[ImportedSet]:
    return [item for item in workout.sets if item.exercise == exercise]


@pytest.mark.parametrize("path", ALL_FIXTURES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_fixture_is_detected_and_parses_cleanly(path: Path) -> None:
    expected = {"strong": "strong", "hevy": "hevy", "strava": "strava"}.get(path.parent.name)
    expected = expected or ("flux-jsonl" if path.suffix == ".jsonl" else "flux-csv")
    with path.open(encoding="utf-8") as stream:
        assert detect_format(stream.readline()) == expected

    records = parse_file(path)

    assert records and not problems(records)
    if path.parent.name == "strong":
        found = workouts(records)
        assert (len(found), sum(len(w.sets) for w in found)) == strong_count(path)


def test_the_fixture_list_covers_every_format() -> None:
    assert {path.parent.name for path in ALL_FIXTURES} == {"strong", "hevy", "strava", "flux"}
    assert len(list((FIXTURES / "strong").glob("*.csv"))) == 11


def test_strong_classic_quirks() -> None:
    monday, legs, wednesday = workouts(parse_file(FIX_STRONG_CLASSIC))

    assert [elapsed(w) for w in (monday, legs, wednesday)] == [
        dt.timedelta(hours=1, minutes=50),
        dt.timedelta(hours=1),
        dt.timedelta(minutes=52),
    ]
    assert monday.started_at == dt.datetime(2023, 1, 9, 17, 5, 12, tzinfo=dt.UTC)
    assert legs.name == "A (Chest, Triceps, Legs, Shoulders)"
    assert monday.notes == "Erstes Training, gut"
    pull_ups = sets_by_exercise(monday, "Pull Up")
    assert [(s.weight_kg, s.reps) for s in pull_ups] == [(None, 8), (None, 7)], "0 and 0.0"
    planks = sets_by_exercise(monday, "Plank")
    assert [(s.weight_kg, s.reps, s.seconds) for s in planks] == [
        (None, None, 95),
        (None, None, 90),
    ]
    squats = sets_by_exercise(legs, "Squat (Barbell)")
    assert [s.notes for s in squats] == ["Rückenschmerzen", None], '"" then a bare empty field'
    assert all(s.rpe is None for w in (monday, legs, wednesday) for s in w.sets)


def test_strong_assisted_variants_keep_their_assistance_apart_from_load() -> None:
    monday, legs, wednesday = workouts(parse_file(FIX_STRONG_CLASSIC))

    band = sets_by_exercise(monday, "Pull Up (Band)")
    assert [(s.weight_kg, s.metadata.get("assistance_kg")) for s in band] == [
        (None, 20.0),
        (None, 20.0),
    ]
    dips = sets_by_exercise(legs, "Chest Dip (Assisted)")
    assert [(s.weight_kg, s.metadata.get("assistance_kg")) for s in dips] == [
        (None, 20.0),
        (None, 10.0),
        (None, None),  # `0.0`: no help at all
    ]
    assisted = sets_by_exercise(wednesday, "Pull Up (Assisted)")
    assert [s.metadata["assistance_kg"] for s in assisted] == [25.0, 25.0]
    assert sets_by_exercise(monday, "Bench Press (Barbell)")[0].weight_kg == 60.0


def test_strong_2025_quirks() -> None:
    found = workouts(parse_file(FIX_STRONG_2025))

    assert [w.metadata["workout_number"] for w in found] == [1, 2, 3, 4]
    assert elapsed(found[0]) == dt.timedelta(seconds=3912)
    bench = sets_by_exercise(found[0], "Bench Press (Barbell)")
    assert bench[0].weight_kg == 61.23492, "kilograms are stored as written, float noise too"
    assert round(bench[0].weight_kg / 0.453592, 6) == 135
    raises = sets_by_exercise(found[0], "Lateral Raise (Dumbbell)")
    assert raises[0].weight_kg == 6.8038799999999995
    chins = sets_by_exercise(found[1], "Chin Up")
    assert [s.weight_kg for s in chins] == [None, None]
    assert all(
        (s.rpe, s.seconds, s.distance_m, s.notes) == (None, None, None, None)
        for w in found
        for s in w.sets
    )
    assert all(w.notes is None for w in found)


def test_strong_2026_warm_ups_pseudo_rows_and_float_reps() -> None:
    upper, lower = workouts(parse_file(FIX_STRONG_2026))

    assert [s.set_type for s in upper.sets] == [
        "warmup",
        "normal",
        "normal",
        "dropset",
        "failure",
        "normal",
    ]
    assert upper.pseudo_rows == 1 and lower.pseudo_rows == 1
    assert upper.sets[1].metadata["rest_s"] == 120.0
    assert [s.reps for s in upper.sets[:5]] == [10, 5, 5, 8, 4]
    assert upper.sets[2].rpe == 8.5
    rowing = upper.sets[5]
    assert (rowing.distance_m, rowing.seconds) == (2000.0, 480.0)
    assert [s.line for s in lower.sets] == [9, 10, 12]


def test_strong_per_row_units() -> None:
    evening, later = workouts(parse_file(FIXTURES / "strong" / "units-per-row.csv"))

    squat, _, run = evening.sets
    assert squat.weight_kg == pytest.approx(225 * LB_TO_KG)
    assert squat.metadata["weight_lb"] == 225.0
    assert run.distance_m == pytest.approx(1.5 * MI_TO_M)
    assert run.metadata["distance_mi"] == 1.5
    bench, rowing = later.sets
    assert (bench.weight_kg, bench.rpe, bench.notes) == (60.0, 8.0, "Paused reps")
    assert rowing.distance_m == 2000.0
    assert elapsed(evening) == dt.timedelta(hours=1, minutes=2)


def test_strong_2017_to_2019_layouts() -> None:
    (no_duration, _) = workouts(parse_file(FIXTURES / "strong" / "2019-no-duration.csv"))
    assert no_duration.ended_at is None
    (metric,) = workouts(parse_file(FIXTURES / "strong" / "2017-unit-columns-kg.csv"))
    assert [s.weight_kg for s in metric.sets[:2]] == [70.0, 70.0]
    assert metric.sets[2].distance_m == 12_500.0
    (imperial,) = workouts(parse_file(FIXTURES / "strong" / "2018-unit-columns-lb.csv"))
    assert imperial.sets[0].weight_kg == pytest.approx(135 * LB_TO_KG)
    assert imperial.sets[2].distance_m == pytest.approx(3.1 * MI_TO_M)


@pytest.mark.parametrize(
    ("name", "duration", "exercise"),
    [
        ("german", dt.timedelta(hours=1, minutes=13), "Bankdrücken (Langhantel)"),
        ("french", dt.timedelta(minutes=45), "Squat (Barre)"),
        ("spanish", dt.timedelta(hours=1, minutes=10), "Press de banca (Barra)"),
        ("chinese", dt.timedelta(hours=1, minutes=13), "卧推（杠铃）"),
    ],
)
def test_strong_localized_headers_and_durations(
    name: str, duration: dt.timedelta, exercise: str
) -> None:
    (workout,) = workouts(parse_file(FIXTURES / "strong" / f"{name}.csv"))

    assert elapsed(workout) == duration
    assert workout.sets[0].exercise == exercise
    assert workout.sets[0].weight_kg is not None and workout.sets[0].reps is not None


def test_hevy_kg_quirks() -> None:
    records = parse_file(FIX_HEVY)
    pull, lower, push = workouts(records)

    assert [w.started_at.date() for w in (pull, lower, push)] == [
        dt.date(2025, 3, 14),
        dt.date(2025, 3, 11),
        dt.date(2025, 3, 2),
    ], "newest first, as written"
    assert pull.started_at == dt.datetime(2025, 3, 14, 18, 22, tzinfo=dt.UTC)
    assert pull.ended_at == dt.datetime(2025, 3, 14, 19, 31, tzinfo=dt.UTC)
    warm_up = pull.sets[0]
    assert (warm_up.exercise, warm_up.seconds, warm_up.weight_kg) == ("Warm Up", 300.0, None)
    assisted = sets_by_exercise(pull, "Pull Up (Assisted)")
    assert [s.set_type for s in assisted] == ["warmup", "normal", "failure"]
    assert [(s.weight_kg, s.metadata["assistance_kg"]) for s in assisted] == [
        (None, 30.0),
        (None, 12.5),
        (None, 12.5),
    ]
    assert [s.metadata["set_index"] for s in assisted] == [0, 1, 2]
    pull_ups = sets_by_exercise(pull, "Pull Up")
    assert [(s.weight_kg, s.reps, s.seconds) for s in pull_ups] == [
        (None, 8, None),
        (None, None, 5),
    ]
    rows = sets_by_exercise(pull, "Seated Row (Machine)")
    assert rows[2].line == rows[1].line + 1, "an exact duplicate row is a second set"
    assert [(s.set_type, s.weight_kg, s.rpe) for s in rows[1:]] == [("dropset", 38.75, 9.5)] * 2
    assert rows[0].notes == "Sitz auf 4 🎉" and rows[0].metadata["superset_id"] == 0
    assert sets_by_exercise(lower, "Squat (Barbell)")[1].weight_kg == 86.25
    assert push.sets[-1].line == 16, "the last row counts though the file has no final newline"
    assert push.sets[0].notes == "Deload, check history"


def test_hevy_imperial_layout() -> None:
    (legs,) = workouts(parse_file(FIX_HEVY_LBS))

    squat = legs.sets[0]
    assert squat.weight_kg == pytest.approx(225 * LB_TO_KG)
    assert squat.metadata["weight_lb"] == 225.0
    treadmill = legs.sets[2]
    assert treadmill.distance_m == pytest.approx(1.5 * MI_TO_M)
    assert treadmill.metadata["distance_mi"] == 1.5
    assert legs.notes == "Knees fine"


def test_strava_quirks() -> None:
    found = [r for r in parse_file(FIX_STRAVA) if isinstance(r, ImportedActivity)]

    assert [a.external_id for a in found] == [
        "2187654321",
        "2187000004",
        "2190000123",
        "2195555555",
        "2199999991",
        "2200000077",
    ], "kept in file order, which is not time order"
    ride, run, _, _, sail, commute = found
    assert ride.started_at == dt.datetime(2019, 3, 3, 14, 5, 11, tzinfo=dt.UTC)
    assert run.started_at == dt.datetime(2019, 2, 27, 23, 48, 2, tzinfo=dt.UTC)
    assert ride.distance_m == 41270.19921875, "the second Distance column, in metres"
    assert ride.metadata["distance_display"] == 41.27
    assert sail.distance_m == 16853.2 and sail.metadata["distance_display"] == 9.1
    assert (ride.elapsed_s, ride.moving_s) == (5400, 5100)
    assert (ride.avg_hr, ride.max_hr, ride.avg_watts) == (139.5, 171, 181.2)
    assert run.notes == "Icy, slow, happy"
    assert commute.metadata["commute"] is True and ride.metadata["commute"] is False
    assert ride.metadata["gear"] == "Rennrad"


@pytest.mark.parametrize("path", [FIX_FLUX_CSV, FIX_FLUX_JSONL], ids=["csv", "jsonl"])
def test_flux_exports_keep_sessions_details_and_activities(path: Path) -> None:
    records = parse_file(path)
    found = workouts(records)

    assert len([r for r in records if isinstance(r, ImportedActivity)]) == 6
    statuses = {w.details.status for w in found if w.details is not None}
    assert statuses == {"completed", "abandoned"}
    planned = next(w for w in found if w.details and w.details.plan)
    assert planned.details is not None and planned.details.result is not None
    assert all(s.logged_at is not None for w in found for s in w.sets)
