"""match factors: a vendor's declared capacity and staffed coverage; a scope's coverage
and slowest acceptable reply

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 15:20:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing rows take the defaults the models give new ones (server defaults, so the
    # NOT NULL columns can be added to filled tables on SQLite and PostgreSQL alike).
    with op.batch_alter_table("vendor", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hours_per_week", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("coverage_hours", sa.Float(), nullable=True))
        batch_op.add_column(
            sa.Column("coverage_days", sa.Integer(), nullable=False, server_default="5")
        )
    with op.batch_alter_table("project_request", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "coverage",
                sqlmodel.sql.sqltypes.AutoString(length=20),
                nullable=False,
                server_default="BUSINESS_HOURS",
            )
        )
        batch_op.add_column(sa.Column("max_response_hours", sa.Float(), nullable=True))


def downgrade() -> None:
    # DROP COLUMN in place (SQLite 3.35+ has it): copying a table that other rows point
    # at, as batch mode would, fails SQLite's foreign-key checks once it holds data.
    with op.batch_alter_table("project_request", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("max_response_hours")
        batch_op.drop_column("coverage")
    with op.batch_alter_table("vendor", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("coverage_days")
        batch_op.drop_column("coverage_hours")
        batch_op.drop_column("hours_per_week")
