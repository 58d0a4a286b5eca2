"""Strength coaching: sessions done in a deload are marked, so PR charts can leave them out.

Revision ID: 0004_strength
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_strength"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A NOT NULL column with a server default: a plain ALTER TABLE ADD COLUMN on SQLite too.
    op.add_column(
        "workout_sessions",
        sa.Column("deload", sa.Boolean, nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("workout_sessions") as batch:
        batch.drop_column("deload")
