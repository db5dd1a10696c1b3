"""Proposals: a vendor's offer on a request: price, schedule, team, approach, answers."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.core.clock import utcnow
from api.values.money import MONEY_DIGITS, MONEY_PLACES


class ProposalStatus(enum.StrEnum):
    SUBMITTED = "SUBMITTED"
    WITHDRAWN = "WITHDRAWN"
    DECLINED = "DECLINED"
    ACCEPTED = "ACCEPTED"


class Proposal(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("project_id", "vendor_id"),)

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project_request.id", index=True)
    vendor_id: int = Field(foreign_key="vendor.id", index=True)
    status: str = Field(default=ProposalStatus.SUBMITTED, max_length=16, index=True)
    # FIXED: `amount` is the total; HOURLY: `amount` is the rate and `estimated_hours` counts.
    pricing: str = Field(max_length=8)
    amount: Decimal = Field(max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES)
    currency: str = Field(max_length=3)
    estimated_hours: float | None = None
    start_date: date | None = None
    end_date: date
    team_size: int
    team_roles: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    approach: str = Field(max_length=10000)
    # Answers to the request's screening questions, by position.
    answers: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    decline_reason: str | None = Field(default=None, max_length=1000)
    revision: int = 1
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow, index=True)
    updated_at: datetime = Field(default_factory=utcnow)
