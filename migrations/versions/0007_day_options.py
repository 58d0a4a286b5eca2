"""The day's time budget and equipment on its check-in (`flux checkin --minutes --equipment`).

`flux why`, `flux session swap` and the dashboard's swap compose with what the plan was
composed with. NULL: the profile's defaults (or the rules') were used.

Revision ID: 0007_day_options
Revises: 0006_moves
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_day_options"
down_revision: str | None = "0006_moves"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("readiness_logs") as batch:
        batch.add_column(sa.Column("minutes", sa.Integer, nullable=True))
        batch.add_column(sa.Column("equipment", sa.String(400), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("readiness_logs") as batch:
        batch.drop_column("equipment")
        batch.drop_column("minutes")
