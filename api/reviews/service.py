"""Verified reviews: only the business whose award the vendor accepted reviews it, once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import case, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api import validation as check
from api.auth.models import Role
from api.auth.tokens import Viewer
from api.clock import utcnow
from api.errors import ErrorCode, InputError, Problems, forbidden, unauthenticated
from api.projects.models import ProjectRequest, ProjectStatus
from api.projects.service import can_see
from api.reviews.models import Review
from api.vendors.models import Vendor

SCORES = ("quality", "communication", "timeliness", "value")
REVIEWABLE = {ProjectStatus.AWARDED, ProjectStatus.CLOSED}


@dataclass(frozen=True)
class ReviewDraft:
    quality: int
    communication: int
    timeliness: int
    value: int
    comment: str = ""
    on_time: bool = True


def overall(draft: ReviewDraft | Review) -> Decimal:
    """A review's overall score: the mean of its four dimensions."""
    return Decimal(sum(getattr(draft, name) for name in SCORES)) / 4


async def submit_review(
    *,
    session: AsyncSession,
    viewer: Viewer | None,
    project_id: int,
    draft: ReviewDraft,
    reviewed_at: datetime | None = None,
) -> Review:
    """The hiring business rates its vendor; `reviewed_at` lets the seed loader keep history."""
    if viewer is None:
        raise unauthenticated()
    if viewer.role != Role.BUSINESS:
        raise forbidden("Only the business that hired a vendor can review it.")
    problems = Problems()
    for name in SCORES:
        check.number_range(problems, [name], getattr(draft, name), low=1, high=5)
    comment = check.text(problems, ["comment"], draft.comment, max_length=4000, required=False)
    problems.raise_if_any()
    project = await session.get(ProjectRequest, project_id)
    if project is None or not can_see(viewer, project):
        raise InputError.single(
            ["input", "projectRequestId"], "No such project request.", ErrorCode.NOT_FOUND
        )
    if project.owner_id != viewer.account_id:
        raise forbidden("Only the business that hired a vendor can review it.")
    if project.status not in REVIEWABLE or project.awarded_vendor_id is None:
        raise InputError.single(
            ["input", "projectRequestId"],
            "Only awarded requests can be reviewed.",
            ErrorCode.INVALID_TRANSITION,
        )
    if project.award_accepted_at is None:
        # An award the vendor never agreed to is no hire: no "verified" review from it.
        raise InputError.single(
            ["input", "projectRequestId"],
            "The vendor has not accepted this award yet.",
            ErrorCode.INVALID_TRANSITION,
        )
    already = await session.scalar(select(Review.id).where(Review.project_id == project_id))
    if already is not None:
        raise InputError.single(
            ["input", "projectRequestId"], "This request has a review already.", ErrorCode.TAKEN
        )
    review = Review(
        project_id=project_id,
        vendor_id=project.awarded_vendor_id,
        author_id=viewer.account_id,
        quality=draft.quality,
        communication=draft.communication,
        timeliness=draft.timeliness,
        value=draft.value,
        on_time=draft.on_time,
        comment=comment or "",
        created_at=reviewed_at or utcnow(),
    )
    session.add(review)
    await session.flush()
    await add_to_rating(session, review)
    return review


async def add_to_rating(session: AsyncSession, review: Review) -> None:
    """Fold a review into the vendor's running totals in one atomic UPDATE."""
    reviewed_at = review.created_at or utcnow()
    await session.execute(
        update(Vendor)
        .where(Vendor.id == review.vendor_id)
        .values(
            review_count=Vendor.review_count + 1,
            rating_sum=Vendor.rating_sum + overall(review),
            quality_sum=Vendor.quality_sum + review.quality,
            communication_sum=Vendor.communication_sum + review.communication,
            timeliness_sum=Vendor.timeliness_sum + review.timeliness,
            value_sum=Vendor.value_sum + review.value,
            on_time_count=Vendor.on_time_count + int(review.on_time),
            # Seeds may fold reviews in any order: keep the latest date.
            last_review_at=case(
                (
                    Vendor.last_review_at.is_(None) | (Vendor.last_review_at < reviewed_at),
                    reviewed_at,
                ),
                else_=Vendor.last_review_at,
            ),
            updated_at=utcnow(),
        )
        .execution_options(synchronize_session=False)
    )
