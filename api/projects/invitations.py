"""Invitations: the owner invites a vendor to an OPEN request (it may then see it even
when INVITE_ONLY), the vendor's owner accepts or declines, the owner revokes; a PENDING
invitation expires after INVITATION_TTL_HOURS. Each answer is told to the other side."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.core import clock
from api.core.errors import ErrorCode, InputError, Problems
from api.core.viewer import Viewer
from api.events.kinds import EventKind
from api.events.service import emit
from api.graphql.pagination import (
    Position,
    newest_first,
)
from api.projects.access import own_vendor, owned_project, require_business
from api.projects.models import (
    InvitationStatus,
    ProjectInvitation,
    ProjectRequest,
    ProjectStatus,
)
from api.projects.rules import invitation_status
from api.values import checks as check
from api.vendors import service as vendors
from api.vendors.dataloaders import VendorByIdLoader

MAX_INVITATIONS = 100
MAX_MESSAGE_CHARS = 2000
INVITATION_ORDER = "myInvitations:NEWEST:DESC"


# --- invitations ----------------------------------------------------------------------------


async def invite_vendor(
    *,
    session: AsyncSession,
    viewer: Viewer | None,
    project_id: int,
    vendor_id: int,
    message: str | None,
    ttl_hours: int,
) -> ProjectInvitation:
    """The owner invites a vendor to an OPEN request (PUBLIC or INVITE_ONLY); a declined,
    revoked or expired invitation may be renewed."""
    problems = Problems()
    cleaned = check.text(
        problems, ["message"], message, max_length=MAX_MESSAGE_CHARS, required=False
    )
    problems.raise_if_any()
    project = await owned_project(session, viewer, project_id, field=("input", "projectRequestId"))
    if project.status != ProjectStatus.OPEN:
        raise InputError.single(
            ["input", "projectRequestId"],
            f"Only an OPEN request takes invitations; this one is {project.status}.",
            ErrorCode.INVALID_TRANSITION,
        )
    vendor_owner = await vendors.owner_of(session, vendor_id)
    if vendor_owner is None:
        raise InputError.single(["input", "vendorId"], "No such vendor.", ErrorCode.NOT_FOUND)
    now = clock.utcnow()
    expires_at = now + timedelta(hours=ttl_hours)
    invitation = await _invitation_of(session, project_id, vendor_id)
    if invitation is not None:
        state = invitation_status(invitation, now)
        if state in (InvitationStatus.PENDING, InvitationStatus.ACCEPTED):
            raise InputError.single(
                ["input", "vendorId"],
                f"This vendor's invitation is already {state}.",
                ErrorCode.TAKEN,
            )
        await _move(
            session,
            invitation,
            from_status=invitation.status,
            status=InvitationStatus.PENDING,
            message=cleaned,
            expires_at=expires_at,
            responded_at=None,
            created_at=now,
        )
    else:
        if await _count(session, ProjectInvitation, project_id) >= MAX_INVITATIONS:
            raise InputError.single(
                ["input", "vendorId"],
                f"A request takes at most {MAX_INVITATIONS} invitations.",
                ErrorCode.TOO_MANY,
            )
        invitation = ProjectInvitation(
            project_id=project_id,
            vendor_id=vendor_id,
            message=cleaned,
            expires_at=expires_at,
            created_at=now,
        )
        session.add(invitation)
        await session.flush()
    assert invitation.id is not None
    await emit(
        session,
        kind=EventKind.INVITED,
        recipients=[vendor_owner],
        subject_type="ProjectInvitation",
        subject_id=invitation.id,
        summary=f"You are invited to propose on '{project.title}'.",
        payload={"projectRequestId": project_id, "vendorId": vendor_id},
    )
    return invitation


async def respond_to_invitation(
    *, session: AsyncSession, viewer: Viewer | None, invitation_id: int, accept: bool
) -> ProjectInvitation:
    """The invited vendor's owner accepts or declines a PENDING, unexpired invitation."""
    vendor_id = await own_vendor(session, viewer)
    invitation = await session.get(ProjectInvitation, invitation_id, populate_existing=True)
    if invitation is None or invitation.vendor_id != vendor_id:
        raise InputError.single(
            ["input", "invitationId"], "No such invitation.", ErrorCode.NOT_FOUND
        )
    now = clock.utcnow()
    state = invitation_status(invitation, now)
    if state != InvitationStatus.PENDING:
        expired = state == InvitationStatus.EXPIRED
        since = f" (it expired at {invitation.expires_at.isoformat()})" if expired else ""
        raise InputError.single(
            ["input", "invitationId"],
            f"Only a PENDING invitation can be answered; this one is {state}{since}.",
            ErrorCode.INVALID_TRANSITION,
        )
    project = await session.get(ProjectRequest, invitation.project_id)
    assert project is not None
    if accept and project.status != ProjectStatus.OPEN:
        raise InputError.single(
            ["input", "invitationId"],
            f"The request is {project.status}; it no longer takes vendors.",
            ErrorCode.INVALID_TRANSITION,
        )
    status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
    await _move(
        session, invitation, from_status=InvitationStatus.PENDING, status=status, responded_at=now
    )
    name = await _vendor_name(session, vendor_id)
    assert invitation.id is not None
    await emit(
        session,
        kind=EventKind.INVITATION_ACCEPTED if accept else EventKind.INVITATION_DECLINED,
        recipients=[project.owner_id],
        subject_type="ProjectInvitation",
        subject_id=invitation.id,
        summary=f"{name} {'accepted' if accept else 'declined'} your invitation to "
        f"'{project.title}'.",
        payload={"projectRequestId": project.id, "vendorId": vendor_id},
    )
    return invitation


async def revoke_invitation(
    *, session: AsyncSession, viewer: Viewer | None, invitation_id: int
) -> ProjectInvitation:
    """The owner withdraws a PENDING or ACCEPTED invitation; the vendor loses access."""
    require_business(viewer)
    invitation = await session.get(ProjectInvitation, invitation_id, populate_existing=True)
    if invitation is None:
        raise InputError.single(
            ["input", "invitationId"], "No such invitation.", ErrorCode.NOT_FOUND
        )
    try:
        await owned_project(session, viewer, invitation.project_id, field=("input", "invitationId"))
    except InputError as error:
        # Another business learns nothing about whom this one invited.
        if any(p.code == ErrorCode.FORBIDDEN for p in error.problems):
            raise InputError.single(
                ["input", "invitationId"], "No such invitation.", ErrorCode.NOT_FOUND
            ) from error
        raise
    state = invitation_status(invitation, clock.utcnow())
    if state not in (InvitationStatus.PENDING, InvitationStatus.ACCEPTED):
        raise InputError.single(
            ["input", "invitationId"],
            f"Only a PENDING or ACCEPTED invitation can be revoked; this one is {state}.",
            ErrorCode.INVALID_TRANSITION,
        )
    await _move(session, invitation, from_status=invitation.status, status=InvitationStatus.REVOKED)
    return invitation


async def my_invitations(
    session: AsyncSession,
    viewer: Viewer | None,
    *,
    vendor_id: int | None,
    status: str | None,
    after: Position | None,
    limit: int,
) -> tuple[list[tuple[ProjectInvitation, str]], Callable[[], Awaitable[int]]]:
    """A newest-first page of the invitations to the viewer's vendor (none for others)."""
    now = clock.utcnow()
    conditions: list[ColumnElement[bool]] = [
        col(ProjectInvitation.vendor_id) == (vendor_id if vendor_id is not None else -1)
    ]
    if status == InvitationStatus.EXPIRED:
        conditions.append(
            (col(ProjectInvitation.status) == InvitationStatus.EXPIRED)
            | (
                (col(ProjectInvitation.status) == InvitationStatus.PENDING)
                & (col(ProjectInvitation.expires_at) <= now)
            )
        )
    elif status == InvitationStatus.PENDING:
        conditions += [
            col(ProjectInvitation.status) == status,
            col(ProjectInvitation.expires_at) > now,
        ]
    elif status is not None:
        conditions.append(col(ProjectInvitation.status) == status)
    return await newest_first(
        session, ProjectInvitation, conditions, INVITATION_ORDER, after, limit
    )


# --- helpers ---


async def _invitation_of(
    session: AsyncSession, project_id: int, vendor_id: int
) -> ProjectInvitation | None:
    statement = select(ProjectInvitation).where(
        col(ProjectInvitation.project_id) == project_id,
        col(ProjectInvitation.vendor_id) == vendor_id,
    )
    return (await session.execute(statement)).scalar_one_or_none()


async def _move(
    session: AsyncSession,
    invitation: ProjectInvitation,
    *,
    from_status: str,
    **changes: Any,
) -> None:
    """Change an invitation only if it still has `from_status`: a concurrent answer or
    revocation loses nothing, it is refused."""
    result = cast(
        CursorResult[Any],
        await session.execute(
            update(ProjectInvitation)
            .where(
                col(ProjectInvitation.id) == invitation.id,
                col(ProjectInvitation.status) == from_status,
            )
            .values(**changes)
            .execution_options(synchronize_session=False)
        ),
    )
    if result.rowcount != 1:
        raise InputError.single(
            ["input", "invitationId"],
            "The invitation changed at the same moment; reload and try again.",
            ErrorCode.CONFLICT,
        )
    await session.refresh(invitation)


async def _vendor_name(session: AsyncSession, vendor_id: int) -> str:
    vendor = await VendorByIdLoader(session).load(vendor_id)
    return vendor.name if vendor is not None else "A vendor"


async def _count(session: AsyncSession, model: Any, project_id: int) -> int:
    statement = select(func.count()).select_from(model).where(model.project_id == project_id)
    return int(await session.scalar(statement) or 0)
