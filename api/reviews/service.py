"""Reviews as records: one per engagement and direction, written once, replied to once,
read by page or by party.

Who may review whom is the engagement's rule (see api.engagements.reviews); this module
stores and reads reviews, and says which ones count.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.core.clock import utcnow
from api.core.errors import ErrorCode, InputError
from api.reviews.fields import ReviewDirection, ReviewDraft
from api.reviews.models import Review
from api.reviews.rating import overall

ALREADY_FIELD = ("input", "engagementId")


async def record_review(
    *,
    session: AsyncSession,
    project_id: int,
    vendor_id: int,
    author_id: int,
    draft: ReviewDraft,
    comment: str,
    direction: ReviewDirection = ReviewDirection.BUSINESS_TO_VENDOR,
    engagement_id: int | None = None,
    business_id: int | None = None,
    counted: bool = True,
    discount_reason: str | None = None,
    reviewed_at: datetime | None = None,
    field: tuple[str, ...] = ALREADY_FIELD,
) -> Review:
    """Store a review; each side reviews a request's engagement at most once."""
    already = await session.scalar(
        select(col(Review.id)).where(
            col(Review.project_id) == project_id, col(Review.direction) == direction
        )
    )
    if already is not None:
        raise InputError.single(
            list(field), "You have reviewed this engagement already.", ErrorCode.TAKEN
        )
    review = Review(
        project_id=project_id,
        engagement_id=engagement_id,
        direction=direction,
        vendor_id=vendor_id,
        business_id=business_id,
        author_id=author_id,
        quality=draft.quality,
        communication=draft.communication,
        timeliness=draft.timeliness,
        value=draft.value,
        on_time=draft.on_time,
        comment=comment,
        counted=counted,
        discount_reason=discount_reason,
        created_at=reviewed_at or utcnow(),
    )
    session.add(review)
    await session.flush()
    return review


async def review_by_id(session: AsyncSession, review_id: int) -> Review | None:
    return await session.get(Review, review_id, populate_existing=True)


async def record_reply(
    session: AsyncSession,
    review: Review,
    reply: str,
    *,
    replied_at: datetime | None = None,
    field: tuple[str, ...] = ("input", "reviewId"),
) -> Review:
    """The reviewed party's one public reply; a second (even a concurrent one) is refused."""
    result = cast(
        CursorResult[Any],
        await session.execute(
            update(Review)
            .where(col(Review.id) == review.id, col(Review.reply).is_(None))
            .values(reply=reply, replied_at=replied_at or utcnow())
            .execution_options(synchronize_session=False)
        ),
    )
    if result.rowcount != 1:
        raise InputError.single(
            list(field),
            "This review has a reply already; a review takes one reply.",
            ErrorCode.INVALID_TRANSITION,
        )
    fresh = await session.get(Review, review.id, populate_existing=True)
    assert fresh is not None
    return fresh


async def overall_by_project(session: AsyncSession) -> dict[int, float]:
    """Every counted review of a vendor's work, as its overall score, by request."""
    reviews = (
        await session.execute(
            select(Review).where(
                col(Review.direction) == ReviewDirection.BUSINESS_TO_VENDOR,
                col(Review.counted).is_(True),
            )
        )
    ).scalars()
    return {review.project_id: float(overall(review)) for review in reviews}


async def business_ratings(
    session: AsyncSession, business_ids: list[int]
) -> dict[int, tuple[int, float | None]]:
    """(counted reviews, mean overall score) from vendors, per business account."""
    points = (
        col(Review.quality) + col(Review.communication) + col(Review.timeliness) + col(Review.value)
    )
    rows = await session.execute(
        select(col(Review.business_id), func.count(), func.sum(points))
        .where(
            col(Review.business_id).in_(business_ids),
            col(Review.direction) == ReviewDirection.VENDOR_TO_BUSINESS,
            col(Review.counted).is_(True),
        )
        .group_by(col(Review.business_id))
    )
    found = {
        business: (int(count), float(total) / (4 * int(count)) if count else None)
        for business, count, total in rows
        if business is not None
    }
    return {business: found.get(business, (0, None)) for business in business_ids}
