"""Run every benchmark and print its figures (they are measurements, not pass/fail tests)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

for script in (
    "bench_startup.py",
    "bench_plan.py",
    "bench_growth.py",
    "bench_e1rm.py",
    "bench_import.py",
    "bench_tui.py",
):
    print(f"== {script}", flush=True)
    subprocess.run([sys.executable, str(HERE / script), *sys.argv[1:]], cwd=HERE, check=True)
