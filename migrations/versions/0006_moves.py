"""Movement rules per profile: HARD_NO (`no`), HARD_YES (`yes`), PREFERRED (`prefer`).

One rule per profile and exercise; a newer command replaces the older rule.

Revision ID: 0006_moves
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_moves"
down_revision: str | None = "0005_load"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "movement_rules",
        sa.Column("profile_id", sa.Integer, nullable=False),
        sa.Column("exercise_id", sa.Integer, nullable=False),
        sa.Column("rule", sa.String(10), nullable=False),
        sa.PrimaryKeyConstraint("profile_id", "exercise_id", name="pk_movement_rules"),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name="fk_movement_rules_profile_id_profiles",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["exercise_id"],
            ["exercises.id"],
            name="fk_movement_rules_exercise_id_exercises",
            ondelete="CASCADE",
        ),
        sa.CheckConstraint("rule IN ('no', 'yes', 'prefer')", name="ck_movement_rules_rule"),
    )


def downgrade() -> None:
    op.drop_table("movement_rules")
