"""Reading proposals: who may see one, a request's proposals for comparison, and a
vendor's own list. Writes are in `service.py`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.core.viewer import Role, Viewer
from api.graphql.pagination import Position, newest_first
from api.projects.dataloaders import ProjectByIdLoader
from api.proposals.models import Proposal

if TYPE_CHECKING:
    from api.projects.models import ProjectRequest


def may_read(viewer: Viewer | None, *, project_owner: int | None, vendor_owner: int | None) -> bool:
    """Who sees a proposal: admins, the request's owner and the proposing vendor's owner."""
    if viewer is None:
        return False
    return viewer.role == Role.ADMIN or viewer.account_id in (project_owner, vendor_owner)


async def proposals_for_comparison(
    session: AsyncSession, viewer: Viewer | None, project_id: int, *, status: str | None
) -> tuple[ProjectRequest, list[Proposal]] | None:
    """Every proposal on a request (at most MAX_PROPOSALS_PER_REQUEST) for its owner or an
    admin; None for anyone else, as if there were none to see."""
    if viewer is None:
        return None
    project = await ProjectByIdLoader(session).load(project_id)
    if project is None:
        return None
    if viewer.role != Role.ADMIN and project.owner_id != viewer.account_id:
        return None
    statement = select(Proposal).where(col(Proposal.project_id) == project_id)
    if status is not None:
        statement = statement.where(col(Proposal.status) == status)
    rows = (await session.execute(statement.order_by(col(Proposal.id)))).scalars().all()
    return project, list(rows)


# A vendor's own proposals list newest first, the only order they have.
VENDOR_ORDER = "myProposals:NEWEST:DESC"


async def vendor_proposals(
    session: AsyncSession,
    *,
    vendor_id: int,
    status: str | None,
    after: Position | None,
    limit: int,
) -> tuple[list[tuple[Proposal, str]], Callable[[], Awaitable[int]]]:
    """A newest-first page of one vendor's proposals after `after` (each with its cursor),
    and a counter for all; the caller has checked the viewer owns the vendor."""
    conditions: list[ColumnElement[bool]] = [col(Proposal.vendor_id) == vendor_id]
    if status is not None:
        conditions.append(col(Proposal.status) == status)
    return await newest_first(session, Proposal, conditions, VENDOR_ORDER, after, limit)
