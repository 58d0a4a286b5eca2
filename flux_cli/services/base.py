"""What every use case shares: the `Context`, a unit of work from its store, and the rules,
profile, settings, history and plan they work from.

Only light modules load here at import time; storage, SQLAlchemy and the engine load inside
the functions that need them, so importing `flux_cli.services` stays cheap.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from flux_cli import paths
from flux_cli.profile_names import profile_name
from flux_cli.rules_file import LoadedRules, parse_rules, read_rules_text

if TYPE_CHECKING:
    from flux_cli.engine.types import History, Plan
    from flux_cli.profile_settings import ProfileSettings
    from flux_cli.services.ports import Store, UnitOfWork
    from flux_cli.storage.database import Database
    from flux_cli.storage.records import ExerciseData, ProfileRecord
    from flux_cli.storage.unit_of_work import SqlUnitOfWork


@dataclass(frozen=True, slots=True)
class Context:
    """Who and where: the global options every command shares.

    `store` keeps a database open across use cases (the dashboard, a command that runs
    several); without it each use case opens the database and closes it again.
    """

    profile: str = "default"
    db_url: str | None = None
    config_path: Path | None = None
    store: Store | None = None

    def __post_init__(self) -> None:
        # One spelling per profile whatever the front end: see `flux_cli.profile_names`.
        object.__setattr__(self, "profile", profile_name(self.profile))


class DatabaseStore:
    """Units of work on one database, opened on first use and kept open until `close`."""

    def __init__(self, db_url: str | None) -> None:
        self._db_url = db_url
        self._database: Database | None = None
        self._lock = threading.Lock()

    @property
    def database(self) -> Database:
        with self._lock:
            if self._database is None:
                from flux_cli.storage.database import Database

                self._database = Database.open(self._db_url, catalogue=builtin_catalogue)
            return self._database

    @contextmanager
    def unit_of_work(self, *, read_only: bool = False) -> Iterator[UnitOfWork]:
        with self.database.unit_of_work(read_only=read_only) as uow:
            yield uow

    def close(self) -> None:
        with self._lock:
            if self._database is not None:
                self._database.close()
                self._database = None


def keep_open(ctx: Context) -> Context:
    """`ctx` with a store that keeps its database open; end it with `close(ctx)`."""
    if ctx.store is not None:
        return ctx
    return replace(ctx, store=DatabaseStore(ctx.db_url))


def close(ctx: Context) -> None:
    """Close the database `ctx`'s store kept open, if any."""
    if ctx.store is not None:
        ctx.store.close()


def open_database(ctx: Context, *, check_schema: bool = True) -> Database:
    """The database `ctx` names, opened (and, by default, its schema checked)."""
    from flux_cli.storage.database import Database

    return Database.open(ctx.db_url, check_schema=check_schema, catalogue=builtin_catalogue)


def builtin_catalogue() -> list[ExerciseData]:
    """The exercises a blank database is seeded with."""
    from flux_cli import catalog

    return catalog.load_builtin()


@contextmanager
def unit_of_work(ctx: Context, *, read_only: bool = False) -> Iterator[UnitOfWork]:
    """One transaction from `ctx`'s store, or on a database opened for it and closed after."""
    if ctx.store is not None:
        with ctx.store.unit_of_work(read_only=read_only) as uow:
            yield uow
        return
    database = open_database(ctx)
    try:
        with database.unit_of_work(read_only=read_only) as sql_uow:
            yield sql_uow
    finally:
        database.close()


@contextmanager
def sql_unit_of_work(ctx: Context, *, read_only: bool = False) -> Iterator[SqlUnitOfWork]:
    """A unit of work that is always on a database (imports and exports stream through it)."""
    if isinstance(ctx.store, DatabaseStore):
        with ctx.store.database.unit_of_work(read_only=read_only) as uow:
            yield uow
        return
    database = open_database(ctx)
    try:
        with database.unit_of_work(read_only=read_only) as uow:
            yield uow
    finally:
        database.close()


@lru_cache(maxsize=8)
def _parsed(text: str, origin: str) -> LoadedRules:
    """Rules parsed once per text: a dashboard or a check-in asks for them again and again."""
    return parse_rules(text, origin=origin)


def load_rules(ctx: Context, uow: UnitOfWork) -> LoadedRules:
    """The rules in force: --config/FLUX_CONFIG, else the rule set this profile seeded, else
    the default."""
    profile = uow.profiles.find(ctx.profile)
    if ctx.config_path is not None:
        loaded = _read(ctx.config_path)
        _check_exercises(uow, loaded, None if profile is None else profile.id)
        return loaded
    own = None
    if profile is not None and profile.rule_set_id is not None:
        own = uow.rule_sets.get(profile.rule_set_id)
    # A profile that seeded none uses one an earlier flux seeded for the whole database.
    seeded = own or uow.rule_sets.active()
    if seeded is not None:
        return _parsed(seeded.text, f"database rule set #{seeded.id}")
    return _read(paths.default_rules_path())


def _check_exercises(uow: UnitOfWork, loaded: LoadedRules, profile_id: int | None) -> None:
    """Refuse a --config file that prescribes exercises the database does not know (one query)."""
    from flux_cli.rules_file import check_exercises

    known = uow.exercises.resolve_many(loaded.rules.exercise_names(), profile_id=profile_id)
    check_exercises(
        loaded,
        lambda name: name in known,
        "fix the name, or add the exercise to a catalogue and seed it: flux seed --catalog FILE",
    )


def _read(path: Path) -> LoadedRules:
    return _parsed(read_rules_text(path), str(path))


def profile_for_write(uow: UnitOfWork, ctx: Context) -> ProfileRecord:
    """The profile, created on first write."""
    return uow.profiles.get_or_create(ctx.profile)


def known_profile(uow: UnitOfWork, ctx: Context) -> ProfileRecord:
    """The profile for a read: one that does not exist yet has default settings, no history."""
    from flux_cli.storage.records import ProfileRecord

    return uow.profiles.find(ctx.profile) or ProfileRecord(id=0, name=ctx.profile, settings={})


def settings_of(profile: ProfileRecord) -> ProfileSettings:
    """The profile's stored settings, back in the `ProfileSettings` model."""
    from flux_cli.profile_settings import load_settings

    return load_settings(profile.settings)


def history_as_of(
    uow: UnitOfWork, profile: ProfileRecord, loaded: LoadedRules, day: dt.date
) -> History:
    """Everything dated before `day` (the one cutoff rule: see `storage.history`)."""
    return uow.history_as_of(profile.id, day, loaded.rules)


def plan_for(
    uow: UnitOfWork,
    profile: ProfileRecord,
    loaded: LoadedRules,
    inputs: Mapping[str, float],
    day: dt.date,
) -> Plan:
    """The plan for `day` from these readiness inputs and the history as of that day."""
    from flux_cli.engine.planner import build_plan

    facts = settings_of(profile).facts(profile.name)
    history = history_as_of(uow, profile, loaded, day)
    return build_plan(loaded.rules, facts, history, inputs, day)
