"""A viewer's threads, most recently active first, as keyset pages."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from sqlalchemy import ColumnElement, and_, exists, false, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.core.viewer import Role, Viewer
from api.graphql.pagination import Position, newest_first
from api.messaging.models import Message, Side, Thread, ThreadRead
from api.vendors import service as vendors

# Threads list by their latest activity, newest first.
THREAD_ORDER = "threads:ACTIVE:DESC"
# A thread opened without messages yet (an engagement's) is as active as its opening.
ACTIVE_AT = func.coalesce(col(Thread.last_message_at), col(Thread.created_at))


async def list_threads(
    session: AsyncSession,
    viewer: Viewer,
    *,
    unread_only: bool,
    after: Position | None,
    limit: int,
) -> tuple[list[tuple[Thread, str]], Callable[[], Awaitable[int]]]:
    """The viewer's threads (every thread for an admin), with each one's cursor, and a
    counter for all of them. `unread_only` keeps threads with a message from the other
    side the viewer has not read (an admin, no party, has none)."""
    vendor_id = (
        await vendors.vendor_of_owner(session, viewer.account_id)
        if viewer.role == Role.VENDOR
        else None
    )
    conditions: list[ColumnElement[bool]] = [_mine(viewer, vendor_id)]
    if unread_only:
        conditions.append(_unread(viewer, vendor_id))
    return await newest_first(
        session, Thread, conditions, THREAD_ORDER, after, limit, by=ACTIVE_AT, stamp=_active_at
    )


def _mine(viewer: Viewer, vendor_id: int | None) -> ColumnElement[bool]:
    if viewer.is_admin:
        return true()
    if vendor_id is not None:
        return col(Thread.vendor_id) == vendor_id
    return col(Thread.business_id) == viewer.account_id


def _unread(viewer: Viewer, vendor_id: int | None) -> ColumnElement[bool]:
    if viewer.is_admin:
        return false()
    side = Side.VENDOR if vendor_id is not None else Side.BUSINESS
    read_up_to = (
        select(col(ThreadRead.last_read_message_id))
        .where(
            col(ThreadRead.thread_id) == col(Thread.id),
            col(ThreadRead.account_id) == viewer.account_id,
        )
        .scalar_subquery()
    )
    return exists().where(
        and_(
            col(Message.thread_id) == col(Thread.id),
            col(Message.side) != side,
            or_(read_up_to.is_(None), col(Message.id) > read_up_to),
        )
    )


def _active_at(thread: Thread) -> datetime:
    """The time a thread pages by, as ACTIVE_AT computes it in SQL."""
    return thread.last_message_at or thread.created_at
