"""Initial schema: profiles, exercises and aliases, rule sets, readiness, sessions and sets.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(JSONB(), "postgresql")
TIMESTAMP = sa.DateTime(timezone=True)


def _one_of(column: str, *values: str) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    op.create_table(
        "profiles",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("settings", JSON, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_profiles"),
        sa.UniqueConstraint("name", name="uq_profiles_name"),
    )
    op.create_table(
        "exercises",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("aliases", JSON, nullable=False),
        sa.Column("pattern", sa.String(32), nullable=True),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("mechanic", sa.String(32), nullable=True),
        sa.Column("equipment", sa.String(32), nullable=True),
        sa.Column("primary_muscles", JSON, nullable=False),
        sa.Column("secondary_muscles", JSON, nullable=False),
        sa.Column("tracking", sa.String(16), nullable=False),
        sa.Column("load_type", sa.String(16), nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_exercises"),
        sa.UniqueConstraint("name", name="uq_exercises_name"),
        sa.CheckConstraint(
            _one_of("tracking", "reps", "time", "distance"), name="ck_exercises_tracking"
        ),
        sa.CheckConstraint(
            _one_of(
                "load_type",
                "barbell",
                "dumbbell",
                "bodyweight",
                "machine",
                "cable",
                "kettlebell",
                "band",
                "none",
            ),
            name="ck_exercises_load_type",
        ),
        sa.CheckConstraint(
            _one_of("source", "builtin", "free-exercise-db", "custom"),
            name="ck_exercises_source",
        ),
    )
    op.create_table(
        "exercise_aliases",
        sa.Column("alias", sa.String(200), nullable=False),
        sa.Column("exercise_id", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("alias", name="pk_exercise_aliases"),
        sa.ForeignKeyConstraint(
            ["exercise_id"],
            ["exercises.id"],
            name="fk_exercise_aliases_exercise_id_exercises",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_exercise_aliases_exercise_id", "exercise_aliases", ["exercise_id"])
    op.create_table(
        "rule_sets",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_rule_sets"),
        sa.UniqueConstraint("sha256", name="uq_rule_sets_sha256"),
    )
    op.create_table(
        "readiness_logs",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("profile_id", sa.Integer, nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("inputs", JSON, nullable=False),
        sa.Column("state", sa.String(32), nullable=False),
        sa.Column("recorded_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_readiness_logs"),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name="fk_readiness_logs_profile_id_profiles",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("profile_id", "date", name="uq_readiness_logs_profile_id_date"),
    )
    op.create_table(
        "workout_sessions",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("profile_id", sa.Integer, nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("state", sa.String(32), nullable=True),
        sa.Column("archetype", sa.String(100), nullable=True),
        sa.Column("session_name", sa.String(200), nullable=True),
        sa.Column("anchor_pattern", sa.String(32), nullable=True),
        sa.Column("conditioning_protocol", sa.String(32), nullable=True),
        sa.Column("plan", JSON, nullable=True),
        sa.Column("result", JSON, nullable=True),
        sa.Column("source", sa.String(32), nullable=False, server_default="flux"),
        sa.Column("external_id", sa.String(200), nullable=True),
        sa.Column("started_at", TIMESTAMP, nullable=True),
        sa.Column("ended_at", TIMESTAMP, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_workout_sessions"),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name="fk_workout_sessions_profile_id_profiles",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint(
            "profile_id",
            "source",
            "external_id",
            name="uq_workout_sessions_profile_id_source_external_id",
        ),
        sa.CheckConstraint(
            _one_of("status", "planned", "active", "completed", "abandoned"),
            name="ck_workout_sessions_status",
        ),
    )
    op.create_index(
        "ix_workout_sessions_profile_status", "workout_sessions", ["profile_id", "status"]
    )
    op.create_index("ix_workout_sessions_profile_date", "workout_sessions", ["profile_id", "date"])
    op.create_table(
        "workout_sets",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("session_id", sa.Integer, nullable=False),
        sa.Column("exercise_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("weight_kg", sa.Float, nullable=True),
        sa.Column("reps", sa.Integer, nullable=True),
        sa.Column("seconds", sa.Float, nullable=True),
        sa.Column("distance_m", sa.Float, nullable=True),
        sa.Column("rpe", sa.Float, nullable=True),
        sa.Column("metadata", JSON, nullable=False),
        sa.Column("logged_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_workout_sets"),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["workout_sessions.id"],
            name="fk_workout_sets_session_id_workout_sessions",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["exercise_id"], ["exercises.id"], name="fk_workout_sets_exercise_id_exercises"
        ),
    )
    op.create_index(
        "ix_workout_sets_exercise_session", "workout_sets", ["exercise_id", "session_id"]
    )
    op.create_index(
        "ix_workout_sets_session_position", "workout_sets", ["session_id", "position"]
    )


def downgrade() -> None:
    for table in (
        "workout_sets",
        "workout_sessions",
        "readiness_logs",
        "rule_sets",
        "exercise_aliases",
        "exercises",
        "profiles",
    ):
        op.drop_table(table)
