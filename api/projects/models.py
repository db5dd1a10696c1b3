"""Project requests: a business's scope of work and its lifecycle."""

from __future__ import annotations

import enum
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from api.core.clock import utcnow
from api.scopes.fields import DataSensitivity
from api.values.money import MONEY_DIGITS, MONEY_PLACES


class ProjectStatus(enum.StrEnum):
    DRAFT = "DRAFT"
    OPEN = "OPEN"
    AWARDED = "AWARDED"
    CLOSED = "CLOSED"
    CANCELLED = "CANCELLED"


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
    status: str = Field(default=ProjectStatus.DRAFT, max_length=16, index=True)
    awarded_vendor_id: int | None = Field(default=None, foreign_key="vendor.id", index=True)
    # An award is an offer until the vendor's owner accepts it; only then can it be reviewed.
    award_accepted_at: datetime | None = None
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
