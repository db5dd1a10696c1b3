"""A request's audience beyond invitations (invitations.py): the owner's shortlist, and
NDAs a vendor's owner accepts to read a confidential description."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.core import clock
from api.core.errors import ErrorCode, InputError, Problems, forbidden
from api.core.viewer import Viewer
from api.projects.access import own_vendor, owned_project, viewable_project
from api.projects.models import (
    NdaAcceptance,
    ProjectRequest,
    ProjectShortlist,
    ProjectStatus,
)
from api.values import checks as check
from api.vendors import service as vendors

MAX_SHORTLIST = 50
MAX_NOTE_CHARS = 500
# A shortlist is kept until the request ends; it is part of the hiring history.
SHORTLISTABLE = {ProjectStatus.DRAFT, ProjectStatus.OPEN, ProjectStatus.AWARDED}


# --- shortlists -----------------------------------------------------------------------------


async def shortlist_vendor(
    *,
    session: AsyncSession,
    viewer: Viewer | None,
    project_id: int,
    vendor_id: int,
    note: str | None,
) -> ProjectRequest:
    """The owner shortlists a vendor (again: its note is replaced)."""
    problems = Problems()
    cleaned = check.text(problems, ["note"], note, max_length=MAX_NOTE_CHARS, required=False)
    problems.raise_if_any()
    project = await owned_project(session, viewer, project_id, field=("input", "projectRequestId"))
    if project.status not in SHORTLISTABLE:
        raise InputError.single(
            ["input", "projectRequestId"],
            f"A {project.status} request takes no shortlist.",
            ErrorCode.INVALID_TRANSITION,
        )
    if not await vendors.vendor_exists(session, vendor_id):
        raise InputError.single(["input", "vendorId"], "No such vendor.", ErrorCode.NOT_FOUND)
    existing = await session.get(ProjectShortlist, (project_id, vendor_id))
    if existing is not None:
        existing.note = cleaned
    else:
        if await _count(session, ProjectShortlist, project_id) >= MAX_SHORTLIST:
            raise InputError.single(
                ["input", "vendorId"],
                f"A shortlist holds at most {MAX_SHORTLIST} vendors.",
                ErrorCode.TOO_MANY,
            )
        session.add(ProjectShortlist(project_id=project_id, vendor_id=vendor_id, note=cleaned))
    await session.flush()
    return project


async def remove_from_shortlist(
    *, session: AsyncSession, viewer: Viewer | None, project_id: int, vendor_id: int
) -> ProjectRequest:
    project = await owned_project(session, viewer, project_id, field=("input", "projectRequestId"))
    result = cast(
        CursorResult[Any],
        await session.execute(
            delete(ProjectShortlist).where(
                col(ProjectShortlist.project_id) == project_id,
                col(ProjectShortlist.vendor_id) == vendor_id,
            )
        ),
    )
    if result.rowcount != 1:
        raise InputError.single(
            ["input", "vendorId"], "This vendor is not on the shortlist.", ErrorCode.NOT_FOUND
        )
    return project


# --- NDAs -----------------------------------------------------------------------------------


async def accept_nda(
    *,
    session: AsyncSession,
    viewer: Viewer | None,
    project_id: int,
    vendor_id: int | None,
) -> ProjectRequest:
    """A vendor's owner who can see the request accepts its NDA (once; again is a no-op)."""
    own = await own_vendor(session, viewer)
    if vendor_id is not None and vendor_id != own:
        raise forbidden("You can accept an NDA only for your own vendor.")
    assert viewer is not None
    project = await viewable_project(session, viewer, project_id)
    if not project.nda_required:
        raise InputError.single(
            ["input", "projectRequestId"],
            "This request has no NDA to accept.",
            ErrorCode.INVALID_TRANSITION,
        )
    if await session.get(NdaAcceptance, (project_id, own)) is None:
        session.add(
            NdaAcceptance(
                project_id=project_id,
                vendor_id=own,
                account_id=viewer.account_id,
                accepted_at=clock.utcnow(),
            )
        )
        await session.flush()
    return project


# --- helpers ---


async def _count(session: AsyncSession, model: Any, project_id: int) -> int:
    statement = select(func.count()).select_from(model).where(model.project_id == project_id)
    return int(await session.scalar(statement) or 0)
