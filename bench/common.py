"""Timing and memory helpers shared by the benchmarks: medians of repeated runs, peak RSS."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
FLUX = str(Path(sys.executable).with_name("flux"))


# A minimal launcher: a forked or spawned child inherits the memory high-water mark of
# whoever started it, so children are started by this small process, not by the benchmark.
_LAUNCHER = """
import os, sys, time
start = time.perf_counter()
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ,
                     file_actions=[(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)])
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
print(os.waitstatus_to_exitcode(status), elapsed, usage.ru_maxrss)
"""


def run_child(argv: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Run a process to completion; (wall seconds, its peak RSS in KiB, launcher included)."""
    program = shutil.which(argv[0]) or argv[0]
    done = subprocess.run(
        [PYTHON, "-I", "-S", "-c", _LAUNCHER, program, *argv[1:]],
        capture_output=True,
        text=True,
        env=env or os.environ.copy(),
        check=False,
    )
    try:
        code_text, elapsed_text, rss_text = done.stdout.split()
    except ValueError:
        raise SystemExit(f"launcher failed: {done.stderr.strip()}") from None
    if int(code_text) != 0:
        raise SystemExit(f"{' '.join(argv)} exited {code_text}: {done.stderr.strip()}")
    return float(elapsed_text), int(rss_text)


def median_runs(
    commands: dict[str, Sequence[str]], runs: int, env: dict[str, str] | None = None
) -> dict[str, tuple[float, int]]:
    """(median seconds, max peak RSS KiB) per command, after one warm-up each.

    The commands take turns round by round, so load from elsewhere on the machine falls on
    the subject and its baseline alike.
    """
    for argv in commands.values():
        run_child(argv, env)
    samples: dict[str, list[tuple[float, int]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            samples[name].append(run_child(argv, env))
    return {
        name: (statistics.median(t for t, _ in got), max(rss for _, rss in got))
        for name, got in samples.items()
    }


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


def fixed_table_rules(directory: Path) -> Path:
    """The shipped rules with composition off (the rules' fixed tables), written in `directory`."""
    shipped = (ROOT / "config" / "program_config.yaml").read_text(encoding="utf-8")
    assert "\n  enabled: true\n" in shipped
    path = directory / "fixed-table.yaml"
    path.write_text(shipped.replace("\n  enabled: true\n", "\n  enabled: false\n"))
    return path
