"""The rules of a project request's lifecycle and visibility."""

from __future__ import annotations

from sqlalchemy import ColumnElement, or_, true
from sqlmodel import col

from api.core.viewer import Role, Viewer
from api.projects.models import ProjectRequest, ProjectStatus

# Where a request may go next, by the owner's hand (AWARDED goes through `award`, and back
# to OPEN only when the vendor declines through `respond_to_award`).
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


def visible_to(viewer: Viewer | None) -> ColumnElement[bool]:
    """Drafts are private to their owner (and admins); everything else is public."""
    if viewer is not None and viewer.role == Role.ADMIN:
        return true()
    public = col(ProjectRequest.status) != ProjectStatus.DRAFT
    if viewer is None:
        return public
    return or_(public, col(ProjectRequest.owner_id) == viewer.account_id)


def can_see(viewer: Viewer | None, project: ProjectRequest) -> bool:
    return project.status != ProjectStatus.DRAFT or (
        viewer is not None and (viewer.role == Role.ADMIN or viewer.account_id == project.owner_id)
    )
