"""Where the test data lives: the real exports in ../shared (optional) and the project's own
fixtures, which cover every import format and quirk without them."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SAMPLES = REPO_ROOT.parent / "shared" / "data" / "imports"
STRONG_CLASSIC = SAMPLES / "strong" / "breinsp-strong-charts__strong.csv"
STRONG_2025 = SAMPLES / "strong" / "dravenbc-gym-dashboard__strong.csv"
HEVY_KG = SAMPLES / "hevy" / "DaKheera47-strong-statistics__sample_hevy.csv"
HEVY = HEVY_KG
STRAVA = SAMPLES / "strava" / "JoBoSo-Strava-Activity-Map__activities.csv"
# Without ../shared, one placeholder keeps parametrized tests collectable (they skip).
ALL_SAMPLES = sorted(SAMPLES.glob("*/*.csv")) or [SAMPLES / "absent.csv"]

HAVE_SAMPLES = SAMPLES.is_dir()
needs_samples = pytest.mark.skipif(
    not HAVE_SAMPLES,
    reason=f"real exports not found: {SAMPLES} is absent (../shared beside the project); "
    "the project's own fixtures in tests/imports/fixtures cover every format and quirk",
)

FIXTURES = REPO_ROOT / "tests" / "imports" / "fixtures"
FIX_STRONG_CLASSIC = FIXTURES / "strong" / "classic.csv"
FIX_STRONG_2025 = FIXTURES / "strong" / "2025-semicolon.csv"
FIX_STRONG_2026 = FIXTURES / "strong" / "2026-warmups.csv"
FIX_HEVY = FIXTURES / "hevy" / "kg-newest-first.csv"
FIX_HEVY_LBS = FIXTURES / "hevy" / "lbs-miles.csv"
FIX_STRAVA = FIXTURES / "strava" / "activities.csv"
FIX_FLUX_CSV = FIXTURES / "flux" / "export.csv"
FIX_FLUX_JSONL = FIXTURES / "flux" / "export.jsonl"
ALL_FIXTURES = [*sorted(FIXTURES.glob("*/*.csv")), FIX_FLUX_JSONL]
THIRD_PARTY_FIXTURES = sorted(
    path for path in FIXTURES.glob("*/*.csv") if path.parent.name != "flux"
)
LOCALIZED_FIXTURES = {
    FIXTURES / "strong" / f"{language}.csv"
    for language in ("chinese", "french", "german", "spanish")
}
# The fixtures `expected_counts` can count (English Strong headers).
COUNTABLE_FIXTURES = [path for path in THIRD_PARTY_FIXTURES if path not in LOCALIZED_FIXTURES]

STRONG_HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE"
)
