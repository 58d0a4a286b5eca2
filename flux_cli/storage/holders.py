"""Which other processes have a SQLite database open: named when the database stays locked.

Linux only (it reads `/proc/PID/fd`); elsewhere, or for processes of other users, it finds
nothing and the message says so. Bounded: at most `_MAX_PROCESSES` processes are looked at.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

_MAX_PROCESSES = 5000
_MAX_SHOWN = 3


@dataclass(frozen=True, slots=True)
class Holder:
    pid: int
    command: str


def holders(database: str) -> list[Holder]:
    """Other processes with `database` (or its -wal/-shm file) open, lowest pid first."""
    try:
        target = os.path.realpath(database)
        pids = sorted(
            int(name) for name in (p.name for p in Path("/proc").iterdir()) if name.isdigit()
        )
    except OSError:
        return []
    names = {target, f"{target}-wal", f"{target}-shm", f"{target}-journal"}
    found: list[Holder] = []
    for pid in pids[:_MAX_PROCESSES]:
        if pid == os.getpid() or not _has_open(pid, names):
            continue
        found.append(Holder(pid, _command(pid)))
    return found


def _has_open(pid: int, names: set[str]) -> bool:
    fds = Path(f"/proc/{pid}/fd")
    try:
        for fd in os.scandir(fds):
            try:
                if str(Path(fd.path).readlink()) in names:
                    return True
            except OSError:
                continue
    except OSError:
        return False
    return False


def _command(pid: int) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "?"
    words = [part.decode("utf-8", "replace") for part in raw.split(b"\0") if part]
    # `python …/flux import x.csv` reads better as `flux import x.csv`.
    for index, word in enumerate(words):
        if Path(word).name == "flux":
            words = ["flux", *words[index + 1 :]]
            break
    text = " ".join(words) or "?"
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return text if len(text) <= 80 else text[:77] + "..."


def describe(database: str) -> str:
    """`held by pid 123 (flux import big.csv)`, or a sentence saying no holder was found."""
    found = holders(database)
    if not found:
        return "no other process holding it could be found"
    shown = ", ".join(f"pid {h.pid} ({h.command})" for h in found[:_MAX_SHOWN])
    more = f" and {len(found) - _MAX_SHOWN} more" if len(found) > _MAX_SHOWN else ""
    return f"held by {shown}{more}"
