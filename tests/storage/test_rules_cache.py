"""The rules cache: a text validated once is read back as the same rules; nothing else is read.

The cache holds pickles, which run code when loaded: these tests check that a file anyone but
this user could have written is never loaded, and that a damaged cache only costs a re-parse.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from flux_cli import paths, rules_cache
from flux_cli.errors import RulesError
from flux_cli.rules_file import parse_rules, read_rules_text


@pytest.fixture
def text() -> str:
    return read_rules_text(paths.default_rules_path())


def _entries(home: Path) -> list[Path]:
    return sorted((home / "cache").glob("rules-*.pickle"))


class _Marker:
    """A pickle that, when loaded, writes a file: proof that a cache file was executed."""

    def __init__(self, target: Path) -> None:
        self.target = target

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (Path.write_text, (self.target, "loaded"))  # type: ignore[return-value]


def test_a_validated_text_is_read_back_equal_without_validating(
    tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = parse_rules(text, origin="first")
    assert len(_entries(tmp_path)) == 1
    from flux_cli import rules_file

    def no_validation(text: str, origin: str) -> object:
        raise AssertionError("a cached text was validated again")

    monkeypatch.setattr(rules_file, "_validated", no_validation)
    second = parse_rules(text, origin="second")
    assert second.rules == first.rules
    assert second.rules is not first.rules
    assert second.origin == "second"
    # Private state set by validators (parsed conditions) comes back too.
    assert [state.__pydantic_private__ for state in second.rules.states] == [
        state.__pydantic_private__ for state in first.rules.states
    ]
    assert any(
        private
        for state in first.rules.states
        for private in (state.__pydantic_private__ or {}).values()
    )


def test_another_text_is_validated_and_cached_apart(tmp_path: Path, text: str) -> None:
    parse_rules(text, origin="a")
    other = text.replace("version: 1", "version: 1\n# another text", 1)
    assert other != text
    assert parse_rules(other, origin="b").rules == parse_rules(text, origin="a").rules
    assert len(_entries(tmp_path)) == 2


def test_a_bad_text_is_refused_every_time_and_never_cached(tmp_path: Path) -> None:
    for _ in range(2):
        with pytest.raises(RulesError):
            parse_rules("readiness: 3\n", origin="bad.yaml")
    assert _entries(tmp_path) == []


def test_a_damaged_cache_file_is_a_miss_and_is_replaced(tmp_path: Path, text: str) -> None:
    expected = parse_rules(text, origin="a").rules
    (entry,) = _entries(tmp_path)
    for damage in (b"", b"not a pickle", pickle.dumps({"rules": 1}), entry.read_bytes()[:100]):
        entry.write_bytes(damage)
        assert parse_rules(text, origin="a").rules == expected
        assert entry.read_bytes() != damage  # validated again and written back


@pytest.mark.parametrize("mode", [0o620, 0o602, 0o666])
def test_a_file_others_can_write_is_never_loaded(tmp_path: Path, text: str, mode: int) -> None:
    parse_rules(text, origin="a")
    (entry,) = _entries(tmp_path)
    marker = tmp_path / "executed"
    entry.write_bytes(pickle.dumps(_Marker(marker)))
    entry.chmod(mode)
    parse_rules(text, origin="a")
    assert not marker.exists()


def test_a_directory_others_can_write_is_never_read(tmp_path: Path, text: str) -> None:
    parse_rules(text, origin="a")
    (entry,) = _entries(tmp_path)
    marker = tmp_path / "executed"
    entry.write_bytes(pickle.dumps(_Marker(marker)))
    (tmp_path / "cache").chmod(0o777)
    parse_rules(text, origin="a")
    assert not marker.exists()


def test_a_symlink_is_never_followed(tmp_path: Path, text: str) -> None:
    parse_rules(text, origin="a")
    (entry,) = _entries(tmp_path)
    marker = tmp_path / "executed"
    planted = tmp_path / "planted.pickle"
    planted.write_bytes(pickle.dumps(_Marker(marker)))
    planted.chmod(0o600)
    entry.unlink()
    entry.symlink_to(planted)
    parse_rules(text, origin="a")
    assert not marker.exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_a_file_another_user_owns_is_never_loaded(tmp_path: Path, text: str) -> None:
    parse_rules(text, origin="a")
    (entry,) = _entries(tmp_path)
    marker = tmp_path / "executed"
    entry.write_bytes(pickle.dumps(_Marker(marker)))
    os.chown(entry, 65534, 65534)
    parse_rules(text, origin="a")
    assert not marker.exists()


def test_a_file_from_other_code_is_never_read(
    tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file name covers the source that validates: changed code reads nothing old."""
    parse_rules(text, origin="a")
    before = _entries(tmp_path)
    monkeypatch.setattr(rules_cache, "_code_key", lambda: b"changed code")
    parse_rules(text, origin="a")
    after = _entries(tmp_path)
    assert len(after) == 2 and before[0] in after


def test_a_home_that_cannot_be_used_costs_only_the_cache(
    tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("FLUX_HOME", str(blocker))  # a file, not a directory
    assert parse_rules(text, origin="a").rules.version == 1
    monkeypatch.setenv("FLUX_HOME", "")  # refused by paths: still no error from the cache
    assert parse_rules(text, origin="a").rules.version == 1


def test_only_the_newest_texts_are_kept(tmp_path: Path, text: str) -> None:
    for number in range(rules_cache.KEEP + 3):
        parse_rules(f"{text}\n# text {number}\n", origin="a")
    assert len(_entries(tmp_path)) == rules_cache.KEEP
    assert not list((tmp_path / "cache").glob("*.partial"))


def test_the_marker_proves_a_load(tmp_path: Path, text: str) -> None:
    """The control for the tests above: a private file is loaded (so their marker would show)."""
    parse_rules(text, origin="a")
    (entry,) = _entries(tmp_path)
    marker = tmp_path / "executed"
    entry.write_bytes(pickle.dumps(_Marker(marker)))
    entry.chmod(0o600)
    assert parse_rules(text, origin="a").rules.version == 1  # not Rules: validated again
    assert marker.read_text() == "loaded"
