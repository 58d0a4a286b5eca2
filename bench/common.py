"""Timing and memory helpers shared by the benchmarks: medians of repeated runs, peak RSS."""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
FLUX = str(Path(sys.executable).with_name("flux"))


def run_child(argv: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Run a process to completion; (wall seconds, its own peak RSS in KiB).

    posix_spawn, not fork: a forked child's peak RSS would include this process's pages.
    """
    with tempfile.TemporaryFile() as errors:
        actions = [
            (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
            (os.POSIX_SPAWN_DUP2, errors.fileno(), 2),
        ]
        started = time.perf_counter()
        pid = os.posix_spawn(
            shutil.which(argv[0]) or argv[0],
            list(argv),
            env or os.environ.copy(),
            file_actions=actions,
        )
        _, status, usage = os.wait4(pid, 0)
        elapsed = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(argv)} exited {code}: {errors.read().decode().strip()}")
    return elapsed, usage.ru_maxrss


def median_run(
    argv: Sequence[str], runs: int, env: dict[str, str] | None = None
) -> tuple[float, int]:
    """(median seconds, max peak RSS KiB) over `runs` runs after one warm-up run."""
    run_child(argv, env)
    samples = [run_child(argv, env) for _ in range(runs)]
    return statistics.median(t for t, _ in samples), max(rss for _, rss in samples)


def median_call(function: Callable[[], object], runs: int) -> float:
    function()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def row(label: str, value: float, baseline: float, unit: str, target: str) -> str:
    ratio = value / baseline if baseline else float("inf")
    figures = f"{value:10.1f} {unit:<3} baseline {baseline:10.1f} {unit:<3} ratio {ratio:5.2f}"
    return f"{label:<44} {figures}  ({target})"
