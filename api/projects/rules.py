"""The rules of a project request's lifecycle and visibility."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, exists, false, not_, or_, true
from sqlmodel import col

from api.core.viewer import Role, Viewer
from api.projects.models import (
    InvitationStatus,
    ProjectInvitation,
    ProjectRequest,
    ProjectStatus,
    Visibility,
)

# Where a request may go next, by the owner's hand (AWARDED goes through `award`, and back
# to OPEN when the vendor declines, the owner withdraws or the award lapses).
TRANSITIONS: dict[str, set[str]] = {
    ProjectStatus.DRAFT: {ProjectStatus.OPEN, ProjectStatus.CANCELLED},
    ProjectStatus.OPEN: {ProjectStatus.CANCELLED},
    ProjectStatus.AWARDED: {ProjectStatus.CLOSED, ProjectStatus.CANCELLED},
    ProjectStatus.CLOSED: set(),
    ProjectStatus.CANCELLED: set(),
}
EDITABLE = {ProjectStatus.DRAFT, ProjectStatus.OPEN}
# A request can be reviewed once its award stands (and after it closes).
REVIEWABLE = {ProjectStatus.AWARDED, ProjectStatus.CLOSED}
# Invitations that let a vendor see (and propose on) an INVITE_ONLY request.
ADMITTING = (InvitationStatus.PENDING, InvitationStatus.ACCEPTED)


# --- awards: an unanswered award lapses at award_expires_at -------------------------------


def award_lapsed(project: ProjectRequest, now: datetime) -> bool:
    """An award nobody answered before it expired: the request reads as OPEN again."""
    return (
        project.status == ProjectStatus.AWARDED
        and project.award_accepted_at is None
        and project.award_expires_at is not None
        and project.award_expires_at <= now
    )


def effective_status(project: ProjectRequest, now: datetime) -> str:
    return ProjectStatus.OPEN if award_lapsed(project, now) else project.status


def lapsed_award(now: datetime) -> ColumnElement[bool]:
    """`award_lapsed` as SQL."""
    return and_(
        col(ProjectRequest.status) == ProjectStatus.AWARDED,
        col(ProjectRequest.award_accepted_at).is_(None),
        col(ProjectRequest.award_expires_at).is_not(None),
        col(ProjectRequest.award_expires_at) <= now,
    )


def status_is(status: str, now: datetime) -> ColumnElement[bool]:
    """Requests whose effective status is `status` (a lapsed award counts as OPEN)."""
    stored = col(ProjectRequest.status) == status
    if status == ProjectStatus.OPEN:
        return or_(stored, lapsed_award(now))
    if status == ProjectStatus.AWARDED:
        return and_(stored, not_(lapsed_award(now)))
    return stored


# --- invitations ----------------------------------------------------------------------------


def invitation_status(invitation: ProjectInvitation, now: datetime) -> str:
    """A PENDING invitation past its expiry reads as EXPIRED."""
    if invitation.status == InvitationStatus.PENDING and invitation.expires_at <= now:
        return InvitationStatus.EXPIRED
    return invitation.status


def admitting_invitation(vendor_id: int, now: datetime) -> ColumnElement[bool]:
    """The current request has an invitation to `vendor_id` that is ACCEPTED, or PENDING
    and unexpired."""
    return exists().where(
        col(ProjectInvitation.project_id) == ProjectRequest.id,
        col(ProjectInvitation.vendor_id) == vendor_id,
        or_(
            col(ProjectInvitation.status) == InvitationStatus.ACCEPTED,
            and_(
                col(ProjectInvitation.status) == InvitationStatus.PENDING,
                col(ProjectInvitation.expires_at) > now,
            ),
        ),
    )


# --- who sees a request ---------------------------------------------------------------------


def visible_to(
    viewer: Viewer | None, vendor_id: int | None = None, *, now: datetime
) -> ColumnElement[bool]:
    """Drafts are private to their owner (and admins); an INVITE_ONLY request is seen by
    its owner, admins, and the owners of vendors invited to it (or awarded it); the rest
    is public. `vendor_id` is the viewer's own vendor profile, if any."""
    if viewer is not None and viewer.role == Role.ADMIN:
        return true()
    published = col(ProjectRequest.status) != ProjectStatus.DRAFT
    clauses = [and_(published, col(ProjectRequest.visibility) == Visibility.PUBLIC)]
    if viewer is not None:
        clauses.append(col(ProjectRequest.owner_id) == viewer.account_id)
    if vendor_id is not None:
        clauses.append(
            and_(
                published,
                or_(
                    admitting_invitation(vendor_id, now),
                    col(ProjectRequest.awarded_vendor_id) == vendor_id,
                ),
            )
        )
    return or_(*clauses) if clauses else false()


def sees_everything(viewer: Viewer | None, project: ProjectRequest) -> bool:
    """The owner and admins see a request whole: drafts, NDA text, shortlist, invitations."""
    return viewer is not None and (
        viewer.role == Role.ADMIN or viewer.account_id == project.owner_id
    )
