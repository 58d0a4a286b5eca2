"""Keys shared by the screens: moving between Today, Check-in, Workout, History and Trends."""

from __future__ import annotations

from textual.binding import Binding


def navigation(*, show: bool = True) -> list[Binding]:
    """The screen-switching keys; the Workout screen keeps them out of its crowded footer."""
    return [
        Binding("t", "app.mode('today')", "Today", show=show),
        Binding("c", "app.checkin", "Check-in", show=show),
        Binding("w", "app.mode('workout')", "Workout", show=show),
        Binding("h", "app.mode('history')", "History", show=show),
        Binding("l", "app.mode('trends')", "Trends", show=show),  # l: load (t is Today)
    ]
