"""Where flux keeps things: the one module that knows about directories.

`FLUX_HOME` is a directory path, never a URL: every character of it is kept (`?`, `%`, `#`),
`~` is expanded and a relative path is made absolute, so the database is always where
`flux paths` says. A value that cannot name a usable directory is refused (exit 3) with
the path and the fix, before anything is written.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from flux_cli.errors import StorageError

PACKAGE_DIR = Path(__file__).resolve().parent
_SOURCE_ROOT = PACKAGE_DIR.parent
DATABASE_FILE = "flux.db"
# POSIX limits where the system does not say (Linux: PATH_MAX 4096, NAME_MAX 255 bytes).
_PATH_MAX = 4096
_NAME_MAX = 255
_HOME_HINT = "set FLUX_HOME to a directory you can write (it is created if missing), or unset it"


def _limit(name: str, default: int) -> int:
    try:
        return int(os.pathconf("/", name))
    except (OSError, ValueError, AttributeError):
        return default


def _shown(path: str) -> str:
    """A path for a message: control characters escaped, at most 200 characters."""
    text = path.encode("unicode_escape", "backslashreplace").decode("ascii")
    return text if len(text) <= 200 else f"{text[:120]}…{text[-60:]} ({len(path)} characters)"


def data_dir() -> Path:
    """The directory holding flux.db: `FLUX_HOME` if set, else the platform data dir."""
    home = os.environ.get("FLUX_HOME")
    if home is None:
        import platformdirs

        return platformdirs.user_data_path("flux")
    return _checked_home(home)


def _checked_home(home: str) -> Path:
    if not home.strip():
        raise StorageError("FLUX_HOME is set but empty", hint=_HOME_HINT)
    if "\0" in home:
        raise StorageError(f"FLUX_HOME contains a NUL character: {_shown(home)}", hint=_HOME_HINT)
    try:
        path = Path(home).expanduser().absolute()
    except (RuntimeError, OSError):  # `~nobody`, or no current directory
        raise StorageError(
            f"FLUX_HOME cannot be resolved: {_shown(home)}", hint=_HOME_HINT
        ) from None
    encoded = os.fsencode(str(path / DATABASE_FILE))
    if len(encoded) >= _limit("PC_PATH_MAX", _PATH_MAX):
        raise StorageError(
            f"FLUX_HOME is too long for this system ({len(encoded)} bytes with flux.db, "
            f"the limit is {_limit('PC_PATH_MAX', _PATH_MAX) - 1}): {_shown(home)}",
            hint=_HOME_HINT,
        )
    longest = max((len(os.fsencode(part)) for part in path.parts), default=0)
    if longest > _limit("PC_NAME_MAX", _NAME_MAX):
        raise StorageError(
            f"FLUX_HOME has a path component longer than the system allows "
            f"({longest} bytes): {_shown(home)}",
            hint=_HOME_HINT,
        )
    return path


def default_sqlite_path() -> Path:
    return data_dir() / DATABASE_FILE


def ensure_data_dir() -> Path:
    """The data directory, created if missing; a clean StorageError if it cannot be used."""
    directory = data_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        pass  # a file in its place: reported below
    except OSError as error:
        raise StorageError(
            f"cannot create the data directory {_shown(str(directory))}: {_reason(error)}",
            hint=_HOME_HINT,
        ) from None
    if not directory.is_dir():
        raise StorageError(
            f"the data directory {_shown(str(directory))} is not a directory", hint=_HOME_HINT
        )
    if not os.access(directory, os.W_OK | os.X_OK):
        raise StorageError(
            f"the data directory {_shown(str(directory))} is not writable", hint=_HOME_HINT
        )
    database = directory / DATABASE_FILE
    if database.exists() and not database.is_file():
        raise StorageError(
            f"{_shown(str(database))} is not a regular file",
            hint="move it away, or set FLUX_HOME to another directory",
        )
    return directory


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOTDIR:
        return "a part of the path is a file, not a directory"
    return error.strerror or type(error).__name__


def _shipped(installed: str, source: str) -> Path:
    """A data file inside the installed wheel, or its place in a source checkout."""
    inside = PACKAGE_DIR / installed
    return inside if inside.exists() else _SOURCE_ROOT / source


def default_rules_path() -> Path:
    return _shipped("_data/program_config.yaml", "config/program_config.yaml")


def migrations_dir() -> Path:
    return _shipped("_migrations", "migrations")


def builtin_catalog_path() -> Path:
    return PACKAGE_DIR / "data" / "exercises.yaml"
