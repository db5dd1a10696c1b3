"""stored rating lift: the published rating prior (one row with the marketplace totals)
and each vendor's Bayesian average under it less its mean (the lift, 0 without reviews),
indexed for the RATING order

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 18:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As api.reviews.rating had them when this revision was written.
PRIOR_WEIGHT = 10
DEFAULT_PRIOR_MEAN = Decimal("3.5")
MEAN_PLACES = Decimal("0.0001")


def upgrade() -> None:
    prior = op.create_table(
        "rating_prior",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mean", sa.Numeric(precision=6, scale=4), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.Column("review_count", sa.BigInteger(), nullable=False),
        sa.Column("points_total", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    count, total = (
        op.get_bind()
        .execute(
            sa.text(
                "SELECT COUNT(id), COALESCE(SUM(quality + communication + timeliness + value), 0)"
                " FROM review WHERE direction = 'BUSINESS_TO_VENDOR' AND counted"
            )
        )
        .one()
    )
    mean = (
        (Decimal(total) / (Decimal(count) * 4)).quantize(MEAN_PLACES, ROUND_HALF_UP)
        if count
        else DEFAULT_PRIOR_MEAN
    )
    op.bulk_insert(
        prior,
        [
            {
                "id": 1,
                "mean": mean,
                "weight": PRIOR_WEIGHT,
                "review_count": int(count),
                "points_total": int(total),
            }
        ],
    )
    with op.batch_alter_table("vendor", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("rating_lift", sa.Float(), nullable=False, server_default="0")
        )
    op.get_bind().execute(
        sa.text(
            "UPDATE vendor SET rating_lift ="
            " (rating_sum - review_count * (:mean_e4 / 10000.0)) / (:weight + review_count)"
            " WHERE review_count > 0"
        ),
        # The mean in ten-thousandths: an integer both drivers bind as it is.
        {"mean_e4": int(mean / MEAN_PLACES), "weight": PRIOR_WEIGHT},
    )
    op.create_index(
        "ix_vendor_rating_order",
        "vendor",
        [sa.text("rating_lift DESC"), "id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_vendor_rating_order", table_name="vendor")
    with op.batch_alter_table("vendor", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("rating_lift")
    op.drop_table("rating_prior")
