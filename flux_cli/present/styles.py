"""Colours for states and progression outcomes (Rich style strings, shared by CLI and TUI)."""

from __future__ import annotations

STATE_STYLES = {
    "RED": "bold white on red",
    "ORANGE": "bold black on dark_orange",
    "GREEN": "bold black on green",
}
STATE_COLOURS = {"RED": "red", "ORANGE": "darkorange", "GREEN": "green"}
OUTCOME_STYLES = {"up": "bold green", "hold": "yellow", "down": "bold red"}
