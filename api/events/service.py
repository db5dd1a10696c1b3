"""Emitting events: every domain calls `emit` inside the transaction of the change it
reports, so the event commits (and is delivered) exactly when the change does.

Delivery (subscriptions, webhooks, the cross-worker wake-up) reads what `emit` wrote;
see `api/events/broadcast.py` and `api/events/webhooks.py`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.events.models import Event, EventKind, Webhook, WebhookDelivery

# The PostgreSQL channel every worker LISTENs on; the payload is the newest event id.
CHANNEL = "vendormatch_events"


async def emit(
    session: AsyncSession,
    *,
    kind: EventKind,
    recipients: Iterable[int | None],
    subject_type: str,
    subject_id: int,
    summary: str,
    payload: Mapping[str, object] | None = None,
) -> list[Event]:
    """Record one event per recipient account (None and duplicates skipped), queue it for
    each of the recipient's active webhooks, and wake every worker when it commits."""
    accounts = sorted({account for account in recipients if account is not None})
    if not accounts:
        return []
    events = [
        Event(
            account_id=account,
            kind=kind,
            subject_type=subject_type,
            subject_id=subject_id,
            summary=summary[:300],
            payload=dict(payload or {}),
        )
        for account in accounts
    ]
    session.add_all(events)
    await session.flush()
    hooks = (
        await session.execute(
            select(col(Webhook.id), col(Webhook.account_id)).where(
                col(Webhook.account_id).in_(accounts), col(Webhook.active).is_(True)
            )
        )
    ).all()
    event_ids = {event.account_id: event.id or 0 for event in events}
    session.add_all(
        WebhookDelivery(webhook_id=hook_id, event_id=event_ids[account])
        for hook_id, account in hooks
        if hook_id is not None
    )
    if session.get_bind().dialect.name == "postgresql":
        # Sent only if the transaction commits; every worker's listener wakes at once.
        newest = max(event.id or 0 for event in events)
        await session.execute(
            text("SELECT pg_notify(:channel, :newest)"), {"channel": CHANNEL, "newest": str(newest)}
        )
    return events
