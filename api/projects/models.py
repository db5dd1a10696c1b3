"""Project requests: a business's scope of work and its lifecycle."""

from __future__ import annotations

import enum
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.core.clock import utcnow
from api.scopes.fields import DataSensitivity, StaffedCoverage
from api.values.money import MONEY_DIGITS, MONEY_PLACES


class ProjectStatus(enum.StrEnum):
    DRAFT = "DRAFT"
    OPEN = "OPEN"
    AWARDED = "AWARDED"
    CLOSED = "CLOSED"
    CANCELLED = "CANCELLED"


class Visibility(enum.StrEnum):
    PUBLIC = "PUBLIC"
    INVITE_ONLY = "INVITE_ONLY"


class InvitationStatus(enum.StrEnum):
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
    REVOKED = "REVOKED"
    EXPIRED = "EXPIRED"


class ProjectRequest(SQLModel, table=True):
    __tablename__ = "project_request"

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(foreign_key="account.id", index=True)
    title: str = Field(max_length=160)
    description: str = Field(max_length=10000)
    budget_min: Decimal = Field(max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES)
    budget_max: Decimal = Field(max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES)
    currency: str = Field(max_length=3)
    pricing: str = Field(max_length=8)
    estimated_hours: float | None = None
    timezone: str = Field(max_length=64)
    work_start: time
    work_end: time
    min_overlap_hours: float = 0
    languages: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    preferred_regions: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    required_certifications: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    data_sensitivity: str = Field(default=DataSensitivity.LOW, max_length=8)
    start_date: date | None = None
    deadline: date | None = None
    coverage: str = Field(default=StaffedCoverage.BUSINESS_HOURS, max_length=20)
    max_response_hours: float | None = None
    status: str = Field(default=ProjectStatus.DRAFT, max_length=16, index=True)
    visibility: str = Field(default=Visibility.PUBLIC, max_length=16, index=True)
    # With an NDA, a vendor sees the full description and attachments' names only after
    # its owner accepts `nda_text`; until then it sees `summary`.
    nda_required: bool = False
    nda_text: str | None = Field(default=None, max_length=10000)
    summary: str | None = Field(default=None, max_length=500)
    attachment_names: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    acceptance_criteria: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    communication_plan: str | None = Field(default=None, max_length=2000)
    awarded_vendor_id: int | None = Field(default=None, foreign_key="vendor.id", index=True)
    # An award is an offer until the vendor's owner accepts it; only then can it be reviewed.
    award_accepted_at: datetime | None = None
    # An unanswered award lapses at `award_expires_at` and the request reopens.
    award_expires_at: datetime | None = None
    published_at: datetime | None = None
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow, index=True)
    updated_at: datetime = Field(default_factory=utcnow)


class ProjectSkill(SQLModel, table=True):
    __tablename__ = "project_skill"

    project_id: int = Field(foreign_key="project_request.id", primary_key=True, ondelete="CASCADE")
    tag_id: int = Field(foreign_key="tag.id", primary_key=True)
    must_have: bool = False
    weight: float = 1.0
    # Skills that would do instead: slugs, or free text the taxonomy does not know.
    any_of: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class ProjectFreeSkill(SQLModel, table=True):
    """A skill the request needs that the taxonomy does not know (yet): kept as typed
    (normalised), keyed by `matching.skill_key`."""

    __tablename__ = "project_free_skill"

    project_id: int = Field(foreign_key="project_request.id", primary_key=True, ondelete="CASCADE")
    key: str = Field(max_length=80, primary_key=True, index=True)
    name: str = Field(max_length=80)
    must_have: bool = False
    weight: float = 1.0
    any_of: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Deliverable(SQLModel, table=True):
    project_id: int = Field(foreign_key="project_request.id", primary_key=True, ondelete="CASCADE")
    position: int = Field(primary_key=True)
    description: str = Field(max_length=500)


class Milestone(SQLModel, table=True):
    project_id: int = Field(foreign_key="project_request.id", primary_key=True, ondelete="CASCADE")
    position: int = Field(primary_key=True)
    title: str = Field(max_length=160)
    due_date: date


class ProjectShortlist(SQLModel, table=True):
    """Vendors a business shortlisted for a request: the hiring history matching learns from."""

    __tablename__ = "project_shortlist"

    project_id: int = Field(foreign_key="project_request.id", primary_key=True, ondelete="CASCADE")
    vendor_id: int = Field(foreign_key="vendor.id", primary_key=True, index=True)
    note: str | None = Field(default=None, max_length=500)
    created_at: datetime = Field(default_factory=utcnow)


class ScreeningQuestion(SQLModel, table=True):
    __tablename__ = "screening_question"

    project_id: int = Field(foreign_key="project_request.id", primary_key=True, ondelete="CASCADE")
    position: int = Field(primary_key=True)
    question: str = Field(max_length=500)
    required: bool = True


class ProjectInvitation(SQLModel, table=True):
    """A vendor invited to a request: it may see the request even when INVITE_ONLY."""

    __tablename__ = "project_invitation"
    __table_args__ = (UniqueConstraint("project_id", "vendor_id"),)

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project_request.id", index=True, ondelete="CASCADE")
    vendor_id: int = Field(foreign_key="vendor.id", index=True)
    status: str = Field(default=InvitationStatus.PENDING, max_length=16)
    message: str | None = Field(default=None, max_length=2000)
    expires_at: datetime
    responded_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


class NdaAcceptance(SQLModel, table=True):
    """A vendor's owner accepted a request's NDA, as it stood then."""

    __tablename__ = "nda_acceptance"

    project_id: int = Field(foreign_key="project_request.id", primary_key=True, ondelete="CASCADE")
    vendor_id: int = Field(foreign_key="vendor.id", primary_key=True)
    account_id: int = Field(foreign_key="account.id")
    accepted_at: datetime = Field(default_factory=utcnow)
