"""vendor change sequence: a counter row and each vendor's last change number, so match
indexes refresh by sequence instead of re-reading a time window

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 17:40:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    counter = op.create_table(
        "vendor_change_counter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("vendor", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("change_seq", sa.BigInteger(), nullable=False, server_default="0")
        )
        batch_op.create_index(batch_op.f("ix_vendor_change_seq"), ["change_seq"], unique=False)
    # Existing vendors are numbered by id (any distinct values serve: an index built after
    # this reads every vendor), and the counter starts above them.
    op.execute("UPDATE vendor SET change_seq = id")
    op.bulk_insert(counter, [{"id": 1, "value": 0}])
    op.execute("UPDATE vendor_change_counter SET value = (SELECT COALESCE(MAX(id), 0) FROM vendor)")


def downgrade() -> None:
    with op.batch_alter_table("vendor", schema=None, recreate="never") as batch_op:
        batch_op.drop_index(batch_op.f("ix_vendor_change_seq"))
        batch_op.drop_column("change_seq")
    op.drop_table("vendor_change_counter")
