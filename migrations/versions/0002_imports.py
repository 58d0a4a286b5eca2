"""Imports: the activities table; notes and metadata on workout sessions.

Revision ID: 0002
Revises: 0001
Create Date: 2025-02-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(JSONB(), "postgresql")
TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    # Nullable columns need no table rebuild on SQLite: a plain ALTER TABLE ADD COLUMN.
    op.add_column("workout_sessions", sa.Column("notes", sa.Text, nullable=True))
    op.add_column("workout_sessions", sa.Column("metadata", JSON, nullable=True))
    op.create_table(
        "activities",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("profile_id", sa.Integer, nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("external_id", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("started_at", TIMESTAMP, nullable=False),
        sa.Column("elapsed_s", sa.Float, nullable=True),
        sa.Column("moving_s", sa.Float, nullable=True),
        sa.Column("distance_m", sa.Float, nullable=True),
        sa.Column("avg_hr", sa.Float, nullable=True),
        sa.Column("max_hr", sa.Float, nullable=True),
        sa.Column("avg_watts", sa.Float, nullable=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=True),
        sa.Column("metadata", JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_activities"),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name="fk_activities_profile_id_profiles",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint(
            "profile_id",
            "source",
            "external_id",
            name="uq_activities_profile_id_source_external_id",
        ),
    )
    op.create_index("ix_activities_profile_date", "activities", ["profile_id", "date"])


def downgrade() -> None:
    op.drop_table("activities")
    with op.batch_alter_table("workout_sessions") as batch:
        batch.drop_column("metadata")
        batch.drop_column("notes")
