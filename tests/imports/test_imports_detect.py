"""Format detection from the header line, and the synonym table behind it."""

from __future__ import annotations

from pathlib import Path

import pytest
from imports_support import (
    HEVY_HEADER,
    HEVY_KG,
    STRAVA,
    STRONG_2025,
    STRONG_CLASSIC,
    needs_samples,
)

from flux_cli.errors import InputError
from flux_cli.imports import detect_format
from flux_cli.imports.columns import strong_field, strong_layout

STRONG_HEADERS = [
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE",
    '"Workout #";"Date";"Workout Name";"Duration (sec)";"Exercise Name";"Set Order";'
    '"Weight (kg)";"Reps";"RPE";"Distance (meters)";"Seconds";"Notes";"Workout Notes"',
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE",
    "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;"
    "Distance Unit;Seconds;Notes;Workout Notes",
    "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;"
    "Distance Unit;Seconds;Notes;Workout Notes;Workout Duration",
    "Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes",
    "Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,"
    "RPE",
    "Date,Workout Name,Exercise Name,Set Order,kg,Reps,km,Seconds,Notes",
    "Date,Workout Name,Exercise Name,Set Order,lb,Reps,mi,Seconds",
    "\ufeffDate,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE",
    "Datum,Workout-Name,Dauer,Name der Übung,Reihenfolge festlegen,Gewicht,Wiederh.,Entfernung,"
    "Sekunden,Notizen,Workout-Notizen,RPE",
    "Date,Nom de l'entraînement,Durée,Nom de l'exercice,Ordre de la série,Poids,Réps,Distance,"
    "Secondes,RPE,Notes",
    "Fecha,Nombre de entrenamiento,Duración,Nombre del ejercicio,Orden de la serie,Peso,Rep.,"
    "Distancia,Segundos,Notas,Notas del entrenamiento,RPE",
    "日期,锻炼名称,时长,运动名称,设置顺序,重量,次,距离,秒,备注,锻炼备注,RPE",
]


@pytest.mark.parametrize("header", STRONG_HEADERS)
def test_every_strong_variant_is_detected(header: str) -> None:
    assert detect_format(header + "\n") == "strong"


@pytest.mark.parametrize(
    ("path", "expected"),
    [(STRONG_CLASSIC, "strong"), (STRONG_2025, "strong"), (HEVY_KG, "hevy"), (STRAVA, "strava")],
)
@needs_samples
def test_real_headers_are_detected(path: Path, expected: str) -> None:
    with path.open(encoding="utf-8") as stream:
        assert detect_format(stream.readline()) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (HEVY_HEADER.replace("weight_kg", "weight_lbs").replace("km", "miles"), "hevy"),
        ("title,start_time,end_time,exercise_title,set_index,set_type,weight_kg,reps", "hevy"),
        ("Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance", "strava"),
        ("session_id,date,session_name,exercise,position,weight_kg,reps", "flux-csv"),
        ('{"session_id": 1, "exercise": "Back Squat"}', "flux-jsonl"),
    ],
)
def test_other_formats_are_detected(header: str, expected: str) -> None:
    assert detect_format(header) == expected


def test_unknown_header_lists_formats_and_hints_format() -> None:
    with pytest.raises(InputError) as caught:
        detect_format("when,what,how much\n", name="log.csv")
    assert caught.value.message.startswith("log.csv line 1: unrecognised header")
    assert "strong, hevy, strava, flux-csv, flux-jsonl" in caught.value.message
    assert caught.value.hint is not None and "--format" in caught.value.hint


@pytest.mark.parametrize(
    ("name", "field", "unit"),
    [
        ("Weight (kg)", "weight", "kg"),
        ("Weight (lbs)", "weight", "lbs"),
        ("Distance (meters)", "distance", "meters"),
        ("Duration (sec)", "duration", "sec"),
        ("Workout #", "workout_number", None),
        ("kg", "weight", "kg"),
        ("lb", "weight", "lb"),
        ("mi", "distance", "mi"),
        ("Name der Übung", "exercise", None),
        ("Réps", "reps", None),
        ("设置顺序", "set_order", None),
        ("Something Else", None, None),
    ],
)
def test_header_synonyms(name: str, field: str | None, unit: str | None) -> None:
    assert strong_field(name) == (field, unit)


def test_layout_records_units_fixed_by_the_header() -> None:
    layout = strong_layout(STRONG_HEADERS[1].replace('"', "").split(";"))
    assert (layout.weight_unit, layout.distance_unit) == ("kg", "m")
    assert layout.missing == []
    assert strong_layout(["Date", "Weight"]).missing == ["exercise", "set_order"]
