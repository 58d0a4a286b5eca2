"""The dashboard over two years of history: launch to Today's first interactive frame, and
key press to set committed and screen updated.

Targets: launch ≤ 1.5 s (printed beside a bare Textual app's start in the same run);
Enter → set in the database and on screen ≤ 50 ms (beside the bare service call).

Launch runs the installed `flux dashboard` on a 100×30 pseudo-terminal, as a user starts it,
and times spawn → the frame arriving on the terminal; the bare Textual app is timed the same
way. Key presses run in process (Pilot), where the handler's end can be observed exactly.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import fcntl
import os
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from common import FLUX, PYTHON, row
from generate import create_database, fill

if TYPE_CHECKING:  # textual is imported inside the timed functions
    from textual.pilot import Pilot

HERE = Path(__file__).resolve()
SIZE = (100, 30)

# What each launch waits for on the terminal: the bare app's only line; Today's layout
# (its first frame, drawn before the data arrive); the readiness line, drawn with the data.
MARKERS = {"bare": b"hello", "flux": b"Pattern debt", "flux-data": b"readiness: "}


# ---------------------------------------------------------------------------- launches


def child_bare() -> None:
    """A bare Textual app with a header, a line of text and a footer."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("hello")
            yield Footer()

    Bare().run()


def launch_once(argv: list[str], marker: bytes, env: dict[str, str]) -> float:
    """Seconds from spawning `argv` on a fresh pty until `marker` is drawn; then ctrl+q."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    started = time.perf_counter()
    process = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    output = bytearray()
    deadline = started + 60
    try:
        while marker not in output:
            if time.perf_counter() > deadline:
                raise SystemExit(f"{argv} never drew {marker!r}:\n{bytes(output[-2000:])!r}")
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                output += os.read(master, 65536)
        elapsed = time.perf_counter() - started
        os.write(master, b"\x11")  # ctrl+q: a clean exit, outside the timed span
        while process.poll() is None and time.perf_counter() < deadline:
            if select.select([master], [], [], 0.1)[0]:
                try:
                    os.read(master, 65536)
                except OSError:
                    break
        process.wait(timeout=max(deadline - time.perf_counter(), 1))
        return elapsed
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        os.close(master)


def launches(runs: int, env: dict[str, str]) -> dict[str, float]:
    """Median seconds to each kind's marker; the kinds take turns, round 0 warms caches."""
    commands = {
        "bare": [PYTHON, str(HERE), "--child", "bare"],
        "flux": [FLUX, "dashboard"],
        "flux-data": [FLUX, "dashboard"],
    }
    samples: dict[str, list[float]] = {kind: [] for kind in commands}
    for round_number in range(runs + 1):
        for kind, argv in commands.items():
            elapsed = launch_once(argv, MARKERS[kind], env)
            if round_number:
                samples[kind].append(elapsed)
    return {kind: statistics.median(values) for kind, values in samples.items()}


# ---------------------------------------------------------------------------- in process


async def _timed_presses(
    pilot: Pilot[Any], done: Callable[[int], bool], presses: int
) -> list[float]:
    """Seconds from posting Enter to `done(count)` holding, i.e. its handler has run."""
    samples = []
    for count in range(1, presses + 1):
        started = time.perf_counter()
        press = asyncio.create_task(pilot.press("enter"))
        while not done(count):
            await asyncio.sleep(0.001)
        samples.append(time.perf_counter() - started)
        await press
    return samples


async def _until(condition: Callable[[], bool], what: str, app: Any) -> None:
    """Wait for `condition`; a bench that would wait forever stops and says on what."""
    deadline = time.perf_counter() + 30
    while not condition():
        if time.perf_counter() > deadline:
            raise SystemExit(f"bench_tui: gave up waiting for {what} on {app.screen!r}")
        await asyncio.sleep(0.001)


async def _log_item_sets(pilot: Pilot[Any], app: Any, screen: Any, sets: int) -> list[float]:
    """Enter through `sets` sets of the current item; returns the directly committed ones' times.

    An interval logged before its timer ran asks first (by design): that press is answered
    and not timed, since a person reading a question is not the commit's latency.
    """
    from flux_cli.tui.screens.modals import ConfirmScreen

    samples = []
    for _ in range(sets):
        count = len(screen.sets) + 1
        started = time.perf_counter()
        press = asyncio.create_task(pilot.press("enter"))

        def answered(n: int = count) -> bool:  # bind this press's count now
            return len(screen.sets) >= n or isinstance(app.screen, ConfirmScreen)

        def stored(n: int = count) -> bool:
            return len(screen.sets) >= n

        await _until(answered, "a set or a question", app)
        elapsed = time.perf_counter() - started
        await press
        if isinstance(app.screen, ConfirmScreen):
            await pilot.press("y")
            await _until(stored, "the confirmed set", app)
            continue
        samples.append(elapsed)
    return samples


async def key_to_commit(rounds: int) -> list[float]:
    """Enter through whole workouts of today's plan until each set is stored and shown."""
    from flux_cli.services import Context
    from flux_cli.tui.app import make_app
    from flux_cli.tui.screens.modals import ConfirmScreen
    from flux_cli.tui.screens.today import TodayScreen
    from flux_cli.tui.screens.workout import WorkoutScreen

    app = make_app(Context())
    samples: list[float] = []
    plan_name = "?"
    async with app.run_test(size=(100, 30)) as pilot:
        await _until(
            lambda: isinstance(app.screen, TodayScreen) and app.screen.data is not None,
            "Today's data",
            app,
        )
        await pilot.press("w")
        screen = app.screen
        assert isinstance(screen, WorkoutScreen)
        for _ in range(rounds):
            await _until(lambda: screen.plan_today is not None, "today's plan", app)
            await pilot.press("enter")
            await _until(lambda: screen.view is not None, "the started session", app)
            assert screen.view is not None
            plan_name = screen.view.session.session_name or "?"
            for item in list(screen.items):
                # Enter logs the prefilled target; the screen moves on to the next item itself.
                samples += await _log_item_sets(pilot, app, screen, item.target_sets)
            await pilot.press("escape", "x")  # Esc: the entry field keeps letters
            await _until(lambda: isinstance(app.screen, ConfirmScreen), "abandon's question", app)
            await pilot.press("y")
            await _until(lambda: isinstance(app.screen, TodayScreen), "Today", app)
            await pilot.press("w")
            await _until(lambda: not screen.busy and screen.view is None, "the workout reset", app)
    print(f"key presses: {rounds} × {plan_name}, {len(samples)} committed without a question")
    return samples


async def key_to_update_bare(presses: int) -> list[float]:
    """The same measure on a bare Textual app whose Enter only updates a line of text."""
    from textual.app import App, ComposeResult
    from textual.binding import BindingType
    from textual.widgets import Footer, Static

    class Bare(App[None]):
        BINDINGS: ClassVar[list[BindingType]] = [("enter", "count", "Count")]
        count = 0

        def compose(self) -> ComposeResult:
            yield Static("0", id="count")
            yield Footer()

        def action_count(self) -> None:
            self.count += 1
            self.query_one("#count", Static).update(str(self.count))

    app = Bare()
    async with app.run_test(size=(100, 30)) as pilot:
        return await _timed_presses(pilot, lambda count: app.count >= count, presses)


def service_call(presses: int) -> list[float]:
    """The bare commit: `services.workout.log_set` alone, the floor under a key press."""
    from flux_cli import services
    from flux_cli.services.workout import log_set

    ctx = services.Context()
    session_id = services.start_session(ctx, dt.date.today()).session.id
    samples = []
    for _ in range(presses):
        started = time.perf_counter()
        log_set(ctx, session_id, "Back Squat", weight_kg=100.0, reps=5)
        samples.append(time.perf_counter() - started)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=5, help="whole workouts, start to abandon")
    parser.add_argument("--child", choices=("bare",))
    args = parser.parse_args()
    if args.child == "bare":
        child_bare()
        return

    today = dt.date.today()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        db_path = create_database(home)  # sets FLUX_HOME for this process too
        sets = fill(db_path, sessions=300, sets_per_session=20, end=today - dt.timedelta(days=1))
        from flux_cli import services

        services.checkin(services.Context(), {"knee_pain": "2", "energy": "7"}, today)
        env = {**os.environ, "FLUX_HOME": str(home), "TERM": "xterm-256color"}
        for name in ("PYTHONDONTWRITEBYTECODE", "FLUX_DATABASE_URL", "NO_COLOR", "TEXTUAL"):
            env.pop(name, None)  # cache bytecode as an installed flux does; default colours
        figures = launches(args.runs, env)
        presses = asyncio.run(key_to_commit(args.rounds))
        bare_presses = asyncio.run(key_to_update_bare(len(presses)))
        floor = service_call(len(presses))

    bare, flux, flux_data = figures["bare"], figures["flux"], figures["flux-data"]
    print(f"flux dashboard over 300 sessions / {sets} sets, on a 100×30 pty")
    print(f"launch: median of {args.runs} runs; key press: median of {len(presses)} presses")
    print(
        row(
            "launch → Today's first interactive frame",
            flux * 1000,
            bare * 1000,
            "ms",
            f"target ≤ 1500 ms: {'met' if flux <= 1.5 else 'MISSED'}",
        )
    )
    print(
        row(
            "launch → Today drawn with its data",
            flux_data * 1000,
            bare * 1000,
            "ms",
            "printed beside the same baseline",
        )
    )
    press = statistics.median(presses)
    print(
        row(
            "Enter → set committed and shown vs bare Textual",
            press * 1000,
            statistics.median(bare_presses) * 1000,
            "ms",
            f"target ≤ 50 ms: {'met' if press <= 0.05 else 'MISSED'}",
        )
    )
    print(
        row(
            "Enter → set committed and shown vs log_set alone",
            press * 1000,
            statistics.median(floor) * 1000,
            "ms",
            "the commit's own floor",
        )
    )
    print(f"  key press p90 {sorted(presses)[int(0.9 * len(presses))] * 1000:.1f} ms")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    main()
