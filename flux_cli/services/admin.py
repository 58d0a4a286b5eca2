"""Profile settings, the rules in force, seeding, and where the data and database live."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from flux_cli import paths
from flux_cli.rules_file import LoadedRules, check_exercises, read_rules_file
from flux_cli.services.base import (
    Context,
    known_profile,
    load_rules,
    open_database,
    profile_for_write,
    settings_of,
    unit_of_work,
)
from flux_cli.storage.records import ExerciseData, alias_key

if TYPE_CHECKING:
    from flux_cli.profile_settings import ProfileSettings


@dataclass(frozen=True, slots=True)
class SeedResult:
    rules_origin: str
    rule_set_id: int
    rules_added: bool
    exercises_added: int
    exercises_updated: int


# ---------------------------------------------------------------------------- profile, config, seed


def profile_show(ctx: Context) -> tuple[str, ProfileSettings]:
    with unit_of_work(ctx, read_only=True) as uow:
        profile = known_profile(uow, ctx)
        return profile.name, settings_of(profile)


def profile_set(ctx: Context, assignments: Mapping[str, str]) -> ProfileSettings:
    from flux_cli.profile_settings import apply_assignments

    with unit_of_work(ctx) as uow:
        profile = profile_for_write(uow, ctx)
        updated = apply_assignments(settings_of(profile), assignments)
        uow.profiles.update_settings(profile.id, updated.model_dump(mode="json"))
        return updated


def active_rules(ctx: Context) -> LoadedRules:
    with unit_of_work(ctx, read_only=True) as uow:
        return load_rules(ctx, uow)


_CATALOGUE_HINT = (
    "fix the name, or add the exercise to a catalogue and seed it: flux seed --catalog FILE"
)


def _catalogue_keys(exercises: Iterable[ExerciseData]) -> set[str]:
    return {alias_key(text) for item in exercises for text in (item.name, *item.aliases)}


def validate_rules_file(path: Path | None) -> LoadedRules:
    """Load a rules file and check that the built-in catalogue knows every exercise it names."""
    from flux_cli import catalog

    loaded = read_rules_file(path or paths.default_rules_path())
    keys = _catalogue_keys(catalog.load_builtin())
    check_exercises(loaded, lambda name: alias_key(name) in keys, _CATALOGUE_HINT)
    return loaded


def seed(ctx: Context, config_path: Path | None, catalog_path: Path | None) -> SeedResult:
    """Push a rules file (this profile's from now on) and the exercise catalogue(s) into the
    database; idempotent. The catalogue is shared by every profile."""
    from flux_cli import catalog

    loaded = read_rules_file(config_path or ctx.config_path or paths.default_rules_path())
    exercises = list(catalog.load_builtin())
    if catalog_path is not None:
        exercises += list(catalog.load_free_exercise_db(catalog_path))
    keys = _catalogue_keys(exercises)
    with unit_of_work(ctx) as uow:

        def is_known(name: str) -> bool:
            return alias_key(name) in keys or uow.exercises.resolve(name) is not None

        check_exercises(loaded, is_known, _CATALOGUE_HINT)
        rule_set, added = uow.rule_sets.store(loaded.text)
        uow.profiles.set_rule_set(profile_for_write(uow, ctx).id, rule_set.id)
        exercises_added, exercises_updated = uow.exercises.upsert(exercises)
        return SeedResult(
            rules_origin=loaded.origin,
            rule_set_id=rule_set.id,
            rules_added=added,
            exercises_added=exercises_added,
            exercises_updated=exercises_updated,
        )


def database_url(ctx: Context) -> str:
    """The database URL in use, password masked."""
    from flux_cli.storage.database import mask_url, resolve_url

    return mask_url(resolve_url(ctx.db_url))


def where(ctx: Context) -> dict[str, str]:
    """Where data, rules and the database live (nothing is created)."""
    import os

    from flux_cli.storage.database import sqlite_file

    config = ctx.config_path or os.environ.get("FLUX_CONFIG")
    where = {
        "data_dir": str(paths.data_dir()),
        "database": database_url(ctx),
        "rules": str(config)
        if config
        else f"{paths.default_rules_path()} (default, unless seeded)",
        "migrations": str(paths.migrations_dir()),
    }
    database_file = sqlite_file(ctx.db_url)
    if database_file is not None:  # the file itself, as the URL encodes `?`, `%`, `#`
        where["database_file"] = database_file
    return where


def db_upgrade(ctx: Context) -> tuple[str | None, str]:
    """Upgrade the schema to head; returns (before, after) revisions."""
    database = open_database(ctx, check_schema=False)
    try:
        return database.upgrade()
    finally:
        database.close()


def db_current(ctx: Context) -> tuple[str | None, str]:
    """(the database's revision or None, the revision flux needs)."""
    from flux_cli.storage.schema import HEAD_REVISION

    database = open_database(ctx, check_schema=False)
    try:
        return database.current(), HEAD_REVISION
    finally:
        database.close()
