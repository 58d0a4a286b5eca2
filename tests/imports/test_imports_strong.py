"""Strong parsing: every header variant and language, pseudo-rows, units, line numbers."""

from __future__ import annotations

import datetime as dt

import pytest
from imports_support import STRONG_HEADER, elapsed, parse_text, problems, workouts

from flux_cli.imports.values import LB_TO_KG, MI_TO_M

CLASSIC = f"""{STRONG_HEADER}
2025-03-01 07:30:00,"Push Day",1h 5m,"Bench Press (Barbell)",W,40.0,12.0,0,0,"","Felt good",
2025-03-01 07:30:00,"Push Day",1h 5m,"Bench Press (Barbell)",1,80.0,8.0,0,0,"","Felt good",8
2025-03-01 07:30:00,"Push Day",1h 5m,"Bench Press (Barbell)",Rest Timer,0,0.0,0,90.0,,,
2025-03-01 07:30:00,"Push Day",1h 5m,"Bench Press (Barbell)",2,80.0,7.0,0,0,"Grip slipped",,9.5
2025-03-01 07:30:00,"Push Day",1h 5m,"Bench Press (Barbell)",D,60.0,10.0,0,0,,,
2025-03-01 07:30:00,"Push Day",1h 5m,"Bench Press (Barbell)",Note,0,0.0,0,0,"Elbow ok",,
2025-03-01 07:30:00,"Push Day",1h 5m,"Plank",1,0,0.0,0,60.0,,,
2025-03-01 07:30:00,"Push Day",1h 5m,"Running",1,0,0.0,3.5,1260.0,,,
2025-03-04 18:00:00,"Legs",52m,"Squat (Barbell)",1,100.0,5.0,0,0,,,
2025-03-04 18:00:00,"Legs",52m,"Squat (Barbell)",F,100.0,3.0,0,0,,,
"""


def test_classic_layout_sets_warmups_and_pseudo_rows() -> None:
    push, legs = workouts(parse_text(CLASSIC))

    assert (push.name, legs.name) == ("Push Day", "Legs")
    assert [s.set_type for s in push.sets] == ["warmup", "normal", "normal", "dropset"] + [
        "normal"
    ] * 2
    assert [s.line for s in push.sets] == [2, 3, 5, 6, 8, 9]
    assert [s.position for s in push.sets] == [1, 2, 3, 4, 5, 6]
    assert push.pseudo_rows == 2
    assert push.sets[1].metadata == {"set_order": 1, "rest_s": 90.0}
    assert push.sets[0].metadata == {"set_order": "W"}
    assert push.sets[1].reps == 8 and push.sets[1].rpe == 8.0
    assert push.sets[2].notes == "Grip slipped"
    assert push.sets[3].notes == "Elbow ok", "a Note row's text joins the set before it"
    assert push.notes == "Felt good"
    plank, run = push.sets[4], push.sets[5]
    assert (plank.weight_kg, plank.reps, plank.seconds) == (None, None, 60.0)
    assert run.distance_m == pytest.approx(3500.0)
    assert elapsed(push) == dt.timedelta(hours=1, minutes=5)
    assert elapsed(legs) == dt.timedelta(minutes=52)
    assert [s.set_type for s in legs.sets] == ["normal", "failure"]


def test_pounds_when_the_app_unit_is_lb() -> None:
    (push, _legs) = workouts(parse_text(CLASSIC, units="lb"))

    working = push.sets[1]
    assert working.weight_kg == pytest.approx(80 * LB_TO_KG)
    assert working.metadata["weight_lb"] == 80.0
    assert push.sets[5].distance_m == pytest.approx(3.5 * MI_TO_M)
    assert push.sets[5].metadata["distance_mi"] == 3.5


def test_2025_quoted_semicolon_layout_with_workout_number() -> None:
    text = (
        '"Workout #";"Date";"Workout Name";"Duration (sec)";"Exercise Name";"Set Order";'
        '"Weight (kg)";"Reps";"RPE";"Distance (meters)";"Seconds";"Notes";"Workout Notes"\n'
        '"7";"2025-04-01 18:00:00";"Pull";"3900";"Deadlift (Barbell)";"1";"61.23492";"5";"8";"";'
        '"";"";""\n'
        '"7";"2025-04-01 18:00:00";"Pull";"3900";"Rowing (Machine)";"1";"";"";"";"2000";"480";"";'
        '""\n'
    )
    (pull,) = workouts(parse_text(text, units="lb"))

    assert pull.metadata == {"workout_number": 7}
    assert elapsed(pull) == dt.timedelta(seconds=3900)
    deadlift, rowing = pull.sets
    assert deadlift.weight_kg == 61.23492, "the header says kg: --units does not apply"
    assert "weight_lb" not in deadlift.metadata
    assert (rowing.distance_m, rowing.seconds) == (2000.0, 480.0)


def test_2025_layout_without_notes_and_with_float_reps() -> None:
    text = (
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n"
        "2026-01-15 06:30:00,Strength,45m,Squat (Barbell),W,60.0,5.0,0,0.0,\n"
        "2026-01-15 06:30:00,Strength,45m,Squat (Barbell),Rest Timer,0,0.0,0,180.0,\n"
        "2026-01-15 06:30:00,Strength,45m,Squat (Barbell),1,100.0,5.0,0,0.0,8.5\n"
        "2026-01-15 06:30:00,Strength,45m,Squat (Barbell),2,100.0,4.5,0,0.0,9\n"
    )
    (session,) = workouts(parse_text(text))

    assert [s.reps for s in session.sets] == [5, 5, 4]
    assert session.sets[2].metadata["reps_raw"] == 4.5
    assert session.sets[0].set_type == "warmup"
    assert session.sets[0].metadata["rest_s"] == 180.0
    assert session.pseudo_rows == 1
    assert session.notes is None


def test_semicolon_layout_with_unit_columns_per_row() -> None:
    text = (
        "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;"
        "Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n"
        '2021-06-01 12:00:00;"Mixed";"Deadlift (Barbell)";1;225;lbs;5;;;;0;"";"";1h 10m\n'
        '2021-06-01 12:00:00;"Mixed";"Deadlift (Barbell)";2;102,5;kg;5;;;;0;;;1h 10m\n'
        '2021-06-01 12:00:00;"Mixed";"Running";1;;;;;2;mi;900;;;1h 10m\n'
        '2021-06-01 12:00:00;"Mixed";"Cycling";1;;;;;5;km;900;;;1h 10m\n'
    )
    (mixed,) = workouts(parse_text(text))

    pounds, kilos, run, ride = mixed.sets
    assert pounds.weight_kg == pytest.approx(225 * LB_TO_KG)
    assert pounds.metadata["weight_lb"] == 225.0
    assert kilos.weight_kg == 102.5
    assert run.distance_m == pytest.approx(2 * MI_TO_M)
    assert ride.distance_m == 5000.0
    assert elapsed(mixed) == dt.timedelta(hours=1, minutes=10)


@pytest.mark.parametrize(
    ("header", "unit", "distance_m"),
    [
        ("Date,Workout Name,Exercise Name,Set Order,kg,Reps,km,Seconds,Notes", 1.0, 1000.0),
        ("Date,Workout Name,Exercise Name,Set Order,lb,Reps,mi,Seconds,Notes", LB_TO_KG, MI_TO_M),
    ],
)
def test_2017_layouts_name_the_unit_in_the_column(
    header: str, unit: float, distance_m: float
) -> None:
    text = f'{header}\n2017-05-02 10:00:00,"A",Squat (Barbell),1,100,5,0,0,""\n'
    text += '2017-05-02 10:00:00,"A",Running,1,0,0,2,600,""\n'
    (session,) = workouts(parse_text(text, units="kg"))

    assert session.sets[0].weight_kg == pytest.approx(100 * unit)
    assert session.sets[1].distance_m == pytest.approx(2 * distance_m)
    assert session.ended_at is None


def test_2019_layout_without_duration() -> None:
    text = (
        "Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
        "Workout Notes,RPE\n"
        '2019-01-11 12:31:54,"Leg","Deadlift (Barbell)",1,20,5,0,0,"","",7\n'
    )
    (leg,) = workouts(parse_text(text))
    assert leg.sets[0].rpe == 7.0 and leg.ended_at is None


LOCALIZED = {
    "german": (
        "Datum,Workout-Name,Dauer,Name der Übung,Reihenfolge festlegen,Gewicht,Wiederh.,"
        "Entfernung,Sekunden,Notizen,Workout-Notizen,RPE",
        "1 Std. 13 Min.",
        '"72,5"',
    ),
    "french": (
        "Date,Nom de l'entraînement,Durée,Nom de l'exercice,Ordre de la série,Poids,Réps,"
        "Distance,Secondes,Notes,Notes de l'entraînement,RPE",
        "1 h 13 min",
        '"72,5"',
    ),
    "spanish": (
        "Fecha,Nombre de entrenamiento,Duración,Nombre del ejercicio,Orden de la serie,Peso,"
        "Rep.,Distancia,Segundos,Notas,Notas del entrenamiento,RPE",
        "1 h 13 min",
        "72.5",
    ),
    "chinese": (
        "日期,锻炼名称,时长,运动名称,设置顺序,重量,次,距离,秒,备注,锻炼备注,RPE",
        "1小时13分钟",
        "72.5",
    ),
    "english": (STRONG_HEADER, "1h 13m", "72.5"),
}


@pytest.mark.parametrize("language", sorted(LOCALIZED))
def test_localized_headers_and_durations_read_like_english(language: str) -> None:
    header, duration, weight = LOCALIZED[language]
    text = (
        f'{header}\n2024-02-03 09:15:00,"Tag A",{duration},"Squat (Barbell)",W,{weight},5,0,0,,,\n'
        f'2024-02-03 09:15:00,"Tag A",{duration},"Squat (Barbell)",1,100,5,0,0,"tief",,8\n'
    )
    (session,) = workouts(parse_text(text))
    _, english_duration, english_weight = LOCALIZED["english"]
    (expected,) = workouts(
        parse_text(
            text.replace(header, LOCALIZED["english"][0])
            .replace(duration, english_duration)
            .replace(weight, english_weight)
        )
    )

    assert session == expected
    assert elapsed(session) == dt.timedelta(hours=1, minutes=13)
    assert session.sets[0].weight_kg == 72.5
    assert session.sets[1].notes == "tief"


def test_twelve_hour_dates_and_crlf_line_endings() -> None:
    text = (
        f"{STRONG_HEADER}\r\n"
        "2024-03-05 7:12:33\u202fPM,Evening,11s,Push Up,1,0,20,0,0,,,\r\n"
        "2024-03-05 7:12:33\u202fPM,Evening,11s,Push Up,2,0,18,0,0,,,\r\n"
    )
    (evening,) = workouts(parse_text(text))
    assert evening.started_at == dt.datetime(2024, 3, 5, 19, 12, 33, tzinfo=dt.UTC)
    assert [s.line for s in evening.sets] == [2, 3]
    assert elapsed(evening) == dt.timedelta(seconds=11)


def test_multiline_notes_keep_physical_line_numbers() -> None:
    text = (
        f"{STRONG_HEADER}\n"
        '2024-03-05 10:00:00,"A",1h,"Bench Press (Barbell)",1,80,5,0,0,"line one\nline two\n'
        'line three","",\n'
        '2024-03-05 10:00:00,"A",1h,"Bench Press (Barbell)",2,80,5,0,0,"",,\n'
        '2024-03-05 10:00:00,"A",1h,"Bench Press (Barbell)",3,eighty,5,0,0,"",,\n'
    )
    records = parse_text(text, skip_invalid=True)

    (session,) = workouts(records)
    assert [s.line for s in session.sets] == [2, 5]
    assert session.sets[0].notes == "line one\nline two\nline three"
    assert [(p.line, p.reason) for p in problems(records)] == [
        (6, "weight 'eighty' is not a number")
    ]


def test_tz_is_attached_to_wall_clock_times_without_changing_ids() -> None:
    zone = dt.timezone(dt.timedelta(hours=-5))
    utc = workouts(parse_text(CLASSIC))
    local = workouts(parse_text(CLASSIC, tz=zone))

    assert local[0].started_at == dt.datetime(2025, 3, 1, 7, 30, tzinfo=zone)
    assert [w.external_id for w in local] == [w.external_id for w in utc]
