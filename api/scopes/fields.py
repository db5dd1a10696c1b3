"""A scope of work as a caller states it, before it is checked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from api.values.hours import HoursEntry
from api.values.money import MoneyRangeEntry
from matching import Coverage, Pricing, Sensitivity

# The matching library owns these vocabularies; the API stores and shows the same values.
PricingModel = Pricing
DataSensitivity = Sensitivity
StaffedCoverage = Coverage


@dataclass(frozen=True)
class SkillEntry:
    tag: str
    must_have: bool = False
    weight: float = 1.0
    # Other skills that would do instead (a must-have is met by any one of them).
    any_of: list[str] | None = None


@dataclass(frozen=True)
class BudgetEntry(MoneyRangeEntry):
    pricing: str


@dataclass(frozen=True)
class MilestoneEntry:
    title: str
    due_date: date


@dataclass(frozen=True)
class ScopeDraft:
    """Scope fields; None means 'not given' (posting requires some, updates change these)."""

    title: str | None = None
    description: str | None = None
    skills: list[SkillEntry] | None = None
    deliverables: list[str] | None = None
    milestones: list[MilestoneEntry] | None = None
    budget: BudgetEntry | None = None
    estimated_hours: float | None = None
    timezone: str | None = None
    working_hours: HoursEntry | None = None
    min_overlap_hours: float | None = None
    languages: list[str] | None = None
    preferred_regions: list[str] | None = None
    required_certifications: list[str] | None = None
    data_sensitivity: str | None = None
    start_date: date | None = None
    deadline: date | None = None
    coverage: str | None = None
    max_response_hours: float | None = None
