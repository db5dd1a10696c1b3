"""Engagements: the work after a hire: how the parties talk, what gets delivered and paid,
the changes both sides agree to, disputes, and how it ends."""

from __future__ import annotations

import enum
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.core.clock import utcnow
from api.values.money import MONEY_DIGITS, MONEY_PLACES


class EngagementStatus(enum.StrEnum):
    ACTIVE = "ACTIVE"
    COMPLETED = "COMPLETED"
    ENDED = "ENDED"


class MilestoneStatus(enum.StrEnum):
    PENDING = "PENDING"
    IN_PROGRESS = "IN_PROGRESS"
    SUBMITTED = "SUBMITTED"
    APPROVED = "APPROVED"
    CHANGES_REQUESTED = "CHANGES_REQUESTED"


class CheckInCadence(enum.StrEnum):
    DAILY = "DAILY"
    WEEKLY = "WEEKLY"
    BIWEEKLY = "BIWEEKLY"


class ChangeStatus(enum.StrEnum):
    PROPOSED = "PROPOSED"
    ACCEPTED = "ACCEPTED"
    REJECTED = "REJECTED"
    WITHDRAWN = "WITHDRAWN"


class DisputeStatus(enum.StrEnum):
    OPEN = "OPEN"
    RESOLVED = "RESOLVED"


class Engagement(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project_request.id", unique=True)
    vendor_id: int = Field(foreign_key="vendor.id", index=True)
    business_id: int = Field(foreign_key="account.id", index=True)
    proposal_id: int | None = Field(default=None, foreign_key="proposal.id")
    status: str = Field(default=EngagementStatus.ACTIVE, max_length=16, index=True)
    currency: str = Field(max_length=3)
    # The communication plan: when the parties check in (in the business's zone, shown in
    # both), how fast each promises to answer, where, and in which language.
    checkin_cadence: str = Field(default=CheckInCadence.WEEKLY, max_length=16)
    checkin_weekday: int = 0  # Monday = 0; ignored for DAILY
    checkin_time: time
    business_timezone: str = Field(max_length=64)
    vendor_timezone: str = Field(max_length=64)
    response_time_hours: int = 24
    channel: str = Field(max_length=60)
    working_language: str = Field(max_length=3)
    started_at: datetime = Field(default_factory=utcnow)
    ended_at: datetime | None = None
    end_reason: str | None = Field(default=None, max_length=1000)
    ended_by_id: int | None = Field(default=None, foreign_key="account.id")
    ended_by_agreement: bool = False
    # One side asked to end by agreement; the other side's `endEngagement` agrees.
    end_requested_by_id: int | None = Field(default=None, foreign_key="account.id")
    end_requested_reason: str | None = Field(default=None, max_length=1000)
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow, index=True)
    updated_at: datetime = Field(default_factory=utcnow)


class EngagementMilestone(SQLModel, table=True):
    __tablename__ = "engagement_milestone"
    __table_args__ = (UniqueConstraint("engagement_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    engagement_id: int = Field(foreign_key="engagement.id", index=True, ondelete="CASCADE")
    position: int
    title: str = Field(max_length=160)
    amount: Decimal = Field(max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES)
    due_date: date
    acceptance_criteria: str = Field(max_length=4000)
    status: str = Field(default=MilestoneStatus.PENDING, max_length=20)
    submitted_at: datetime | None = None
    submission_note: str | None = Field(default=None, max_length=4000)
    approved_at: datetime | None = None
    feedback: str | None = Field(default=None, max_length=4000)
    version: int = 1
    updated_at: datetime = Field(default_factory=utcnow)


class ChangeRequest(SQLModel, table=True):
    """A change to a milestone's scope, amount or date (or a new milestone) that takes
    effect only when the other side accepts it."""

    __tablename__ = "change_request"

    id: int | None = Field(default=None, primary_key=True)
    engagement_id: int = Field(foreign_key="engagement.id", index=True, ondelete="CASCADE")
    milestone_id: int | None = Field(default=None, foreign_key="engagement_milestone.id")
    proposed_by_id: int = Field(foreign_key="account.id")
    reason: str = Field(max_length=2000)
    # The new values: any of title, acceptanceCriteria, amount, dueDate.
    changes: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: str = Field(default=ChangeStatus.PROPOSED, max_length=16)
    responded_by_id: int | None = Field(default=None, foreign_key="account.id")
    responded_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


class CheckIn(SQLModel, table=True):
    """A scheduled check-in held: who reported, and what they said."""

    __tablename__ = "check_in"

    id: int | None = Field(default=None, primary_key=True)
    engagement_id: int = Field(foreign_key="engagement.id", index=True, ondelete="CASCADE")
    author_id: int = Field(foreign_key="account.id")
    summary: str = Field(max_length=4000)
    created_at: datetime = Field(default_factory=utcnow, index=True)


class Dispute(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    engagement_id: int = Field(foreign_key="engagement.id", index=True, ondelete="CASCADE")
    milestone_id: int | None = Field(default=None, foreign_key="engagement_milestone.id")
    opened_by_id: int = Field(foreign_key="account.id")
    reason: str = Field(max_length=4000)
    evidence: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    status: str = Field(default=DisputeStatus.OPEN, max_length=16, index=True)
    resolution: str | None = Field(default=None, max_length=4000)
    resolved_by_id: int | None = Field(default=None, foreign_key="account.id")
    resolved_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
