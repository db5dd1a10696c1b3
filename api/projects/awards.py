"""Hiring through a project request: the business awards it, the vendor accepts or
declines, and once hired the business reviews the vendor."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from api.core.clock import utcnow
from api.core.errors import ErrorCode, InputError, Problems, forbidden, unauthenticated
from api.core.viewer import Role, Viewer
from api.projects.models import ProjectRequest, ProjectStatus
from api.projects.rules import REVIEWABLE, can_see
from api.projects.service import guarded_update, owned_project
from api.reviews import service as reviews
from api.reviews.fields import ReviewDraft
from api.reviews.rules import check_review_draft
from api.scopes.rules import ScopeValues
from api.vendors import service as vendors

if TYPE_CHECKING:
    from api.reviews.models import Review


async def award_project_request(
    *, session: AsyncSession, viewer: Viewer | None, project_id: int, vendor_id: int
) -> ProjectRequest:
    """The owner hires a vendor for an OPEN request."""
    project = await owned_project(session, viewer, project_id)
    if project.status != ProjectStatus.OPEN:
        raise InputError.single(
            ["input", "id"],
            f"Only OPEN requests can be awarded; this one is {project.status}.",
            ErrorCode.INVALID_TRANSITION,
        )
    if not await vendors.vendor_exists(session, vendor_id):
        raise InputError.single(["input", "vendorId"], "No such vendor.", ErrorCode.NOT_FOUND)
    changes = {
        "status": ProjectStatus.AWARDED,
        "awarded_vendor_id": vendor_id,
        "award_accepted_at": None,
    }
    return await guarded_update(session, project, changes, ScopeValues(), None)


async def respond_to_award(
    *,
    session: AsyncSession,
    viewer: Viewer | None,
    project_id: int,
    accept: bool,
    responded_at: datetime | None = None,
) -> ProjectRequest:
    """The awarded vendor's owner accepts the award, or declines it and the request reopens.

    An award is only an offer: until the vendor accepts, nobody has been hired and the
    business cannot review. Admins do not act for vendors. `responded_at` lets the seed
    loader keep history.
    """
    if viewer is None:
        raise unauthenticated()
    if viewer.role != Role.VENDOR:
        raise forbidden("Only the vendor a request was awarded to can respond to the award.")
    project = await session.get(ProjectRequest, project_id, populate_existing=True)
    if project is None or not can_see(viewer, project):
        raise InputError.single(
            ["input", "projectRequestId"], "No such project request.", ErrorCode.NOT_FOUND
        )
    owner = (
        await vendors.owner_of(session, project.awarded_vendor_id)
        if project.awarded_vendor_id is not None
        else None
    )
    if owner is None or owner != viewer.account_id:
        raise forbidden("Only the vendor a request was awarded to can respond to the award.")
    if project.status != ProjectStatus.AWARDED or project.award_accepted_at is not None:
        state = "already accepted" if project.award_accepted_at is not None else project.status
        raise InputError.single(
            ["input", "projectRequestId"],
            f"Only a pending award can be accepted or declined; this one is {state}.",
            ErrorCode.INVALID_TRANSITION,
        )
    changes: dict[str, object] = (
        {"award_accepted_at": responded_at or utcnow()}
        if accept
        else {"status": ProjectStatus.OPEN, "awarded_vendor_id": None, "award_accepted_at": None}
    )
    return await guarded_update(session, project, changes, ScopeValues(), None)


async def submit_review(
    *,
    session: AsyncSession,
    viewer: Viewer | None,
    project_id: int,
    draft: ReviewDraft,
    reviewed_at: datetime | None = None,
) -> Review:
    """The business whose award the vendor accepted rates that vendor, once per request.

    An award the vendor never agreed to is no hire, so it earns no "verified" review.
    `reviewed_at` lets the seed loader keep history.
    """
    if viewer is None:
        raise unauthenticated()
    if viewer.role != Role.BUSINESS:
        raise forbidden("Only the business that hired a vendor can review it.")
    problems = Problems()
    comment = check_review_draft(draft, problems)
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
        raise InputError.single(
            ["input", "projectRequestId"],
            "The vendor has not accepted this award yet.",
            ErrorCode.INVALID_TRANSITION,
        )
    review = await reviews.record_review(
        session=session,
        project_id=project_id,
        vendor_id=project.awarded_vendor_id,
        author_id=viewer.account_id,
        draft=draft,
        comment=comment,
        reviewed_at=reviewed_at,
    )
    await vendors.add_to_rating(session, review)
    return review
