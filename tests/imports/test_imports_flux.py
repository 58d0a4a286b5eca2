"""flux's own CSV and JSONL exports read back into records."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from imports_support import STRONG_HEADER, parse_text, problems, workouts

from flux_cli.errors import InputError
from flux_cli.imports import detect_format
from flux_cli.imports.fluxfmt import FLUX_COLUMNS
from flux_cli.imports.records import ImportedActivity

HEADER = ",".join(FLUX_COLUMNS)


def csv_row(**values: object) -> str:
    return ",".join(_cell(values.get(column)) for column in FLUX_COLUMNS) + "\n"


def _cell(value: object) -> str:
    if value is None:
        return ""
    text = json.dumps(value) if isinstance(value, dict) else str(value)
    return '"' + text.replace('"', '""') + '"' if "," in text or '"' in text else text


SET = {
    "record": "set",
    "session_id": "s1",
    "source": "strong",
    "date": "2024-05-01",
    "started_at": "2024-05-01T10:00:00+00:00",
    "status": "completed",
    "session_name": "Legs",
    "exercise": "Back Squat",
    "weight_kg": 100.0,
    "reps": 5,
    "metadata": {"set_order": 1},
}


def test_headers_are_detected() -> None:
    assert detect_format(HEADER + "\n") == "flux-csv"
    assert detect_format(json.dumps(SET) + "\n") == "flux-jsonl"


def test_csv_sets_group_into_sessions_with_their_fields() -> None:
    text = HEADER + "\n"
    text += csv_row(**SET, position=1, plan={"archetype": "A"}, session_metadata={"k": 1})
    text += csv_row(**{**SET, "weight_kg": 105.5}, position=2)
    text += csv_row(**{**SET, "session_id": "s2", "source": "flux", "status": "abandoned"})

    first, second = workouts(parse_text(text))

    assert (first.source, first.external_id, first.name) == ("strong", "s1", "Legs")
    assert first.started_at == dt.datetime(2024, 5, 1, 10, tzinfo=dt.UTC)
    assert [s.weight_kg for s in first.sets] == [100.0, 105.5]
    assert first.sets[0].metadata == {"set_order": 1}
    assert first.metadata == {"k": 1}
    assert first.details is not None and first.details.plan == {"archetype": "A"}
    assert second.details is not None and second.details.status == "abandoned"


def test_jsonl_holds_activities_and_naive_times_get_the_zone() -> None:
    activity = {
        "record": "activity",
        "session_id": "123",
        "source": "strava",
        "date": "2024-05-01",
        "started_at": "2024-05-01T06:00:00",
        "activity_type": "Ride",
        "distance_m": 30000.0,
        "elapsed_s": 3600,
    }
    zone = dt.timezone(dt.timedelta(hours=2))
    text = json.dumps(SET) + "\n" + json.dumps(activity) + "\n"

    records = parse_text(text, tz=zone)

    ride = next(record for record in records if isinstance(record, ImportedActivity))
    assert (ride.kind, ride.external_id, ride.distance_m) == ("Ride", "123", 30000.0)
    assert ride.started_at == dt.datetime(2024, 5, 1, 6, tzinfo=zone)
    assert len(workouts(records)) == 1


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"date": "01/05/2024"}, "date '01/05/2024' is not a date (YYYY-MM-DD)"),
        ({"reps": "five"}, "reps 'five' is not a number"),
        ({"reps": 5.5}, "reps 5.5 is not a whole number"),
        ({"status": "active"}, "status 'active' is not one of completed, abandoned"),
        ({"source": "garmin"}, "source 'garmin' is not one of flux, strong, hevy"),
        ({"metadata": [1]}, "metadata is not a JSON object"),
        ({"exercise": ""}, "exercise is empty"),
        ({"started_at": "noon"}, "started_at 'noon' is not an ISO date and time"),
        ({"record": "lap"}, "record 'lap' is not 'set' or 'activity'"),
    ],
)
def test_a_bad_jsonl_record_names_its_line(change: dict[str, object], reason: str) -> None:
    text = json.dumps(SET) + "\n" + json.dumps({**SET, "session_id": "s2", **change}) + "\n"
    with pytest.raises(InputError) as caught:
        parse_text(text, name="x.jsonl")
    assert caught.value.message == f"x.jsonl line 2: {reason}"

    records = parse_text(text, name="x.jsonl", skip_invalid=True)
    assert [(p.line, p.reason) for p in problems(records)] == [(2, reason)]


def test_broken_json_and_a_session_split_apart_are_refused() -> None:
    text = json.dumps(SET) + "\n{not json\n"
    with pytest.raises(InputError, match="line 2: is not valid JSON"):
        parse_text(text)
    other = {**SET, "session_id": "s2"}
    text = "".join(json.dumps(item) + "\n" for item in (SET, other, SET))
    with pytest.raises(InputError, match="line 3: continues session 's1'"):
        parse_text(text)


def test_a_forced_flux_format_on_another_export_is_refused() -> None:
    with pytest.raises(InputError, match="line 1: not a flux-jsonl export") as caught:
        parse_text(STRONG_HEADER + "\n", format="flux-jsonl")
    assert caught.value.hint == "it looks like a strong export: use --format strong"
    with pytest.raises(InputError, match="line 1: not a flux-csv export: no session_id"):
        parse_text(STRONG_HEADER + "\n", format="flux-csv")
