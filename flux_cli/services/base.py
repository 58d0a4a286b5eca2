"""What every use case shares: the `Context`, opening the database, one unit of work, and
loading the rules, profile, settings, history and plan they work from.

Only light modules load here at import time; storage, SQLAlchemy and the engine load inside
the functions that need them, so importing `flux_cli.services` stays cheap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from flux_cli import paths
from flux_cli.rules_file import LoadedRules, parse_rules, read_rules_file

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from flux_cli.engine.types import History, Plan
    from flux_cli.profile_settings import ProfileSettings
    from flux_cli.storage.database import Database
    from flux_cli.storage.records import ProfileRecord


@dataclass(frozen=True, slots=True)
class Context:
    """Who and where: the global options every command shares."""

    profile: str = "default"
    db_url: str | None = None
    config_path: Path | None = None


def open_database(ctx: Context, *, check_schema: bool = True) -> Database:
    """The database `ctx` names, opened (and, by default, its schema checked)."""
    from flux_cli.storage.database import Database

    return Database.open(ctx.db_url, check_schema=check_schema)


@contextmanager
def unit_of_work(ctx: Context, *, read_only: bool = False) -> Iterator[Session]:
    """One transaction on a freshly opened database, closed again afterwards."""
    database = open_database(ctx)
    try:
        with database.unit_of_work(read_only=read_only) as session:
            yield session
    finally:
        database.close()


def load_rules(ctx: Context, session: Session) -> LoadedRules:
    """The rules in force: --config/FLUX_CONFIG, else the seeded rule set, else the default."""
    if ctx.config_path is not None:
        return read_rules_file(ctx.config_path)
    from flux_cli.storage.reads import get_active_rule_set

    seeded = get_active_rule_set(session)
    if seeded is not None:
        return parse_rules(seeded.text, origin=f"database rule set #{seeded.id}")
    return read_rules_file(paths.default_rules_path())


def profile_for_write(session: Session, ctx: Context) -> ProfileRecord:
    """The profile, created on first write."""
    from flux_cli.storage import repository as repo

    return repo.get_or_create_profile(session, ctx.profile)


def known_profile(session: Session, ctx: Context) -> ProfileRecord:
    """The profile for a read: one that does not exist yet has default settings, no history."""
    from flux_cli.storage.reads import find_profile
    from flux_cli.storage.records import ProfileRecord

    return find_profile(session, ctx.profile) or ProfileRecord(id=0, name=ctx.profile, settings={})


def settings_of(profile: ProfileRecord) -> ProfileSettings:
    """The profile's stored settings, back in the `ProfileSettings` model."""
    from flux_cli.profile_settings import load_settings

    return load_settings(profile.settings)


def history_before(
    session: Session, profile: ProfileRecord, loaded: LoadedRules, day: dt.date
) -> History:
    """History strictly before `day`, so a day's plan does not move once the day starts."""
    from flux_cli.storage.reads import load_history

    history = load_history(
        session,
        profile.id,
        today=day,
        lift_names=loaded.rules.exercise_names(),
        window_days=loaded.rules.e1rm.window_days,
    )
    return replace(
        history,
        sessions=tuple(past for past in history.sessions if past.date < day),
        conditioning=tuple(attempt for attempt in history.conditioning if attempt.date < day),
        activity_dates=tuple(date for date in history.activity_dates if date < day),
    )


def plan_for(
    session: Session,
    profile: ProfileRecord,
    loaded: LoadedRules,
    inputs: Mapping[str, float],
    day: dt.date,
) -> Plan:
    """The plan for `day` from these readiness inputs and the history before it."""
    from flux_cli.engine.planner import build_plan

    facts = settings_of(profile).facts(profile.name)
    history = history_before(session, profile, loaded, day)
    return build_plan(loaded.rules, facts, history, inputs, day)
