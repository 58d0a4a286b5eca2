"""Issue 9 item 13 (and the profile part of item 7): profile names are trimmed, non-empty,
at most 100 characters and printable, checked before storage the same way on SQLite and
PostgreSQL, so `"default "` is `default` and a long name is exit 2, never a traceback.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flux_cli.errors import InputError
from flux_cli.profile_names import MAX_LENGTH, profile_name
from tests.hostile.io_support import Ran, console, invoke

NAMES = st.one_of(
    st.text(max_size=120),  # anything at all: controls, separators, surrogates excluded by str
    st.text(st.characters(categories=("L", "N", "Zs", "Cc", "Cf")), max_size=110),
    st.sampled_from(["", " ", "default ", " default", "\tdefault", "a\nb", "x" * 101, "é"]),
)


def _expected(raw: str) -> str | None:
    """The model of the rule: the stored name, or None when the name is refused."""
    name = unicodedata.normalize("NFC", raw.strip())
    if not name or len(name) > MAX_LENGTH or not name.isprintable():
        return None
    return name


@given(raw=NAMES)
def test_profile_name_follows_the_rule(raw: str) -> None:
    expected = _expected(raw)
    if expected is None:
        with pytest.raises(InputError) as caught:
            profile_name(raw)
        assert caught.value.hint and "1 to 100" in caught.value.hint
        assert "\n" not in caught.value.message and "\x1b" not in caught.value.message
    else:
        assert profile_name(raw) == expected
        assert profile_name(expected) == expected  # idempotent


def _show(raw: str, *, db: str | None = None) -> Ran:
    options = ("--db", db) if db else ()
    return invoke(*options, "--profile", raw, "profile", "set", "units=kg", "--json").clean()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(raw=NAMES.filter(lambda raw: "\x00" not in raw))
def test_every_name_is_stored_as_the_rule_says_or_refused(raw: str) -> None:
    ran = _show(raw)
    expected = _expected(raw)
    if expected is None:
        assert ran.code == 2, ran
        assert "profile name" in ran.stderr
    else:
        assert ran.code == 0, ran
        assert json.loads(ran.stdout)["profile"] == expected


def test_padded_names_are_one_profile() -> None:
    invoke("--profile", "default ", "log", "Back Squat", "100x5", "--date", "2026-11-20").clean()
    history = invoke("--profile", "default", "history", "--json").clean()
    assert history.stdout.count("Back Squat") == 1
    assert invoke("--profile", "", "history").clean().code == 2


def test_environment_and_console_script_give_the_same_answers(tmp_path: Path) -> None:
    ran = console("history", env={"FLUX_PROFILE": "x" * 101}).clean()
    assert ran.code == 2 and "101 characters" in ran.stderr
    ran = console("--profile", "a\x1b[2Jb", "history").clean()
    assert ran.code == 2 and "U+001B" in ran.stderr and "\x1b" not in ran.stderr


@pytest.mark.postgres
@pytest.mark.parametrize("raw", ["x" * 101, "x" * 5000, " ", "tab\there", "rtl\u202eevil"])
def test_postgres_refuses_the_same_names_before_storage(pg_url: str, raw: str) -> None:
    assert invoke("--db", pg_url, "db", "upgrade").clean().code == 0
    ran = _show(raw, db=pg_url)
    assert ran.code == 2, ran
    sqlite = _show(raw)
    assert (sqlite.code, sqlite.stderr) == (ran.code, ran.stderr)


@pytest.mark.postgres
def test_postgres_accepts_the_longest_name(pg_url: str) -> None:
    assert invoke("--db", pg_url, "db", "upgrade").clean().code == 0
    name = "é" * MAX_LENGTH  # 100 characters, 200 bytes
    assert json.loads(_show(name, db=pg_url).stdout)["profile"] == name
