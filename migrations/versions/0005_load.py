"""The load ledger and soreness: session RPE and minutes on sessions; soreness logs.

Revision ID: 0005_load
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_load"
down_revision: str | None = "0004_strength"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    # Nullable columns need no table rebuild on SQLite: a plain ALTER TABLE ADD COLUMN.
    op.add_column("workout_sessions", sa.Column("session_rpe", sa.Float, nullable=True))
    op.add_column("workout_sessions", sa.Column("session_minutes", sa.Float, nullable=True))
    op.create_table(
        "soreness_logs",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("profile_id", sa.Integer, nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("muscle", sa.String(32), nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("recorded_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_soreness_logs"),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name="fk_soreness_logs_profile_id_profiles",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint(
            "profile_id", "date", "muscle", name="uq_soreness_logs_profile_id_date_muscle"
        ),
        sa.CheckConstraint("value >= 0 AND value <= 10", name="ck_soreness_logs_value"),
    )


def downgrade() -> None:
    op.drop_table("soreness_logs")
    with op.batch_alter_table("workout_sessions") as batch:
        batch.drop_column("session_minutes")
        batch.drop_column("session_rpe")
