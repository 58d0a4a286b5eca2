"""`flux dashboard` in a real pty: SIGKILL loses no logged set, and the next start resumes."""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import re
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from flux_cli import services
from flux_cli.errors import DomainRefusal

pytestmark = pytest.mark.slow

FLUX = Path(sys.executable).with_name("flux")
ANSI = re.compile(
    rb"\x1b(\[[0-9;?<>=$]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)"
)


class Terminal:
    """One `flux dashboard` process on a 100×30 pty; what it drew is kept as plain text."""

    def __init__(self, home: Path) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        env = {**os.environ, "FLUX_HOME": str(home), "TERM": "xterm-256color"}
        for name in ("FLUX_DATABASE_URL", "NO_COLOR", "TEXTUAL", "PYTHONDONTWRITEBYTECODE"):
            env.pop(name, None)
        self.process = subprocess.Popen(
            [str(FLUX), "dashboard"],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.master = master
        self.output = bytearray()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output += chunk

    @property
    def text(self) -> str:
        return ANSI.sub(b"", bytes(self.output)).decode("utf-8", "replace")

    def type(self, keys: str) -> None:
        for key in keys:
            os.write(self.master, key.encode())
            time.sleep(0.05)

    def press_until(self, key: str, text: str, tries: int = 5) -> None:
        """Press `key` until `text` shows (a key sent while the app still starts may be lost)."""
        for _ in range(tries - 1):
            self.type(key)
            try:
                self.wait_text(text, timeout=3.0)
                return
            except AssertionError:
                continue
        self.type(key)
        self.wait_text(text)

    def wait_text(self, text: str, timeout: float = 30.0) -> None:
        wait(
            lambda: text in self.text,
            timeout,
            lambda: f"'{text}' never shown:\n{self.text[-3000:]}",
        )

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        os.close(self.master)


def wait(condition: Callable[[], object], timeout: float, why: Callable[[], str]) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(why())
        time.sleep(0.05)


def sets_logged(ctx: services.Context) -> list[tuple[int, str, float | None, int | None]]:
    try:
        view = services.show_session(ctx)
    except DomainRefusal:
        return []
    return [(view.session.id, row.exercise, row.weight_kg, row.reps) for row in view.sets]


def test_sigkill_loses_no_set_and_the_next_start_resumes(tmp_path: Path, fixed_table: Path) -> None:
    ctx = services.Context(config_path=fixed_table)
    services.checkin(ctx, {"knee_pain": "1", "energy": "8"}, dt.date.today())

    first = Terminal(tmp_path)
    try:
        first.wait_text("Check-in")
        first.press_until("w", "Press Enter to start")
        first.type("\r")
        first.wait_text("0/5 Back Squat")
        first.type("100\t5\r\r")
        wait(lambda: len(sets_logged(ctx)) == 2, 20, lambda: first.text[-3000:])
    finally:
        first.kill()
    assert first.process.returncode == -signal.SIGKILL
    logged = sets_logged(ctx)
    assert [row[1:] for row in logged] == [("Back Squat", 100.0, 5)] * 2, first.text[-4000:]

    second = Terminal(tmp_path)
    try:
        second.wait_text("2/5 Back Squat")  # straight back into the workout
        second.type("\r")  # weight and reps are prefilled from the last set
        wait(lambda: len(sets_logged(ctx)) == 3, 20, lambda: second.text[-3000:])
        second.type("\x11")  # ctrl+q
        second.process.wait(timeout=20)
        assert second.process.returncode == 0
    finally:
        if second.process.poll() is None:
            second.kill()
    assert sets_logged(ctx) == [(logged[0][0], "Back Squat", 100.0, 5)] * 3
