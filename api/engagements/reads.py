"""Reading engagements as a viewer may: its own (as the business or the vendor's owner),
every one for an admin, newest first."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlalchemy import ColumnElement, false, or_, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.core.viewer import Viewer
from api.engagements.models import Engagement
from api.graphql.pagination import (
    Position,
    newest_first,
)
from api.vendors.dataloaders import VendorByOwnerIdLoader

ENGAGEMENT_ORDER = "engagements:NEWEST:DESC"
Page = tuple[list[tuple[Engagement, str]], Callable[[], Awaitable[int]]]


async def mine(session: AsyncSession, viewer: Viewer | None) -> ColumnElement[bool]:
    """Engagements the viewer may list: its business's, its vendor's, or all (admin)."""
    if viewer is None:
        return false()
    if viewer.is_admin:
        return true()
    vendor = await VendorByOwnerIdLoader(session).load(viewer.account_id)
    conditions = [col(Engagement.business_id) == viewer.account_id]
    if vendor is not None:
        conditions.append(col(Engagement.vendor_id) == vendor.id)
    return or_(*conditions)


async def list_engagements(
    session: AsyncSession,
    viewer: Viewer | None,
    *,
    status: str | None,
    after: Position | None,
    limit: int,
) -> Page:
    conditions = [await mine(session, viewer)]
    if status is not None:
        conditions.append(col(Engagement.status) == status)
    return await newest_first(session, Engagement, conditions, ENGAGEMENT_ORDER, after, limit)
