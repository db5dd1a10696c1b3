"""What a caller may say about a vendor profile, before it is checked."""

from __future__ import annotations

from dataclasses import dataclass

from api.values.hours import HoursEntry
from api.values.money import MoneyEntry, MoneyRangeEntry


@dataclass(frozen=True)
class LanguageEntry:
    code: str
    proficiency: str


@dataclass(frozen=True)
class ExpertiseEntry:
    tag: str
    years: float


@dataclass(frozen=True)
class StaffedHoursEntry:
    hours_per_day: float
    days_per_week: int


@dataclass(frozen=True)
class VendorDraft:
    """Profile fields; None means 'not given' (create requires some, update changes only these)."""

    kind: str | None = None
    name: str | None = None
    headline: str | None = None
    description: str | None = None
    country: str | None = None
    timezone: str | None = None
    working_hours: HoursEntry | None = None
    languages: list[LanguageEntry] | None = None
    hourly_rate: MoneyRangeEntry | None = None
    min_project_budget: MoneyEntry | None = None
    team_size: int | None = None
    expertise: list[ExpertiseEntry] | None = None
    certifications: list[str] | None = None
    availability: str | None = None
    founded_year: int | None = None
    median_response_hours: float | None = None
    hours_per_week: float | None = None
    staffed_hours: StaffedHoursEntry | None = None
