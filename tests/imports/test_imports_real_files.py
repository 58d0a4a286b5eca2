"""The parsers against the real exports in ../shared/data/imports, checked by plain csv counts."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from imports_support import (
    HEVY_KG,
    STRAVA,
    STRONG_2025,
    STRONG_CLASSIC,
    csv_rows,
    elapsed,
    needs_samples,
    parse_file,
    parse_text,
    problems,
    workouts,
)

from flux_cli.imports.aliases import is_assisted
from flux_cli.imports.records import ImportedActivity

pytestmark = needs_samples

PSEUDO_ORDERS = {"Rest Timer", "Note"}
# Every assisted or band variant of a bodyweight move in the samples (Chest Fly (Band) is
# band resistance, a load of its own).
ASSISTED = {"Pull Up (Assisted)", "Pull Up (Band)", "Chest Dip (Assisted)"}
STRONG_TYPES = {"W": "warmup", "D": "dropset", "F": "failure"}


def strong_expectations(rows: list[dict[str, str]]) -> dict[str, object]:
    """Counts made from plain csv rows with Strong's documented rules."""
    sets = [row for row in rows if row["Set Order"] not in PSEUDO_ORDERS]
    per_workout = Counter((row["Date"], row["Workout Name"]) for row in sets)
    return {
        "workouts": len(per_workout),
        "per_workout": per_workout,
        "pseudo": sum(row["Set Order"] in PSEUDO_ORDERS for row in rows),
        "types": Counter(STRONG_TYPES.get(row["Set Order"], "normal") for row in sets),
    }


@pytest.mark.parametrize(("path", "delimiter"), [(STRONG_CLASSIC, ","), (STRONG_2025, ";")])
def test_strong_samples_match_an_independent_count(path: Path, delimiter: str) -> None:
    rows = [row for _, row in csv_rows(path, delimiter)]
    expected = strong_expectations(rows)

    records = parse_file(path)

    found = workouts(records)
    assert not problems(records)
    assert len(found) == expected["workouts"]
    assert sum(workout.pseudo_rows for workout in found) == expected["pseudo"]
    per_workout = Counter(
        {(w.started_at.strftime("%Y-%m-%d %H:%M:%S"), w.name): len(w.sets) for w in found}
    )
    assert per_workout == expected["per_workout"]
    assert Counter(s.set_type for w in found for s in w.sets) == expected["types"]
    assert len({workout.external_id for workout in found}) == len(found)


def test_strong_classic_values_follow_the_file() -> None:
    rows = list(csv_rows(STRONG_CLASSIC))
    sets = {s.line: s for w in workouts(parse_file(STRONG_CLASSIC)) for s in w.sets}

    assert sets.keys() == {line for line, _ in rows}
    for line, row in rows:
        parsed = sets[line]
        assert parsed.exercise == row["Exercise Name"]
        load = float(row["Weight"]) or None
        if row["Exercise Name"] in ASSISTED:  # the weight is help, never load
            assert (parsed.weight_kg, parsed.metadata.get("assistance_kg")) == (None, load)
        else:
            assert parsed.weight_kg == load
        assert parsed.reps == (int(row["Reps"]) or None)
        assert parsed.seconds == (float(row["Seconds"]) or None)
        assert parsed.notes == (row["Notes"] or None)
        assert parsed.metadata["set_order"] == int(row["Set Order"])


def test_strong_classic_durations_give_end_times() -> None:
    found = workouts(parse_file(STRONG_CLASSIC))
    first = found[0]
    # `2021-02-10 16:46:13`, `2h 18m`: wall clock, no zone → UTC when no tz is given.
    assert first.started_at == dt.datetime(2021, 2, 10, 16, 46, 13, tzinfo=dt.UTC)
    assert first.ended_at == first.started_at + dt.timedelta(hours=2, minutes=18)
    assert all(w.ended_at is not None and w.ended_at > w.started_at for w in found)


def test_strong_2025_weights_are_stored_as_given_with_their_float_noise() -> None:
    rows = dict(csv_rows(STRONG_2025, ";"))
    found = workouts(parse_file(STRONG_2025))

    for workout in found:
        number = workout.metadata["workout_number"]
        for parsed in workout.sets:
            row = rows[parsed.line]
            assert int(row["Workout #"]) == number
            assert parsed.weight_kg == (float(row["Weight (kg)"]) or None)
    noisy = [s.weight_kg for w in found for s in w.sets if s.weight_kg == 27.215519999999998]
    assert noisy, "the 60 lb → kg value keeps its float noise"
    assert [w.metadata["workout_number"] for w in found] == list(range(1, 21))
    assert elapsed(found[0]) == dt.timedelta(seconds=4543)


def test_strong_2025_early_and_late_exports_share_ids() -> None:
    text = STRONG_2025.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    # The repo's earlier export held workouts 1-3 only: the same rows, cut short.
    keep = {'"Workout #"', '"1"', '"2"', '"3"'}
    early = "".join(line for line in lines if line.split(";")[0] in keep)
    early_ids = {w.external_id for w in workouts(parse_text(early))}
    late_ids = {w.external_id for w in workouts(parse_text(text))}

    assert len(early_ids) == 3
    assert early_ids <= late_ids
    assert len(early_ids | late_ids) == 20


def test_hevy_sample_matches_an_independent_count() -> None:
    rows = list(csv_rows(HEVY_KG))
    per_workout = Counter(
        (dt.datetime.strptime(row["start_time"], "%d %b %Y, %H:%M"), row["title"])
        for _, row in rows
    )

    records = parse_file(HEVY_KG)
    found = workouts(records)

    assert not problems(records)
    assert len(found) == len(per_workout)
    parsed_per_workout = Counter(
        {(w.started_at.replace(tzinfo=None), w.name): len(w.sets) for w in found}
    )
    assert parsed_per_workout == per_workout
    assert Counter(s.set_type for w in found for s in w.sets) == Counter(
        row["set_type"] for _, row in rows
    )
    assert sum("superset_id" in s.metadata for w in found for s in w.sets) == sum(
        row["superset_id"] != "" for _, row in rows
    )
    assert sum(s.weight_kg is None for w in found for s in w.sets) == sum(
        row["weight_kg"] in ("", "0") or row["exercise_title"] in ASSISTED for _, row in rows
    )
    assert sum(s.rpe is not None for w in found for s in w.sets) == sum(
        row["rpe"] != "" for _, row in rows
    )


def test_hevy_sample_keeps_sets_in_file_order_with_their_lines() -> None:
    rows = dict(csv_rows(HEVY_KG))
    found = workouts(parse_file(HEVY_KG))
    duplicates = Counter(tuple(row.values()) for row in rows.values())

    for workout in found:
        assert [s.position for s in workout.sets] == list(range(1, len(workout.sets) + 1))
        for parsed in workout.sets:
            row = rows[parsed.line]
            assert parsed.exercise == row["exercise_title"]
            assert parsed.metadata["set_index"] == int(row["set_index"])
            assert parsed.set_type == row["set_type"]
    # Rows repeated verbatim in the file are kept: they are repeated exercise blocks.
    assert sum(len(w.sets) for w in found) == sum(duplicates.values())
    assert any(count > 1 for count in duplicates.values())


def test_hevy_end_times_and_emoji_notes_survive() -> None:
    found = workouts(parse_file(HEVY_KG))
    newest = found[0]
    assert newest.started_at == dt.datetime(2025, 9, 15, 7, 48, tzinfo=dt.UTC)
    assert newest.ended_at == dt.datetime(2025, 9, 15, 9, 13, tzinfo=dt.UTC)
    notes = [s.notes for w in found for s in w.sets if s.notes]
    assert any(any(ord(char) > 0xFFFF for char in note) for note in notes)


def test_strava_sample_matches_an_independent_positional_read() -> None:
    with STRAVA.open(encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream)
        header = next(reader)
        rows = list(reader)
    first_distance = header.index("Distance")
    metres = header.index("Distance", first_distance + 1)
    first_elapsed = header.index("Elapsed Time")

    found = [r for r in parse_file(STRAVA) if isinstance(r, ImportedActivity)]

    assert len(found) == len({row[0] for row in rows})
    by_id = {activity.external_id: activity for activity in found}
    for row in rows:
        activity = by_id[row[0]]
        assert activity.kind == row[header.index("Activity Type")]
        assert activity.distance_m == (float(row[metres]) or None)
        assert activity.elapsed_s == float(row[first_elapsed])
        assert activity.metadata["distance_display"] == float(row[first_distance])
    assert Counter(a.kind for a in found) == Counter(row[3] for row in rows)


def test_strava_dates_are_utc_and_follow_tz() -> None:
    first = next(r for r in parse_file(STRAVA) if isinstance(r, ImportedActivity))
    assert first.started_at == dt.datetime(2014, 10, 5, 16, 15, 21, tzinfo=dt.UTC)

    zone = dt.timezone(dt.timedelta(hours=-6))
    local = next(r for r in parse_file(STRAVA, tz=zone) if isinstance(r, ImportedActivity))
    assert local.started_at == first.started_at
    assert local.started_at.hour == 10


def test_reparsing_gives_the_same_ids() -> None:
    for path in (STRONG_CLASSIC, STRONG_2025, HEVY_KG, STRAVA):
        first = [getattr(r, "external_id", None) for r in parse_file(path)]
        elsewhere = dt.timezone(dt.timedelta(hours=2))
        second = [getattr(r, "external_id", None) for r in parse_file(path, tz=elsewhere)]
        assert first == second


def test_every_assisted_or_band_variant_in_the_samples_is_found() -> None:
    names = {row["Exercise Name"] for path in (STRONG_CLASSIC,) for _, row in csv_rows(path)}
    names |= {row["Exercise Name"] for _, row in csv_rows(STRONG_2025, ";")}
    names |= {row["exercise_title"] for _, row in csv_rows(HEVY_KG)}
    marked = {name for name in names if "assist" in name.casefold() or "band" in name.casefold()}
    assert marked == ASSISTED | {"Chest Fly (Band)"}
    assert {name for name in marked if is_assisted(name)} == ASSISTED

    sets = [
        s for path in (STRONG_CLASSIC, HEVY_KG) for w in workouts(parse_file(path)) for s in w.sets
    ]
    assisted = [s for s in sets if s.exercise in ASSISTED]
    assert len(assisted) == 4 + 2 + 39 + 47
    assert all(s.weight_kg is None for s in assisted)
    assert (
        sum("assistance_kg" in s.metadata for s in assisted)
        == sum(1 for s in assisted if s.metadata.get("assistance_kg"))
        > 80
    )
