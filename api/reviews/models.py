"""Reviews: verified, after an engagement completes, in both directions."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import BigInteger, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.core.clock import utcnow
from api.reviews.fields import ReviewDirection


class Review(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("project_id", "direction"),)

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project_request.id", index=True)
    engagement_id: int | None = Field(default=None, index=True)
    direction: str = Field(default=ReviewDirection.BUSINESS_TO_VENDOR, max_length=24)
    # The vendor side of the engagement, whichever way the review goes.
    vendor_id: int = Field(foreign_key="vendor.id", index=True)
    # The business account of the engagement, whichever way the review goes.
    business_id: int | None = Field(default=None, foreign_key="account.id", index=True)
    author_id: int = Field(foreign_key="account.id", index=True)
    quality: int
    communication: int
    timeliness: int
    value: int
    on_time: bool = True
    comment: str = Field(default="", max_length=4000)
    # False when the review may not move a rating: the two accounts share an owner, or
    # the engagement approved no milestone. `discount_reason` says which.
    counted: bool = True
    discount_reason: str | None = Field(default=None, max_length=200)
    reply: str | None = Field(default=None, max_length=4000)
    replied_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow, index=True)


class PublishedRatingPrior(SQLModel, table=True):
    """The one prior every rating is read under (shown, sorted, filtered, matched), and the
    marketplace's running totals it is checked against. `mean` moves only when the
    totals' mean drifts past a tolerance (api.reviews.rating), so that vendors' stored
    scores are rewritten rarely, not on every review."""

    __tablename__ = "rating_prior"

    id: int = Field(default=1, primary_key=True)
    mean: Decimal = Field(max_digits=6, decimal_places=4)
    weight: int
    # Counted reviews of vendors, and the sum of their four scores each.
    review_count: int = Field(default=0, sa_type=BigInteger)
    points_total: int = Field(default=0, sa_type=BigInteger)
