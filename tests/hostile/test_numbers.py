"""Item 4: every number that enters flux is finite and inside a declared range (exit 2 else),
and a bad value already stored never crashes a command."""

from __future__ import annotations

import json
import math
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flux_cli.engine import limits
from flux_cli.engine.spec import parse_spec
from flux_cli.errors import InputError
from flux_cli.imports.values import RowError, parse_count, parse_duration, parse_number
from flux_cli.profile_settings import ProfileSettings, apply_assignments
from flux_cli.services.training import parse_meta
from flux_cli.tui.workout_model import EntryError, Kind, read_entry
from tests.hostile.conftest import Flux, no_traceback

# Numbers as people and attackers type them: ordinary figures, non-finite spellings,
# exponents past a float's range, and digit strings hundreds or thousands long.
_SPECIAL = st.sampled_from(
    [
        "nan",
        "NaN",
        "inf",
        "-inf",
        "Infinity",
        "1e309",
        "1e-400",
        "-0",
        "0",
        "1e20",
        "9" * 400,
        "9" * 5000,
        "0." + "0" * 400 + "1",
        "1_000",
        "0x10",
        "١٢",
    ]
)
_FIGURES = st.floats(allow_nan=True, allow_infinity=True).map(repr) | st.integers().map(str)
_DIGITS = st.text(alphabet="0123456789.", min_size=1, max_size=600)
NUMBERS = _SPECIAL | _FIGURES | _DIGITS


def _inside(value: float | None, bound: limits.Range) -> bool:
    return value is None or bound.holds(value)


@settings(max_examples=300)
@given(
    weight=NUMBERS,
    amount=NUMBERS,
    unit=st.sampled_from(["", "kg", "lb"]),
    shape=st.sampled_from(["{w}{u}x5", "{w}{u}x{a}s", "{w}{u}x{a}m", "{a}s", "{a}km", "{w}"]),
)
def test_log_specs_are_finite_and_in_range_or_refused(
    weight: str, amount: str, unit: str, shape: str
) -> None:
    token = shape.format(w=weight, u=unit, a=amount)
    try:
        specs = parse_spec([token])
    except InputError as error:
        assert len(error.message) < 200  # a pasted megabyte is never echoed whole
        return
    for spec in specs:
        assert _inside(spec.weight_kg, limits.WEIGHT_KG)
        assert _inside(spec.seconds, limits.SECONDS)
        assert _inside(spec.distance_m, limits.DISTANCE_M)
        assert spec.reps is None or 1 <= spec.reps <= 1000


@settings(max_examples=200)
@given(key=st.sampled_from(["avg_watts", "peak_hr", "cadence", "note"]), value=NUMBERS)
def test_meta_numbers_are_finite_and_in_range_or_refused(key: str, value: str) -> None:
    try:
        meta = parse_meta([f"{key}={value}"])
    except InputError:
        return
    stored = meta[key]
    if isinstance(stored, float | int):
        assert math.isfinite(stored) and limits.META_NUMBER.holds(stored)
        json.dumps(meta, allow_nan=False)


@settings(max_examples=200)
@given(
    key=st.sampled_from(["ftp_watts", "bodyweight_kg", "bar_kg", "bar_lb", "plates_kg"]),
    value=NUMBERS | st.lists(NUMBERS, min_size=1, max_size=4).map(",".join),
)
def test_profile_settings_are_finite_or_refused(key: str, value: str) -> None:
    try:
        settings_ = apply_assignments(ProfileSettings(), {key: value})
    except InputError:
        return
    json.dumps(settings_.model_dump(mode="json"), allow_nan=False)


@settings(max_examples=200)
@given(field=st.sampled_from(["weight", "reps", "seconds", "rpe", "watts", "hr"]), value=NUMBERS)
def test_dashboard_fields_are_finite_and_in_range_or_refused(field: str, value: str) -> None:
    kind: Kind = "conditioning" if field in ("seconds", "watts", "hr") else "strength"
    values = {"reps": "5", "seconds": "30"} | {field: value}
    try:
        entry = read_entry(kind, values, {}, "kg")
    except EntryError:
        return
    for figure, bound in (
        (entry.weight_kg, limits.WEIGHT_KG),
        (entry.reps, limits.REPS),
        (entry.seconds, limits.SECONDS),
        (entry.rpe, limits.RPE),
        (entry.avg_watts, limits.WATTS),
        (entry.peak_hr, limits.HEART_RATE),
    ):
        assert figure is None or (math.isfinite(figure) and figure <= bound.high)


@settings(max_examples=300)
@given(value=NUMBERS)
def test_import_cells_are_finite_or_row_errors(value: str) -> None:
    for parse in (parse_number, parse_count, parse_duration):
        try:
            parsed = parse(value, "cell")
        except RowError:
            continue
        assert parsed is None or math.isfinite(parsed)


@given(value=st.floats(allow_nan=True, allow_infinity=True))
def test_a_range_never_holds_a_non_finite_value(value: float) -> None:
    for bound in (limits.WEIGHT_KG, limits.SECONDS, limits.DISTANCE_M, limits.META_NUMBER):
        if not math.isfinite(value):
            assert not bound.holds(value) and bound.stored(value) is None


# ----------------------------------------------------------------------------- the CLI


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("Air Bike", "9" * 400 + "s"), "numbers have at most 24 characters"),
        (("Back Squat", "9" * 400 + "x5"), "numbers have at most 24 characters"),
        (("Back Squat", "999999999999999999999x5"), "weight must be above 0 and up to 1000 kg"),
        (("Back Squat", "100x5", "--meta", "avg_watts=nan"), "avg_watts=nan"),
        (("Back Squat", "100x5", "--meta", "avg_watts=inf"), "avg_watts=inf"),
        (("Back Squat", "100x5", "--meta", "x=1e309"), "is out of range"),
        (("Air Bike", "1e400s"), "bad set spec"),
    ],
)
def test_log_refuses_absurd_numbers_and_writes_nothing(
    flux: Flux, args: tuple[str, ...], said: str
) -> None:
    result = flux("log", *args)
    assert result.exit_code == 2, result.output
    assert said in result.stderr
    history = flux("history", "--json")
    assert history.exit_code == 0 and json.loads(history.stdout) == []


@pytest.mark.parametrize(
    "assignment",
    [
        "plates_kg=nan",
        "plates_kg=inf",
        "bar_kg=nan",
        "ftp_watts=1e309",
        "bodyweight_kg=" + "9" * 400,
        "plates_kg=" + ",".join(["5"] * 50),
    ],
)
def test_profile_set_refuses_non_finite_values(flux: Flux, assignment: str) -> None:
    result = flux("profile", "set", assignment)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def _poison(db: Path, sql: str) -> None:
    with sqlite3.connect(db) as connection:
        connection.execute(sql)


def test_bad_values_already_stored_never_crash_a_command(flux: Flux, tmp_path: Path) -> None:
    assert flux("log", "Back Squat", "100x5x3").exit_code == 0
    assert flux("log", "Air Bike", "45s", "--meta", "avg_watts=300").exit_code == 0
    db = tmp_path / "flux.db"
    # What older versions let through: infinities, NaN (stored as NULL by SQLite), 1e300.
    _poison(db, "UPDATE workout_sets SET weight_kg = 9e999 WHERE position = 1")
    _poison(db, "UPDATE workout_sets SET weight_kg = 1e300 WHERE position = 2")
    _poison(db, "UPDATE workout_sets SET seconds = 9e999 WHERE seconds IS NOT NULL")
    _poison(
        db,
        "UPDATE workout_sets SET metadata = '{\"avg_watts\": Infinity}' WHERE seconds IS NOT NULL",
    )
    _poison(db, 'UPDATE profiles SET settings = \'{"plates_kg": [NaN], "bar_kg": Infinity}\'')
    for args in (
        ("history",),
        ("history", "--json"),
        ("history", "--jsonl"),
        ("history", "--csv"),
        ("session", "show"),
        ("session", "show", "--json"),
        ("plan", "energy=7", "knee_pain=1"),
        ("plan", "energy=7", "knee_pain=1", "--json"),
        ("profile", "show"),
        ("export", "--format", "jsonl"),
    ):
        result = flux(*args)
        no_traceback(result)
        assert result.exit_code == 0, (args, result.output)
        if "--json" in args:
            json.loads(result.stdout)  # strict: no Infinity or NaN
        if "--jsonl" in args or "jsonl" in args:
            for line in result.stdout.splitlines():
                json.loads(line)
        assert "NaN" not in result.stdout and "Infinity" not in result.stdout, args


@pytest.mark.postgres
def test_bad_values_already_stored_never_crash_a_command_on_postgres(
    flux: Flux, pg_url: str
) -> None:
    import psycopg

    assert flux("--db", pg_url, "db", "upgrade").exit_code == 0
    assert flux("--db", pg_url, "seed").exit_code == 0
    assert flux("--db", pg_url, "log", "Back Squat", "100x5x2").exit_code == 0
    with psycopg.connect(pg_url.replace("postgresql+psycopg://", "postgresql://")) as connection:
        connection.execute("UPDATE workout_sets SET weight_kg = 'Infinity' WHERE position = 1")
        connection.execute(
            "UPDATE workout_sets SET weight_kg = 'NaN', rpe = '-Infinity' WHERE position = 2"
        )
    for args in (
        ("history",),
        ("history", "--json"),
        ("history", "--csv"),
        ("session", "show"),
        ("plan", "energy=7", "knee_pain=1", "--json"),
    ):
        result = flux("--db", pg_url, *args)
        no_traceback(result)
        assert result.exit_code == 0, (args, result.output)
        assert "NaN" not in result.stdout and "Infinity" not in result.stdout, args
        if "--json" in args:
            json.loads(result.stdout)
