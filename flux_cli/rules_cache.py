"""Validated rules kept between commands, so a command does not validate the same text again.

Validating the rules builds every rules model's validator (about forty pydantic models): a
tenth of a `flux plan`. The validated `Rules` is kept as a pickle in the flux home's `cache`
directory, named by a SHA-256 of the rules text, of the Python and pydantic versions and of the
source of the modules that read rules (the engine and `rules_file`), so a changed model or
validator never reads a file written before the change.

A pickle runs code when it is loaded, so only a regular file that this user owns and nobody
else can write, in a directory nobody else can write, is read: the trust flux already gives
to its own installation and bytecode. Anything else about the cache — missing, foreign,
unreadable, corrupt, written by another version, a home that cannot be written — means the
text is validated again; a cache never makes a command fail.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flux_cli.engine.rules import Rules

CACHE_FORMAT = b"flux-rules-cache 1"
KEEP = 8  # cached rule texts kept; older ones are removed when a new one is written
_PACKAGE = Path(__file__).resolve().parent


def cached_rules(text: str) -> Rules | None:
    """The rules validated earlier from exactly `text` by this code, or None."""
    path = _entry(text)
    if path is None:
        return None
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        with os.fdopen(descriptor, "rb") as handle:
            if not _private(os.fstat(handle.fileno()), directory=False):
                return None
            rules = pickle.load(handle)
    except Exception:  # a damaged cache is a miss, never an error
        return None
    from flux_cli.engine.rules import Rules

    return rules if isinstance(rules, Rules) else None


def store_rules(text: str, rules: Rules) -> None:
    """Keep `rules`, validated from `text`, for the next command (silently skipped if it cannot)."""
    path = _entry(text, create=True)
    if path is None:
        return
    try:
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=".rules-", suffix=".partial", delete=False
        ) as handle:
            partial = Path(handle.name)
            try:
                pickle.dump(rules, handle, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                partial.unlink()
                raise
        partial.replace(path)
        _prune(path.parent)
    except Exception:  # a cache that cannot be written is no cache
        return


def _entry(text: str, *, create: bool = False) -> Path | None:
    """The cache file for `text`, in a directory only this user can write; None if none."""
    key = _code_key()
    if key is None:
        return None
    try:
        from flux_cli import paths

        directory = paths.data_dir() / "cache"
        if create:
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(directory.lstat(), directory=True):
            return None
    except Exception:  # no usable home: no cache
        return None
    digest = hashlib.sha256(key + text.encode("utf-8", "surrogatepass")).hexdigest()
    return directory / f"rules-{digest}.pickle"


def _private(status: os.stat_result, *, directory: bool) -> bool:
    """Owned by this user, writable by nobody else, and the kind of file expected."""
    kind = stat.S_ISDIR if directory else stat.S_ISREG
    return (
        kind(status.st_mode)
        and status.st_uid == os.geteuid()
        and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


@cache
def _code_key() -> bytes | None:
    """A digest of everything that decides what validating a text gives; None without sources."""
    import pydantic

    digest = hashlib.sha256(CACHE_FORMAT)
    digest.update(f"{sys.version}|{pydantic.VERSION}".encode())
    sources = [_PACKAGE / "rules_file.py", _PACKAGE / "errors.py"]
    sources += sorted((_PACKAGE / "engine").rglob("*.py"))
    try:
        for source in sources:
            digest.update(source.relative_to(_PACKAGE).as_posix().encode())
            digest.update(source.read_bytes())
    except OSError:
        return None
    return digest.digest()


def _prune(directory: Path) -> None:
    """Keep the `KEEP` newest cached rule texts."""
    entries = sorted(
        directory.glob("rules-*.pickle"), key=lambda entry: entry.stat().st_mtime, reverse=True
    )
    for stale in entries[KEEP:]:
        stale.unlink(missing_ok=True)
