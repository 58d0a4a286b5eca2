"""`flux import`: read other apps' exports (and flux's own) into one profile's history.

The whole import, every file, is one transaction: a malformed row refuses it all (unless
`skip_invalid`), a dry run rolls it back, and a killed process leaves nothing behind.
Files are streamed and written in batches. A workout or activity is identified by
(profile, source, external id), so importing the same or an overlapping export again adds
only what is new; a workout already stored is skipped whole, even if the later export
holds more of its sets. Exact duplicate rows inside one workout are kept: Strong and Hevy
write them for real repeated sets.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from flux_cli.errors import InputError
from flux_cli.services.base import load_rules, sql_unit_of_work

if TYPE_CHECKING:
    from flux_cli.imports.records import Units
    from flux_cli.services.base import Context
    from flux_cli.services.import_writer import ImportWriter

PROGRESS_EVERY = 200  # records between progress reports


@dataclass(frozen=True, slots=True)
class ImportSource:
    """One input: a file, or a binary stream such as stdin (`path` None)."""

    name: str
    path: Path | None = None
    stream: IO[bytes] | None = None

    @classmethod
    def from_argument(cls, argument: str, stdin: IO[bytes]) -> ImportSource:
        """`-` is stdin; anything else a file path."""
        if argument == "-":
            return cls(name="<stdin>", stream=stdin)
        return cls(name=argument, path=Path(argument))

    @property
    def size(self) -> int | None:
        """The file's size in bytes (None for a stream)."""
        return self.path.stat().st_size if self.path is not None else None

    def open(self) -> IO[bytes]:
        if self.path is not None:
            return self.path.open("rb")
        assert self.stream is not None
        return self.stream


Progress = Callable[[ImportSource, int], None]
"""Told how many bytes of a source have been read so far."""


@dataclass(frozen=True, slots=True)
class SkippedRow:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file} line {self.line}: {self.reason}"


@dataclass(slots=True)
class FileReport:
    """What one file added."""

    name: str
    format: str = ""
    workouts_added: int = 0
    sets_added: int = 0
    activities_added: int = 0
    duplicates_skipped: int = 0
    rows_skipped: int = 0


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import added (or, in a dry run, would add)."""

    dry_run: bool
    files: tuple[FileReport, ...]
    custom_exercises: tuple[str, ...]
    skipped_rows: tuple[SkippedRow, ...] = field(default=())
    # Activity types the rules' load section does not map: without power, heart rate or
    # Relative Effort their load comes from its default RPE (issue 11).
    unmapped_activity_types: tuple[str, ...] = ()

    @property
    def workouts_added(self) -> int:
        return sum(item.workouts_added for item in self.files)

    @property
    def sets_added(self) -> int:
        return sum(item.sets_added for item in self.files)

    @property
    def activities_added(self) -> int:
        return sum(item.activities_added for item in self.files)

    @property
    def duplicates_skipped(self) -> int:
        return sum(item.duplicates_skipped for item in self.files)


def parse_zone(name: str | None) -> dt.tzinfo | None:
    """A time zone from an IANA name (`Europe/Berlin`) or `UTC`; None stays None."""
    if name is None:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(
            f"unknown time zone {name!r}", hint="use an IANA name, e.g. Europe/Berlin or UTC"
        ) from None


def check_sources(sources: Sequence[ImportSource]) -> None:
    """Refuse missing files and directories before anything is read."""
    if not sources:
        raise InputError("no files to import", hint="give one or more files, or - for stdin")
    for source in sources:
        reason = _unreadable(source.path) if source.path is not None else None
        if reason is not None:
            raise InputError(f"{source.name}: {reason}", hint="give the export's file path")
    if sum(source.path is None for source in sources) > 1:
        raise InputError("stdin (-) can be read only once")


def _unreadable(path: Path) -> str | None:
    """Why `path` cannot be imported, or None: regular files, FIFOs and devices are read."""
    import os
    import stat

    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "does not exist"
    except OSError as error:
        return f"cannot be read ({error.strerror or type(error).__name__})"
    if stat.S_ISDIR(mode):
        return "is a directory"
    if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        return "is not a file (a socket or block device)"
    if not os.access(path, os.R_OK):
        return "cannot be read (permission denied)"
    return None


def import_files(
    ctx: Context,
    sources: Sequence[ImportSource],
    *,
    fmt: str | None = None,
    units: Units | None = None,
    tz: str | None = None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import every source into the profile in one transaction; see the module docstring.

    `units` defaults to the profile's unit setting (for files that do not say).
    """
    from flux_cli.imports import import_format
    from flux_cli.services.import_writer import ImportWriter

    fmt = import_format(fmt) if fmt is not None else None
    zone = parse_zone(tz)
    check_sources(sources)
    with sql_unit_of_work(ctx) as uow:
        writer = ImportWriter(uow, ctx.profile)
        chosen_units: Units = units or ("lb" if writer.settings.get("units") == "lb" else "kg")
        skipped: list[SkippedRow] = []
        files = []
        for source in sources:
            report = FileReport(name=source.name)
            _import_one(
                writer,
                source,
                report,
                skipped,
                fmt=fmt,
                units=chosen_units,
                tz=zone,
                skip_invalid=skip_invalid,
                progress=progress,
            )
            files.append(report)
        writer.flush()
        mapped = load_rules(ctx, uow).rules.load.activity_rpe
        result = ImportReport(
            dry_run=dry_run,
            files=tuple(files),
            custom_exercises=tuple(writer.custom_exercises),
            skipped_rows=tuple(skipped),
            unmapped_activity_types=tuple(sorted(writer.activity_kinds - set(mapped))),
        )
        if dry_run:
            uow.rollback()
        return result


def _import_one(
    writer: ImportWriter,
    source: ImportSource,
    report: FileReport,
    skipped: list[SkippedRow],
    *,
    fmt: str | None,
    units: Units,
    tz: dt.tzinfo | None,
    skip_invalid: bool,
    progress: Progress | None,
) -> None:
    from flux_cli.imports import read_export
    from flux_cli.imports.csvsource import text_stream
    from flux_cli.imports.records import ImportedActivity, ImportedWorkout, RowProblem

    binary = source.open()
    stream = text_stream(binary)
    try:
        parsed = read_export(
            stream, format=fmt, name=source.name, units=units, tz=tz, skip_invalid=skip_invalid
        )
        report.format = parsed.format
        for count, record in enumerate(parsed.records, start=1):
            if isinstance(record, ImportedWorkout):
                if writer.add_workout(record):
                    report.workouts_added += 1
                    report.sets_added += len(record.sets)
                else:
                    report.duplicates_skipped += 1
            elif isinstance(record, ImportedActivity):
                if writer.add_activity(record):
                    report.activities_added += 1
                else:
                    report.duplicates_skipped += 1
            elif isinstance(record, RowProblem):
                report.rows_skipped += 1
                skipped.append(SkippedRow(source.name, record.line, record.reason))
            if progress is not None and count % PROGRESS_EVERY == 0:
                progress(source, _position(binary))
        if progress is not None:
            progress(source, source.size or _position(binary))
    finally:
        if source.path is None:
            stream.detach()  # stdin is not ours to close
        else:
            stream.close()


def _position(binary: IO[bytes]) -> int:
    try:
        return binary.tell()
    except (OSError, ValueError, io.UnsupportedOperation):
        return 0
