"""Events: what happened, for whom, and the webhooks that carry it out of the server.

Every domain writes its events in the same transaction as the change they describe (an
outbox), so an event exists exactly when its change committed; subscriptions and
webhook deliveries read them from here."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.core.clock import utcnow
from api.events.kinds import EventKind

__all__ = ["DeliveryStatus", "Event", "EventKind", "Webhook", "WebhookDelivery"]


class Event(SQLModel, table=True):
    """One notification for one account. `subject_type`/`subject_id` name the node it is
    about (a Proposal, an Engagement, ...), so clients can fetch it with `node(id:)`."""

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    kind: str = Field(max_length=32)
    subject_type: str = Field(max_length=32)
    subject_id: int
    # A short, human-readable line and a few ids; never the confidential text itself.
    summary: str = Field(max_length=300)
    payload: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    read_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow, index=True)


class DeliveryStatus(enum.StrEnum):
    PENDING = "PENDING"
    DELIVERED = "DELIVERED"
    FAILED = "FAILED"


class Webhook(SQLModel, table=True):
    """An account's endpoint for its events, signed with a secret only it and we know."""

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    url: str = Field(max_length=2000)
    secret: str = Field(max_length=128)
    description: str = Field(default="", max_length=200)
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)


class WebhookDelivery(SQLModel, table=True):
    """One event on its way to one webhook: every attempt's outcome, and when to retry."""

    __tablename__ = "webhook_delivery"
    __table_args__ = (UniqueConstraint("webhook_id", "event_id"),)

    id: int | None = Field(default=None, primary_key=True)
    webhook_id: int = Field(foreign_key="webhook.id", index=True, ondelete="CASCADE")
    event_id: int = Field(foreign_key="event.id", index=True)
    status: str = Field(default=DeliveryStatus.PENDING, max_length=16, index=True)
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, index=True)
    # Set while a worker is sending it, so two workers never send the same attempt.
    claimed_until: datetime | None = None
    last_status_code: int | None = None
    last_error: str | None = Field(default=None, max_length=500)
    delivered_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
