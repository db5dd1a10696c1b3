"""token revocation: a version and a random key per account

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 10:00:00.000000
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing rows need values: version 0, and a key of their own (filled in below), so
    # tokens issued before this revision (which carry no version) stop working.
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("token_version", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column(
                "token_key",
                sqlmodel.sql.sqltypes.AutoString(length=32),
                nullable=False,
                server_default="",
            )
        )
    connection = op.get_bind()
    ids = connection.execute(sa.text("SELECT id FROM account")).scalars().all()
    for account_id in ids:
        connection.execute(
            sa.text("UPDATE account SET token_key = :key WHERE id = :id"),
            {"key": secrets.token_urlsafe(12), "id": account_id},
        )


def downgrade() -> None:
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_column("token_key")
        batch_op.drop_column("token_version")
