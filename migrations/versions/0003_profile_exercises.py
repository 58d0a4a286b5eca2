"""Per-profile exercises: custom exercises and aliases belong to one profile.

`exercises.profile_id` is NULL for the shared catalogue and names the owner of a custom
exercise; `profile_aliases` holds each profile's own name keys, looked up before the shared
`exercise_aliases`. Existing rows are kept and given an owner where one is clear:

- a custom exercise belongs to the one profile whose sets use it; with no sets, to the only
  profile if the database has one; otherwise (several profiles use it) it stays shared;
- a name key moves to the profile that owns its exercise; a key the catalogue does not give
  (an alias someone made) for a shared exercise moves to the only profile if there is one;
  every other key stays shared.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _key(name: str) -> str:
    # The same rule as `storage.records.alias_key`, frozen here as migrations must be.
    return " ".join(name.split()).lower()


def _names(value: Any) -> list[str]:
    return list(json.loads(value) if isinstance(value, str) else value or [])


def upgrade() -> None:
    op.create_table(
        "profile_aliases",
        sa.Column("profile_id", sa.Integer, nullable=False),
        sa.Column("alias", sa.String(200), nullable=False),
        sa.Column("exercise_id", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("profile_id", "alias", name="pk_profile_aliases"),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name="fk_profile_aliases_profile_id_profiles",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["exercise_id"],
            ["exercises.id"],
            name="fk_profile_aliases_exercise_id_exercises",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_profile_aliases_exercise_id", "profile_aliases", ["exercise_id"])
    # SQLite rebuilds the table here; flux turns foreign keys off around its migrations.
    with op.batch_alter_table("exercises") as batch:
        batch.add_column(sa.Column("profile_id", sa.Integer, nullable=True))
        batch.create_foreign_key(
            "fk_exercises_profile_id_profiles",
            "profiles",
            ["profile_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.drop_constraint("uq_exercises_name", type_="unique")
        batch.create_unique_constraint("uq_exercises_profile_id_name", ["profile_id", "name"])
    op.create_index("ix_exercises_profile_id", "exercises", ["profile_id"])
    shared_only = sa.text("profile_id IS NULL")
    op.create_index(
        "uq_exercises_shared_name",
        "exercises",
        ["name"],
        unique=True,
        sqlite_where=shared_only,
        postgresql_where=shared_only,
    )
    _give_owners(op.get_bind())


def _give_owners(bind: sa.Connection) -> None:
    """Move existing custom exercises and made-up aliases to their profile (module docstring)."""
    profiles = list(bind.execute(sa.text("SELECT id FROM profiles")).scalars())
    only = profiles[0] if len(profiles) == 1 else None
    users: dict[int, set[int]] = {}
    for exercise_id, profile_id in bind.execute(
        sa.text(
            "SELECT DISTINCT s.exercise_id, w.profile_id FROM workout_sets s"
            " JOIN workout_sessions w ON w.id = s.session_id"
            " JOIN exercises e ON e.id = s.exercise_id WHERE e.source = 'custom'"
        )
    ):
        users.setdefault(exercise_id, set()).add(profile_id)
    exercises = bind.execute(sa.text("SELECT id, name, aliases, source FROM exercises")).all()
    owner: dict[int, int] = {}
    catalogue_keys: dict[int, set[str]] = {}
    for row in exercises:
        catalogue_keys[row.id] = {_key(row.name), *map(_key, _names(row.aliases))}
        if row.source != "custom":
            continue
        using = users.get(row.id, set())
        chosen = next(iter(using)) if len(using) == 1 else (only if not using else None)
        if chosen is not None:
            owner[row.id] = chosen
    for exercise_id, profile_id in owner.items():
        bind.execute(
            sa.text("UPDATE exercises SET profile_id = :profile WHERE id = :id"),
            {"profile": profile_id, "id": exercise_id},
        )
    moves = []
    for alias, exercise_id in bind.execute(
        sa.text("SELECT alias, exercise_id FROM exercise_aliases")
    ):
        profile_id = owner.get(exercise_id)
        if profile_id is None and alias not in catalogue_keys.get(exercise_id, set()):
            profile_id = only
        if profile_id is not None:
            moves.append({"profile": profile_id, "alias": alias, "id": exercise_id})
    if moves:
        bind.execute(
            sa.text(
                "INSERT INTO profile_aliases (profile_id, alias, exercise_id)"
                " VALUES (:profile, :alias, :id)"
            ),
            moves,
        )
        bind.execute(sa.text("DELETE FROM exercise_aliases WHERE alias = :alias"), moves)


def downgrade() -> None:
    # Shared keys win; a profile's key is restored only where no other profile claimed it.
    bind = op.get_bind()
    bind.execute(
        sa.text(
            "INSERT INTO exercise_aliases (alias, exercise_id)"
            " SELECT alias, MIN(exercise_id) FROM profile_aliases"
            " WHERE alias NOT IN (SELECT alias FROM exercise_aliases) GROUP BY alias"
        )
    )
    op.drop_table("profile_aliases")
    op.drop_index("uq_exercises_shared_name", table_name="exercises")
    op.drop_index("ix_exercises_profile_id", table_name="exercises")
    with op.batch_alter_table("exercises") as batch:
        batch.drop_constraint("uq_exercises_profile_id_name", type_="unique")
        batch.drop_constraint("fk_exercises_profile_id_profiles", type_="foreignkey")
        batch.drop_column("profile_id")
        batch.create_unique_constraint("uq_exercises_name", ["name"])
