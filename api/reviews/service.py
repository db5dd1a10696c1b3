"""Reviews as records: one per project request, written once, read by page or by project.

Who may review what is the project's rule (see api.projects.service.submit_review); this
module only stores and reads reviews.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.core.clock import utcnow
from api.core.errors import ErrorCode, InputError
from api.reviews.fields import ReviewDraft
from api.reviews.models import Review
from api.reviews.rating import overall


async def record_review(
    *,
    session: AsyncSession,
    project_id: int,
    vendor_id: int,
    author_id: int,
    draft: ReviewDraft,
    comment: str,
    reviewed_at: datetime | None = None,
) -> Review:
    """Store the review of a request's vendor; a request has at most one."""
    already = await session.scalar(
        select(col(Review.id)).where(col(Review.project_id) == project_id)
    )
    if already is not None:
        raise InputError.single(
            ["input", "projectRequestId"], "This request has a review already.", ErrorCode.TAKEN
        )
    review = Review(
        project_id=project_id,
        vendor_id=vendor_id,
        author_id=author_id,
        quality=draft.quality,
        communication=draft.communication,
        timeliness=draft.timeliness,
        value=draft.value,
        on_time=draft.on_time,
        comment=comment,
        created_at=reviewed_at or utcnow(),
    )
    session.add(review)
    await session.flush()
    return review


async def overall_by_project(session: AsyncSession) -> dict[int, float]:
    """Every review's overall score, by the project request it reviews."""
    reviews = (await session.execute(select(Review))).scalars()
    return {review.project_id: float(overall(review)) for review in reviews}
