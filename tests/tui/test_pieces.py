"""The dashboard's pure pieces: units, plates, timers, entry checks, the write queue."""

from __future__ import annotations

import pytest

from flux_cli.errors import DomainRefusal, StorageError
from flux_cli.tui import format as fmt
from flux_cli.tui.workout_model import (
    Entry,
    EntryError,
    IntervalTimer,
    RestTimer,
    parse_number,
    unfinished_interval,
    unusual,
)
from flux_cli.tui.writes import Write, WriteQueue, is_retryable

PLATES = (25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25)
KG_BAR = fmt.Equipment("kg", 20.0, PLATES)


@pytest.mark.parametrize(
    ("load", "per_side", "exact"),
    [
        (100.0, (25.0, 15.0), True),
        (20.0, (), True),
        (142.5, (25.0, 25.0, 10.0, 1.25), True),
        (101.0, (25.0, 15.0), False),
    ],
)
def test_plates_per_side(load: float, per_side: tuple[float, ...], exact: bool) -> None:
    plates = fmt.plates_for(load, KG_BAR)
    assert plates is not None
    assert plates.per_side == per_side and plates.exact is exact


def test_plates_under_the_bar_and_in_pounds() -> None:
    assert fmt.plates_for(15.0, KG_BAR) is None
    assert "under the bar" in fmt.plates_text(15.0, KG_BAR)
    assert fmt.plates_text(100.0, KG_BAR) == "per side: 25 + 15  (bar 20 kg)"
    pounds = fmt.Equipment("lb", 45.0, (45.0, 35.0, 25.0, 10.0, 5.0, 2.5))
    assert fmt.plates_text(fmt.to_kg(210, "lb"), pounds) == "per side: 45 + 35 + 2.5  (bar 45 lb)"


@pytest.mark.parametrize(
    ("equipment", "step"),
    [
        (KG_BAR, 2.5),
        (fmt.Equipment("kg", 20.0, (20.0, 5.0)), 10.0),
        (fmt.Equipment("lb", 45.0, (45.0, 2.5)), 5.0),
    ],
)
def test_weight_step_is_a_pair_of_the_smallest_plates(
    equipment: fmt.Equipment, step: float
) -> None:
    assert fmt.weight_step(equipment) == step


def test_units_round_trip_and_faces() -> None:
    assert fmt.to_kg(fmt.to_display(100.0, "lb"), "lb") == pytest.approx(100.0)
    assert fmt.weight(102.0582, "lb") == "225 lb"
    assert fmt.clock(161.2) == "2:42" and fmt.clock(0) == "0:00"
    assert fmt.duration(3723) == "1:02:03"


@pytest.mark.parametrize("text", ["abc", "1.2.3", "-5", "inf", "nan"])
def test_non_numbers_and_negatives_are_refused(text: str) -> None:
    with pytest.raises(EntryError):
        parse_number("weight", text)


def test_numbers_accept_commas_and_empty_optional_fields() -> None:
    assert parse_number("weight", "102,5") == 102.5
    assert parse_number("rpe", " ") is None
    with pytest.raises(EntryError, match="required"):
        parse_number("reps", "", required=True)
    with pytest.raises(EntryError, match="whole"):
        parse_number("reps", "5.5", integer=True)


def test_unusual_values_ask_for_confirmation() -> None:
    assert unusual(Entry(weight_kg=100, reps=5, rpe=8)) == []
    assert len(unusual(Entry(weight_kg=1200, reps=101, rpe=11))) == 3
    assert unusual(Entry(rpe=0.5)) == ["RPE 0.5 is outside 1-10"]


def test_interval_timer_phases_pause_and_rounds() -> None:
    timer = IntervalTimer(rounds=3, work_s=30, rest_s=90)
    assert timer.phase(0).name == "ready"
    timer.toggle(100.0)
    assert (timer.phase(110).name, timer.phase(110).round) == ("work", 1)
    assert timer.phase(110).remaining == pytest.approx(20)
    assert (timer.phase(131).name, timer.finished_rounds(131)) == ("rest", 1)
    timer.toggle(131.0)  # pause for a minute
    assert timer.phase(191).remaining == pytest.approx(89)
    timer.toggle(191.0)
    assert (timer.phase(191 + 89 + 5).name, timer.phase(285).round) == ("work", 2)
    assert timer.phase(60 + 100 + 2 * 120 + 30).name == "done"
    assert timer.finished_rounds(1000) == 3


def test_steady_state_is_one_round() -> None:
    timer = IntervalTimer(rounds=1, work_s=1200, rest_s=0)
    timer.toggle(0.0)
    assert timer.phase(600).name == "work" and timer.phase(1200).name == "done"


def test_rest_timer_extends_and_skips() -> None:
    rest = RestTimer()
    assert rest.remaining(0) is None
    rest.start(0.0, 90)
    rest.extend(10.0)
    assert rest.remaining(10.0) == pytest.approx(110)
    rest.skip()
    assert rest.remaining(10.0) is None
    rest.extend(20.0)  # +30 s with nothing running starts a 30 s rest
    assert rest.remaining(20.0) == pytest.approx(30)
    assert rest.remaining(51.0) is None


def test_write_queue_runs_in_order_retries_storage_errors_and_drops_refusals() -> None:
    queue = WriteQueue()
    first, second = Write("log", "a", lambda: 1), Write("undo", "b", lambda: 2)
    queue.add(first)
    queue.add(second)
    assert queue.next() is first and queue.next() is None  # one at a time
    assert is_retryable(StorageError("locked")) and not is_retryable(DomainRefusal("gone"))
    assert queue.failed(first, retry=True) == 0.5
    assert queue.next() is first and first.attempts == 2  # the same write again
    assert queue.failed(first, retry=True) == 1.0
    assert queue.next() is first
    queue.done(first)
    assert queue.next() is second
    assert queue.failed(second, retry=False) is None
    assert len(queue) == 0


@pytest.mark.parametrize(
    ("error", "retry"),
    [
        (StorageError("database is locked"), True),
        (TimeoutError("timed out"), True),
        (DomainRefusal("session #1 is no longer active"), False),
        (ZeroDivisionError("division by zero"), False),  # a bug: shown once, never retried
        (KeyError("avg_watts"), False),
    ],
)
def test_only_storage_trouble_is_retried(error: Exception, retry: bool) -> None:
    assert is_retryable(error) is retry


def test_an_interval_is_early_until_its_work_phase_ends() -> None:
    timer = IntervalTimer(rounds=2, work_s=30, rest_s=60)
    assert "has not run" in (unfinished_interval(timer, 1, 0.0) or "")
    timer.toggle(100.0)
    assert "has not ended" in (unfinished_interval(timer, 1, 129.0) or "")
    assert unfinished_interval(timer, 1, 130.0) is None
    assert "interval 2" in (unfinished_interval(timer, 2, 150.0) or "")
    assert unfinished_interval(timer, 2, 220.0) is None


def test_a_superset_mark_survives_a_long_name_cut_at_the_list_edge() -> None:
    from flux_cli.tui.workout_model import Item
    from flux_cli.tui.workout_text import item_label

    item = Item("Chest-Supported Dumbbell Row", "strength", "accessory", 3, superset="A1")
    label = item_label(item, 1)
    assert label.plain == "  1/3 A1 Chest-Supported Dumbbell Row"
    # The workout's list shows 26 cells and cuts the rest: the mark is well inside them.
    assert label.plain.index("A1") + len("A1") < 26
