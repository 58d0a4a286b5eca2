"""Hevy parsing: kg and imperial layouts, set types, supersets, multi-line notes."""

from __future__ import annotations

import datetime as dt

import pytest
from imports_support import HEVY_HEADER, parse_text, problems, workouts

from flux_cli.errors import InputError
from flux_cli.imports.values import LB_TO_KG, MI_TO_M

UPPER = '"Upper","15 Sep 2025, 07:48","15 Sep 2025, 09:13","Deload week"'
KG_ROWS = f"""{HEVY_HEADER}
{UPPER},"Bench Press (Barbell)",,"",0,"warmup",40,10,,0,6
{UPPER},"Bench Press (Barbell)",,"",1,"normal",80,8,,0,8.5
{UPPER},"Pull Up",0,"slow
negatives 🎉",0,"failure",,10,,,9
{UPPER},"Dip",0,"",0,"dropset",10,12,,,
"Warm","1 Sep 2025, 18:02","1 Sep 2025, 18:10","","Warm Up",,"",0,"normal",,0,,300,
"""


def test_kg_layout_set_types_supersets_and_times() -> None:
    upper, warm = workouts(parse_text(KG_ROWS))

    assert upper.started_at == dt.datetime(2025, 9, 15, 7, 48, tzinfo=dt.UTC)
    assert upper.ended_at == dt.datetime(2025, 9, 15, 9, 13, tzinfo=dt.UTC)
    assert upper.notes == "Deload week"
    assert [s.set_type for s in upper.sets] == ["warmup", "normal", "failure", "dropset"]
    assert [s.metadata.get("set_index") for s in upper.sets] == [0, 1, 0, 0]
    assert [s.metadata.get("superset_id") for s in upper.sets] == [None, None, 0, 0]
    assert upper.sets[1].weight_kg == 80.0 and upper.sets[1].rpe == 8.5
    assert upper.sets[2].weight_kg is None
    assert upper.sets[2].notes == "slow\nnegatives 🎉"
    assert [s.line for s in upper.sets] == [2, 3, 4, 6]
    assert warm.sets[0].seconds == 300.0 and warm.sets[0].reps is None
    assert warm.started_at.day == 1


def test_imperial_layout_converts_and_keeps_the_written_figures() -> None:
    text = (
        '"title","start_time","end_time","description","exercise_title","superset_id",'
        '"exercise_notes","set_index","set_type","weight_lbs","reps","distance_miles",'
        '"duration_seconds","rpe"\n'
        '"Mixed","3 Jan 2025, 06:00","3 Jan 2025, 07:00","","Squat (Barbell)",,"",0,"normal",'
        "225,5,,,8\n"
        '"Mixed","3 Jan 2025, 06:00","3 Jan 2025, 07:00","","Running",,"",0,"normal",,,1.5,720,\n'
    )
    (mixed,) = workouts(parse_text(text, units="kg"))

    squat, run = mixed.sets
    assert squat.weight_kg == pytest.approx(225 * LB_TO_KG)
    assert squat.metadata["weight_lb"] == 225.0
    assert run.distance_m == pytest.approx(1.5 * MI_TO_M)
    assert run.metadata["distance_mi"] == 1.5
    assert run.seconds == 720.0


def test_lbs_with_km_distance_mixed_header() -> None:
    text = (
        '"title","start_time","end_time","description","exercise_title","superset_id",'
        '"exercise_notes","set_index","set_type","weight_lbs","reps","distance_km",'
        '"duration_seconds","rpe"\n'
        '"Ride","3 Jan 2025, 06:00","","","Cycling",,"",0,"normal",,,12.5,1800,\n'
    )
    (ride,) = workouts(parse_text(text))
    assert ride.sets[0].distance_m == 12500.0
    assert ride.ended_at is None


def test_unknown_set_type_names_its_line() -> None:
    text = KG_ROWS.replace('"dropset"', '"superset"')
    with pytest.raises(InputError, match=r"test\.csv line 6: set_type 'superset' is not one of"):
        parse_text(text)

    records = parse_text(text, skip_invalid=True)
    assert [p.line for p in problems(records)] == [6]
    assert len(workouts(records)[0].sets) == 3


def test_hevy_file_forced_as_strong_is_refused_clearly() -> None:
    with pytest.raises(InputError, match="not a strong export") as caught:
        parse_text(KG_ROWS, format="strong")
    assert caught.value.hint is not None and "--format hevy" in caught.value.hint
