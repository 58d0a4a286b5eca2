"""Writing a command's output to a path (`flux export -o PATH`) without harming what is there.

What the path names decides how it is written:

- a regular file, or nothing yet: the output goes to a fresh temporary file in the same
  directory (`.flux-output-*.partial`, made with O_EXCL) and is renamed over the path only
  once it is complete and on disk, so a failure leaves the old file (or nothing) and no
  partial file behind. A file that is replaced keeps its permission bits;
- a symbolic link is followed to the file it points at, which is replaced as above (the
  link stays a link); a link pointing nowhere is refused;
- a character device (`/dev/null`, a terminal) or a FIFO is written through, never replaced;
- a directory, a block device, a socket, or a path whose directory is missing is refused.

Refusals are bad input (exit 2); failing writes (no space, no permission) are exit 3.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from flux_cli.errors import InputError, StorageError

_PREFIX = ".flux-output-"
_SUFFIX = ".partial"


@dataclass(frozen=True, slots=True)
class _Target:
    path: Path  # where the bytes go: the file itself (links followed)
    stream: bool  # written through (device, FIFO) rather than replaced
    mode: int | None  # permission bits of a regular file being replaced


def _shown(path: Path | str) -> str:
    text = str(path).encode("unicode_escape", "backslashreplace").decode("ascii")
    return text if len(text) <= 200 else f"{text[:120]}…{text[-60:]}"


def _target(path: Path) -> _Target:
    """What writing to `path` means, or an InputError saying why it is refused."""
    given = _shown(path)
    if str(path) == "" or path == Path():
        raise InputError("no output file given", hint="give a file name, e.g. -o history.csv")
    try:
        is_link = path.is_symlink()
        if is_link and not path.exists():
            raise InputError(
                f"{given} is a symbolic link to {_shown(path.readlink())}, which does not exist",
                hint="remove the link or give another file name",
            )
        info = path.stat() if path.exists() else None
    except OSError as error:
        raise _write_error(path, error) from None
    if info is None:
        parent = path.absolute().parent
        if not parent.exists():
            raise InputError(
                f"cannot write {given}: the directory {_shown(parent)} does not exist",
                hint="create it first, or give a file in an existing directory",
            )
        if not parent.is_dir():
            raise InputError(f"cannot write {given}: {_shown(parent)} is not a directory")
        return _Target(path.absolute(), stream=False, mode=None)
    kind = info.st_mode
    if stat.S_ISREG(kind):
        real = Path(os.path.realpath(path)) if is_link else path.absolute()
        return _Target(real, stream=False, mode=stat.S_IMODE(kind))
    if stat.S_ISCHR(kind) or stat.S_ISFIFO(kind):
        return _Target(path, stream=True, mode=None)
    what = (
        "a directory"
        if stat.S_ISDIR(kind)
        else "a block device"
        if stat.S_ISBLK(kind)
        else "a socket"
        if stat.S_ISSOCK(kind)
        else "not a regular file"
    )
    raise InputError(
        f"cannot write {given}: it is {what}",
        hint="give a file name (an existing regular file is replaced), or a FIFO or device",
    )


def _write_error(path: Path, error: OSError) -> StorageError:
    reason = error.strerror or type(error).__name__
    return StorageError(
        f"cannot write {_shown(path)}: {reason}",
        hint="check the space left and the permissions there; nothing was replaced",
    )


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def output_file(path: Path) -> Iterator[TextIO]:
    """A text stream for `path` (UTF-8, `\\n` line ends), committed when the block ends.

    The target is checked before the block runs, so a refused path costs no work.
    """
    target = _target(path)
    if target.stream:
        try:
            with target.path.open("w", encoding="utf-8", newline="") as out:
                yield out
        except OSError as error:
            raise _write_error(path, error) from None
        return
    try:
        handle, name = tempfile.mkstemp(prefix=_PREFIX, suffix=_SUFFIX, dir=target.path.parent)
    except OSError as error:
        raise _write_error(path, error) from None
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        temporary.chmod(target.mode if target.mode is not None else 0o666 & ~_umask())
        _check_unchanged(target)
        temporary.replace(target.path)
    except OSError as error:
        raise _write_error(path, error) from None
    finally:
        temporary.unlink(missing_ok=True)


def _check_unchanged(target: _Target) -> None:
    """Refuse to rename over something that appeared at the path while writing."""
    try:
        info = target.path.lstat()
    except FileNotFoundError:
        return
    if not stat.S_ISREG(info.st_mode):
        raise InputError(
            f"{_shown(target.path)} changed while writing and is no longer a regular file",
            hint="nothing was written; run the command again",
        )
