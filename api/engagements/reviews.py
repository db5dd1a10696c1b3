"""Reviews after an engagement: each side reviews the other once, once the work is done
(COMPLETED, or ENDED by agreement), and the reviewed side replies once, in public.

A review counts toward ratings only when it can be trusted to come from a real hire:
not when the two accounts appear to share an owner (one person reviewing themselves),
and not when no milestone was ever approved (nothing was delivered).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.service import share_an_owner
from api.core.errors import ErrorCode, InputError, Problems, forbidden, unauthenticated
from api.core.viewer import Viewer
from api.engagements.service import approved_milestones, engagement_for_review
from api.events.kinds import EventKind
from api.events.service import emit
from api.reviews import service as reviews
from api.reviews.fields import ReviewDirection, ReviewDraft
from api.reviews.rating import overall
from api.reviews.rules import check_review_draft
from api.values import checks as check
from api.vendors import service as vendors

if TYPE_CHECKING:
    from api.reviews.models import Review

MAX_REPLY = 4000
SHARED_OWNER = "The business and the vendor accounts appear to share an owner."
NOTHING_APPROVED = "No milestone of this engagement was approved."


async def submit_review(
    *,
    session: AsyncSession,
    viewer: Viewer | None,
    engagement_id: int,
    draft: ReviewDraft,
    reviewed_at: datetime | None = None,
) -> Review:
    """The viewer's side reviews the other side of a finished engagement, once."""
    if viewer is None:
        raise unauthenticated()
    problems = Problems()
    comment = check_review_draft(draft, problems)
    problems.raise_if_any()
    engagement = await engagement_for_review(session, viewer, engagement_id)
    assert engagement.id is not None
    vendor_account = await vendors.owner_of(session, engagement.vendor_id)
    if viewer.account_id == engagement.business_id:
        direction, reviewed = ReviewDirection.BUSINESS_TO_VENDOR, vendor_account
    else:
        direction, reviewed = ReviewDirection.VENDOR_TO_BUSINESS, engagement.business_id
    reason = await _discount_reason(session, engagement.id, engagement.business_id, vendor_account)
    review = await reviews.record_review(
        session=session,
        project_id=engagement.project_id,
        vendor_id=engagement.vendor_id,
        author_id=viewer.account_id,
        draft=draft,
        comment=comment,
        direction=direction,
        engagement_id=engagement.id,
        business_id=engagement.business_id,
        counted=reason is None,
        discount_reason=reason,
        reviewed_at=reviewed_at,
    )
    if review.counted and direction == ReviewDirection.BUSINESS_TO_VENDOR:
        await vendors.add_to_rating(session, review)
    assert review.id is not None
    score = f"{overall(review):.1f}/5"
    summary = (
        f"Your client reviewed your work ({score})"
        if direction == ReviewDirection.BUSINESS_TO_VENDOR
        else f"{await vendors.vendor_name(session, engagement.vendor_id)} reviewed you ({score})"
    )
    await emit(
        session,
        kind=EventKind.REVIEW_RECEIVED,
        recipients=[reviewed],
        subject_type="Review",
        subject_id=review.id,
        summary=summary,
        payload={"engagementId": engagement.id, "counted": review.counted},
    )
    return review


async def _discount_reason(
    session: AsyncSession, engagement_id: int, business_account: int, vendor_account: int | None
) -> str | None:
    if vendor_account is not None and await share_an_owner(
        session, business_account, vendor_account
    ):
        return SHARED_OWNER
    if await approved_milestones(session, engagement_id) == 0:
        return NOTHING_APPROVED
    return None


async def reply_to_review(
    *, session: AsyncSession, viewer: Viewer | None, review_id: int, reply: str
) -> Review:
    """The reviewed party's one public reply."""
    if viewer is None:
        raise unauthenticated()
    problems = Problems()
    text = check.text(problems, ["reply"], reply, max_length=MAX_REPLY)
    problems.raise_if_any()
    review = await reviews.review_by_id(session, review_id)
    if review is None:
        raise InputError.single(["input", "reviewId"], "No such review.", ErrorCode.NOT_FOUND)
    reviewed = (
        await vendors.owner_of(session, review.vendor_id)
        if review.direction == ReviewDirection.BUSINESS_TO_VENDOR
        else review.business_id
    )
    if reviewed != viewer.account_id:
        raise forbidden("Only the party a review is about can reply to it.")
    assert text is not None
    return await reviews.record_reply(session, review, text)
