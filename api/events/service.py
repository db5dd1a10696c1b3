"""Emitting events: every domain calls `emit` inside the transaction of the change it
reports, so the event commits (and is delivered) exactly when the change does.

Delivery (subscriptions, webhooks, the cross-worker wake-up) reads what `emit` wrote;
see `api/events/broadcast.py` and `api/events/webhooks.py`."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import ColumnElement, delete, select, text, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.core.clock import utcnow
from api.core.errors import ErrorCode, InputError, Problem, unauthenticated
from api.core.settings import Settings
from api.core.viewer import Viewer
from api.events import reads
from api.events.fields import ReadMarks, WebhookDraft
from api.events.kinds import EventKind
from api.events.models import Event, Webhook, WebhookDelivery
from api.events.rules import check_read_marks, check_webhook

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


@dataclass(frozen=True)
class ReadResult:
    marked: int
    unread: int


async def mark_read(
    *, session: AsyncSession, viewer: Viewer | None, marks: ReadMarks
) -> ReadResult:
    """Mark the viewer's notifications read: those in `marks.ids` (each must be the
    viewer's), or every one up to and including `marks.up_to`. Marking twice is harmless."""
    if viewer is None:
        raise unauthenticated()
    check_read_marks(marks).raise_if_any()
    mine = col(Event.account_id) == viewer.account_id
    if marks.ids is not None:
        owned = set(
            await session.scalars(select(col(Event.id)).where(mine, col(Event.id).in_(marks.ids)))
        )
        missing = [
            Problem(
                ("input", "ids", str(index)),
                "No notification of yours has this ID.",
                ErrorCode.NOT_FOUND,
            )
            for index, pk in enumerate(marks.ids)
            if pk not in owned
        ]
        if missing:
            raise InputError(missing)
        chosen: ColumnElement[bool] = col(Event.id).in_(marks.ids)
    else:
        assert marks.up_to is not None
        found = await session.scalar(
            select(col(Event.id)).where(mine, col(Event.id) == marks.up_to)
        )
        if found is None:
            raise InputError.single(
                ["input", "upTo"], "No notification of yours has this ID.", ErrorCode.NOT_FOUND
            )
        chosen = col(Event.id) <= marks.up_to
    result = await session.execute(
        update(Event).where(mine, chosen, col(Event.read_at).is_(None)).values(read_at=utcnow())
    )
    marked = result.rowcount if isinstance(result, CursorResult) else 0
    unread = await reads.count_notifications(
        session, account_id=viewer.account_id, unread_only=True
    )
    return ReadResult(marked=marked, unread=unread)


@dataclass(frozen=True)
class Registered:
    """A new webhook and its signing secret, which is shown this once."""

    webhook: Webhook
    secret: str


async def register_webhook(
    *, session: AsyncSession, viewer: Viewer | None, draft: WebhookDraft, settings: Settings
) -> Registered:
    """A webhook for the viewer's events, at most MAX_WEBHOOKS_PER_ACCOUNT of them."""
    if viewer is None:
        raise unauthenticated()
    problems = await check_webhook(draft, allow_private=settings.webhook_allow_private)
    problems.raise_if_any()
    if session.get_bind().dialect.name == "postgresql":
        # Two registrations at once must not both pass the cap (SQLite has one writer).
        await session.execute(
            text("SELECT pg_advisory_xact_lock(hashtext('vendormatch.webhook'), :account)"),
            {"account": viewer.account_id},
        )
    cap = settings.max_webhooks_per_account
    if await reads.count_webhooks(session, viewer.account_id) >= cap:
        raise InputError.single(
            None,
            f"At most {cap} webhooks per account; delete one before adding another.",
            ErrorCode.TOO_MANY,
        )
    secret = f"whsec_{secrets.token_urlsafe(32)}"
    webhook = Webhook(
        account_id=viewer.account_id,
        url=draft.url.strip(),
        secret=secret,
        description=draft.description.strip(),
    )
    session.add(webhook)
    await session.flush()
    return Registered(webhook=webhook, secret=secret)


async def delete_webhook(*, session: AsyncSession, viewer: Viewer | None, webhook_id: int) -> int:
    """Delete one of the viewer's webhooks and its delivery log; the id it had."""
    if viewer is None:
        raise unauthenticated()
    webhook = await session.get(Webhook, webhook_id)
    # Another account's webhook reads as missing: its existence is no one else's business.
    if webhook is None or webhook.account_id != viewer.account_id:
        raise InputError.single(
            ["input", "id"], "No webhook of yours has this ID.", ErrorCode.NOT_FOUND
        )
    await session.execute(
        delete(WebhookDelivery).where(col(WebhookDelivery.webhook_id) == webhook_id)
    )
    await session.delete(webhook)
    await session.flush()
    return webhook_id
