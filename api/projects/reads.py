"""Reading project requests: by id, by page and as published, always as the viewer may
see them; and a stored request as the matching library's scope."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.core import clock
from api.core.viewer import Role, Viewer
from api.graphql.pagination import (
    Position,
    newest_first,
)
from api.projects.models import ProjectFreeSkill, ProjectRequest, ProjectSkill, ProjectStatus
from api.projects.rules import status_is, visible_to
from api.scopes.conversion import library_scope
from api.scopes.skills import Requirement, stored_requirement
from api.tags.catalog import NamedSkill, TagCatalog
from api.vendors.dataloaders import VendorByOwnerIdLoader
from matching import Scope


async def viewer_vendor_id(session: AsyncSession, viewer: Viewer | None) -> int | None:
    """The vendor profile the viewer owns (only VENDOR accounts own one)."""
    if viewer is None or viewer.role != Role.VENDOR:
        return None
    vendor = await VendorByOwnerIdLoader(session).load(viewer.account_id)
    return vendor.id if vendor is not None else None


async def project_by_id(
    session: AsyncSession, viewer: Viewer | None, project_id: int, vendor_id: int | None = None
) -> ProjectRequest | None:
    """The request if the viewer may see it; `vendor_id` is the viewer's vendor profile."""
    result = await session.execute(
        select(ProjectRequest).where(
            col(ProjectRequest.id) == project_id,
            visible_to(viewer, vendor_id, now=clock.utcnow()),
        )
    )
    return result.scalar_one_or_none()


async def visible_ids(
    session: AsyncSession, viewer: Viewer | None, vendor_id: int | None, ids: Sequence[int]
) -> set[int]:
    """Which of `ids` the viewer may see, in one statement."""
    statement = select(col(ProjectRequest.id)).where(
        col(ProjectRequest.id).in_(list(ids)), visible_to(viewer, vendor_id, now=clock.utcnow())
    )
    return {row_id for row_id in (await session.execute(statement)).scalars() if row_id}


# Requests list newest first, the only order they have.
PROJECT_ORDER = "projectRequests:NEWEST:DESC"


async def list_projects(
    session: AsyncSession,
    viewer: Viewer | None,
    *,
    vendor_id: int | None = None,
    status: str | None,
    mine: bool,
    after: Position | None,
    limit: int,
) -> tuple[list[tuple[ProjectRequest, str]], Callable[[], Awaitable[int]]]:
    """A newest-first page of the requests the viewer may see, starting after `after`
    (each with its cursor), and a counter for all."""
    now = clock.utcnow()
    conditions: list[ColumnElement[bool]] = [visible_to(viewer, vendor_id, now=now)]
    if status is not None:
        conditions.append(status_is(status, now))
    if mine:
        conditions.append(col(ProjectRequest.owner_id) == (viewer.account_id if viewer else -1))
    return await newest_first(session, ProjectRequest, conditions, PROJECT_ORDER, after, limit)


def _id(row: ProjectRequest) -> int:
    assert row.id is not None
    return row.id


async def published_after(
    session: AsyncSession,
    moment: datetime,
    skills: Sequence[NamedSkill],
    *,
    viewer: Viewer | None = None,
    vendor_id: int | None = None,
) -> list[ProjectRequest]:
    """OPEN requests published after `moment` that the viewer may see (an INVITE_ONLY one
    only by those it admits), needing any of `skills` (tags or free text; any when empty)."""
    statement = select(ProjectRequest).where(
        col(ProjectRequest.status) == ProjectStatus.OPEN,
        col(ProjectRequest.published_at) > moment,
        visible_to(viewer, vendor_id, now=clock.utcnow()),
    )
    if skills:
        tag_ids = [skill.tag_id for skill in skills if skill.tag_id is not None]
        keys = [skill.key for skill in skills if skill.tag_id is None]
        statement = statement.where(
            or_(
                exists().where(
                    col(ProjectSkill.project_id) == ProjectRequest.id,
                    col(ProjectSkill.tag_id).in_(tag_ids),
                ),
                exists().where(
                    col(ProjectFreeSkill.project_id) == ProjectRequest.id,
                    col(ProjectFreeSkill.key).in_(keys),
                ),
            )
        )
    statement = statement.order_by(col(ProjectRequest.published_at), col(ProjectRequest.id))
    return list((await session.execute(statement)).scalars())


def project_requirements(
    skills: Sequence[ProjectSkill], free: Sequence[ProjectFreeSkill], catalog: TagCatalog
) -> list[Requirement]:
    """A stored request's skill requirements: tags first, then free text, read through the
    catalog as it stands (free text it has come to know reads as its tag)."""
    tagged = [
        stored_requirement(catalog, catalog.by_id[r.tag_id].slug, r.must_have, r.weight, r.any_of)
        for r in skills
        if r.tag_id in catalog.by_id
    ]
    return tagged + [
        stored_requirement(catalog, r.name, r.must_have, r.weight, r.any_of) for r in free
    ]


def project_scope(
    project: ProjectRequest,
    skills: Sequence[ProjectSkill],
    free: Sequence[ProjectFreeSkill],
    catalog: TagCatalog,
) -> Scope:
    """A stored request (and its skill rows) as the library's Scope."""
    columns = {name: getattr(project, name) for name in ProjectRequest.model_fields}
    return library_scope(columns, project_requirements(skills, free, catalog))
