"""Message threads between a business and a vendor, per request and per engagement."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.core.clock import utcnow


class ThreadKind(enum.StrEnum):
    REQUEST = "REQUEST"
    ENGAGEMENT = "ENGAGEMENT"


class Side(enum.StrEnum):
    BUSINESS = "BUSINESS"
    VENDOR = "VENDOR"


class Thread(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("project_id", "vendor_id", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)
    project_id: int = Field(foreign_key="project_request.id", index=True)
    vendor_id: int = Field(foreign_key="vendor.id", index=True)
    # The business account of the request: with the vendor's owner, one of the two parties.
    business_id: int = Field(foreign_key="account.id", index=True)
    engagement_id: int | None = Field(default=None, index=True)
    last_message_at: datetime | None = Field(default=None, index=True)
    created_at: datetime = Field(default_factory=utcnow)


class Message(SQLModel, table=True):
    __table_args__ = (Index("ix_message_thread_created", "thread_id", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    thread_id: int = Field(foreign_key="thread.id")
    author_id: int = Field(foreign_key="account.id", index=True)
    side: str = Field(max_length=16)
    body: str = Field(max_length=10000)
    # For a reply to the other side: seconds since the oldest message it answers, so the
    # response-time figures are a cheap aggregate over these rows.
    response_seconds: int | None = None
    created_at: datetime = Field(default_factory=utcnow, index=True)


class ThreadRead(SQLModel, table=True):
    """How far an account has read a thread."""

    __tablename__ = "thread_read"

    thread_id: int = Field(foreign_key="thread.id", primary_key=True, ondelete="CASCADE")
    account_id: int = Field(foreign_key="account.id", primary_key=True)
    last_read_message_id: int = 0
    read_at: datetime = Field(default_factory=utcnow)
