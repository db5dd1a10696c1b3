"""Who may reach a request, and what a vendor may do with it: the checks other domains
call (proposals, engagements) as well as this one's mutations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.core import clock
from api.core.errors import ErrorCode, InputError, forbidden, unauthenticated
from api.core.viewer import Role, Viewer
from api.projects.models import (
    NdaAcceptance,
    ProjectRequest,
    ProjectStatus,
    ScreeningQuestion,
    Visibility,
)
from api.projects.reads import project_by_id, viewer_vendor_id
from api.projects.rules import admitting_invitation, status_is
from api.projects.writes import settle


@dataclass(frozen=True)
class Question:
    """A screening question as a vendor answers it: by `position`."""

    position: int
    question: str
    required: bool


def require_business(viewer: Viewer | None) -> None:
    if viewer is None:
        raise unauthenticated()
    if viewer.role != Role.BUSINESS:
        raise forbidden("Only business accounts can post project requests.")


async def viewable_project(
    session: AsyncSession,
    viewer: Viewer | None,
    project_id: int,
    *,
    field: Sequence[str] = ("input", "projectRequestId"),
) -> ProjectRequest:
    """The request if the viewer may see it (owner, admin, anyone for a PUBLIC non-draft,
    an invited or awarded vendor's owner for INVITE_ONLY), else NOT_FOUND at `field`.
    A lapsed award is settled first, so the row says OPEN."""
    vendor_id = await viewer_vendor_id(session, viewer)
    project = await project_by_id(session, viewer, project_id, vendor_id)
    if project is None:
        raise InputError.single(list(field), "No such project request.", ErrorCode.NOT_FOUND)
    return await settle(session, project, clock.utcnow())


async def owned_project(
    session: AsyncSession,
    viewer: Viewer | None,
    project_id: int,
    *,
    field: Sequence[str] = ("input", "id"),
) -> ProjectRequest:
    """A request its owner (a business) is about to change; others are refused."""
    require_business(viewer)
    assert viewer is not None
    project = await viewable_project(session, viewer, project_id, field=field)
    if project.owner_id != viewer.account_id:
        raise forbidden("You can only change your own project requests.")
    return project


async def vendor_may_propose(session: AsyncSession, *, project_id: int, vendor_id: int) -> bool:
    """The request is OPEN, and PUBLIC or the vendor holds a PENDING (unexpired) or
    ACCEPTED invitation to it."""
    now = clock.utcnow()
    statement = select(
        exists().where(
            col(ProjectRequest.id) == project_id,
            status_is(ProjectStatus.OPEN, now),
            or_(
                col(ProjectRequest.visibility) == Visibility.PUBLIC,
                admitting_invitation(vendor_id, now),
            ),
        )
    )
    return bool(await session.scalar(statement))


async def nda_cleared(session: AsyncSession, *, project_id: int, vendor_id: int) -> bool:
    """The request needs no NDA, or the vendor's owner accepted it."""
    statement = select(
        exists().where(
            col(ProjectRequest.id) == project_id,
            or_(
                col(ProjectRequest.nda_required).is_(False),
                exists().where(
                    and_(
                        col(NdaAcceptance.project_id) == project_id,
                        col(NdaAcceptance.vendor_id) == vendor_id,
                    )
                ),
            ),
        )
    )
    return bool(await session.scalar(statement))


async def screening_questions(session: AsyncSession, project_id: int) -> list[Question]:
    rows = (
        await session.execute(
            select(ScreeningQuestion)
            .where(col(ScreeningQuestion.project_id) == project_id)
            .order_by(col(ScreeningQuestion.position))
        )
    ).scalars()
    return [Question(row.position, row.question, row.required) for row in rows]


async def own_vendor(session: AsyncSession, viewer: Viewer | None) -> int:
    """The vendor profile the signed-in VENDOR account owns, or why it cannot act."""
    if viewer is None:
        raise unauthenticated()
    if viewer.role != Role.VENDOR:
        raise forbidden("Only a vendor's owner can do this.")
    vendor_id = await viewer_vendor_id(session, viewer)
    if vendor_id is None:
        raise forbidden("Create your vendor profile first.")
    return vendor_id
