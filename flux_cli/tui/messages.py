"""Messages that worker threads post; only handlers on the UI thread act on them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from flux_cli.engine.rules import ReadinessInput
    from flux_cli.engine.types import Plan
    from flux_cli.services import CheckinResult
    from flux_cli.services.body import SorenessForm, TrendsView
    from flux_cli.services.workout import Dashboard, WorkoutView
    from flux_cli.storage.records import ExerciseRecord, SessionRecord, SessionWithSets
    from flux_cli.tui.writes import Write


@dataclass
class DashboardLoaded(Message):
    """Today's data; `next_plan` is tomorrow's plan once today's session is done."""

    data: Dashboard
    next_plan: Plan | None = None


@dataclass
class WorkoutLoaded(Message):
    """The active session, or None with today's plan (None too when not checked in).

    `done` is the day's completed session when there is no active one.
    """

    view: WorkoutView | None
    plan: Plan | None = None
    done: SessionRecord | None = None


@dataclass
class InputsLoaded(Message):
    declared: dict[str, ReadinessInput]
    soreness: SorenessForm | None = None


@dataclass
class CheckinSaved(Message):
    result: CheckinResult


@dataclass
class TrendsLoaded(Message):
    """Load trends for the Trends screen."""

    view: TrendsView


@dataclass
class HistoryLoaded(Message):
    sessions: list[SessionWithSets]
    exercise: str | None
    trend: list[Any]


@dataclass
class ExercisesLoaded(Message):
    """The exercises the profile has logged, most sets first."""

    names: list[str]


@dataclass
class CatalogueLoaded(Message):
    """Every exercise the athlete may log, for picking one outside the plan."""

    exercises: list[ExerciseRecord]


@dataclass
class Swapped(Message):
    """An exercise was swapped for the next best in its slot; `view` is the session after."""

    swapped_out: str
    swapped_in: str
    slot: str
    view: WorkoutView | None
    refused: str | None = None  # why nothing was swapped, in the error's words


@dataclass
class ServiceFailed(Message):
    """A read failed; `what` says which, `error` is the exception to show."""

    what: str
    error: Exception


@dataclass
class WriteDone(Message):
    write: Write
    result: Any


@dataclass
class WriteFailed(Message):
    write: Write
    error: Exception
    retry: bool
