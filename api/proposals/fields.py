"""A proposal as a vendor states it, before it is checked (None: not given)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from matching import Pricing


@dataclass(frozen=True)
class PriceEntry:
    """FIXED: `amount` is the total; HOURLY: `amount` is the hourly rate."""

    pricing: Pricing
    amount: Decimal
    currency: str


@dataclass(frozen=True)
class ScheduleEntry:
    start_date: date | None
    end_date: date


@dataclass(frozen=True)
class TeamEntry:
    size: int
    roles: list[str]


@dataclass(frozen=True)
class ProposalDraft:
    price: PriceEntry | None = None
    estimated_hours: float | None = None
    schedule: ScheduleEntry | None = None
    team: TeamEntry | None = None
    approach: str | None = None
    answers: list[str] | None = None
