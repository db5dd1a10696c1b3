"""Reading events and webhooks: an account's notifications by page, the events a worker
has not broadcast yet, and an account's webhooks."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.events.models import Event, Webhook
from api.graphql.pagination import (
    Position,
    after_position,
    datetime_key,
    encode_position,
    newest_first,
)

# Notifications list newest first, webhooks oldest first: the only orders they have.
NOTIFICATION_ORDER = "notifications:NEWEST:DESC"
WEBHOOK_ORDER = "webhooks:CREATED:ASC"


def _mine(account_id: int, unread_only: bool) -> list[ColumnElement[bool]]:
    conditions = [col(Event.account_id) == account_id]
    if unread_only:
        conditions.append(col(Event.read_at).is_(None))
    return conditions


async def notifications_page(
    session: AsyncSession,
    *,
    account_id: int,
    unread_only: bool,
    after: Position | None,
    limit: int,
) -> list[tuple[Event, str]]:
    """Up to `limit` of the account's events after `after`, newest first, with cursors."""
    conditions = _mine(account_id, unread_only)
    rows, _ = await newest_first(session, Event, conditions, NOTIFICATION_ORDER, after, limit)
    return rows


async def count_notifications(session: AsyncSession, *, account_id: int, unread_only: bool) -> int:
    statement = select(func.count()).select_from(Event).where(*_mine(account_id, unread_only))
    return int(await session.scalar(statement) or 0)


async def events_since(
    session: AsyncSession, *, account_id: int, since: datetime, limit: int
) -> list[Event]:
    """The account's newest `limit` events created at or after `since`, oldest first."""
    statement = (
        select(Event)
        .where(col(Event.account_id) == account_id, col(Event.created_at) >= since)
        .order_by(col(Event.id).desc())
        .limit(limit)
    )
    return list(reversed((await session.execute(statement)).scalars().all()))


async def events_after(
    session: AsyncSession, *, last_id: int, also: Collection[int], limit: int
) -> list[Event]:
    """Events with an id above `last_id`, or among `also` (ids a worker is still waiting
    for), in id order."""
    condition = col(Event.id) > last_id
    if also:
        condition = or_(condition, col(Event.id).in_(sorted(also)))
    statement = select(Event).where(condition).order_by(col(Event.id)).limit(limit)
    return list((await session.execute(statement)).scalars().all())


async def newest_event_id(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.max(col(Event.id)))) or 0)


async def webhooks_page(
    session: AsyncSession, *, account_id: int, after: Position | None, limit: int
) -> list[tuple[Webhook, str]]:
    """Up to `limit` of the account's webhooks after `after`, oldest first, with cursors."""
    conditions = [col(Webhook.account_id) == account_id]
    if after is not None:
        conditions.append(
            after_position(
                col(Webhook.created_at),
                datetime_key(after.require_order(WEBHOOK_ORDER)),
                col(Webhook.id),
                after.id,
                key_descending=False,
                id_descending=False,
            )
        )
    statement = (
        select(Webhook)
        .where(*conditions)
        .order_by(col(Webhook.created_at), col(Webhook.id))
        .limit(limit)
    )
    rows = (await session.execute(statement)).scalars().all()
    return [(row, _cursor(row.created_at, row.id, WEBHOOK_ORDER)) for row in rows]


async def count_webhooks(session: AsyncSession, account_id: int) -> int:
    statement = (
        select(func.count()).select_from(Webhook).where(col(Webhook.account_id) == account_id)
    )
    return int(await session.scalar(statement) or 0)


def _cursor(moment: datetime, row_id: int | None, order: str) -> str:
    assert row_id is not None
    return encode_position(moment.isoformat(), row_id, order)
