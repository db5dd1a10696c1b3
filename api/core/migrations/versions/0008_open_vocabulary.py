"""open vocabulary: free-text skills on vendors and requests, alternatives (anyOf) on a
request's skills, admins' mappings of free text onto tags, and the taxonomy's stamp

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 15:05:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "skill_mapping",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.Column("mapped_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["tag_id"], ["tag.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("key"),
    )
    with op.batch_alter_table("skill_mapping", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_skill_mapping_tag_id"), ["tag_id"], unique=False)

    op.create_table(
        "taxonomy_stamp",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("changed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )

    op.create_table(
        "vendor_free_skill",
        sa.Column("vendor_id", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("years", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["vendor_id"], ["vendor.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("vendor_id", "key"),
    )
    with op.batch_alter_table("vendor_free_skill", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vendor_free_skill_key"), ["key"], unique=False)

    op.create_table(
        "project_free_skill",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("must_have", sa.Boolean(), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("any_of", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["project_request.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("project_id", "key"),
    )
    with op.batch_alter_table("project_free_skill", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_project_free_skill_key"), ["key"], unique=False)

    # Requirements stored before alternatives existed have none.
    with op.batch_alter_table("project_skill", schema=None) as batch_op:
        batch_op.add_column(sa.Column("any_of", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("project_skill", schema=None) as batch_op:
        batch_op.drop_column("any_of")

    with op.batch_alter_table("project_free_skill", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_free_skill_key"))
    op.drop_table("project_free_skill")

    with op.batch_alter_table("vendor_free_skill", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vendor_free_skill_key"))
    op.drop_table("vendor_free_skill")

    op.drop_table("taxonomy_stamp")

    with op.batch_alter_table("skill_mapping", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_skill_mapping_tag_id"))
    op.drop_table("skill_mapping")
