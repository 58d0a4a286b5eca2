"""Timing and memory helpers shared by the benchmarks: medians of repeated runs, peak RSS."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
FLUX = str(Path(sys.executable).with_name("flux"))


def run_child(argv: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Run a process to completion; (wall seconds, peak RSS in KiB). Fails loudly on error."""
    started = time.perf_counter()
    process = subprocess.Popen(
        list(argv), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env or os.environ.copy()
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    stderr = process.stderr.read().decode() if process.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{' '.join(argv)} exited {code}: {stderr.strip()}")
    return elapsed, usage.ru_maxrss


def median_run(argv: Sequence[str], runs: int, env: dict[str, str] | None = None) -> tuple[float, int]:
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
    return f"{label:<44} {value:10.1f} {unit:<3} baseline {baseline:10.1f} {unit:<3} ratio {ratio:5.2f}  ({target})"
