"""`flux --help` against a bare Typer app with a dozen commands (target: ≤ 1.25×)."""

from __future__ import annotations

import argparse

from common import FLUX, PYTHON, ROOT, median_runs, row


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    figures = median_runs(
        {
            "bare": [PYTHON, str(ROOT / "bench/bare_typer_app.py"), "--help"],
            "flux": [FLUX, "--help"],
        },
        runs,
    )
    bare, flux = figures["bare"][0], figures["flux"][0]
    print(f"flux --help, median of {runs} runs")
    print(
        row("flux --help vs bare Typer app --help", flux * 1000, bare * 1000, "ms", "target ≤ 1.25")
    )


if __name__ == "__main__":
    main()
