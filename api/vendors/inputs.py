"""GraphQL inputs for vendor profiles, and their conversion to a VendorDraft."""

from __future__ import annotations

from decimal import Decimal

import strawberry

from api.vendors.draft import (
    ExpertiseEntry,
    HoursEntry,
    LanguageEntry,
    MoneyEntry,
    RateEntry,
    VendorDraft,
)
from api.vendors.types import AvailabilityType, ProficiencyType, VendorKindType


@strawberry.input(description="Local working hours as HH:MM; an end before the start is overnight.")
class WorkingHoursInput:
    start: str
    end: str

    def to_entry(self) -> HoursEntry:
        return HoursEntry(start=self.start, end=self.end)


@strawberry.input
class LanguageInput:
    code: str = strawberry.field(description="ISO 639-1, e.g. 'en'.")
    proficiency: ProficiencyType  # type: ignore[valid-type]


@strawberry.input
class ExpertiseInput:
    tag: str = strawberry.field(description="A tag slug, name or alias, e.g. 'ReactJS'.")
    years: float


@strawberry.input
class MoneyRangeInput:
    min: Decimal
    max: Decimal
    currency: str = strawberry.field(description="ISO 4217, e.g. 'EUR'.")


@strawberry.input
class MoneyInput:
    amount: Decimal
    currency: str


@strawberry.input
class VendorProfileFields:
    """Fields shared by create and update; update changes only those given."""

    kind: VendorKindType | None = None  # type: ignore[valid-type]
    name: str | None = None
    headline: str | None = None
    description: str | None = None
    country: str | None = strawberry.field(default=None, description="ISO 3166-1 alpha-2.")
    timezone: str | None = strawberry.field(default=None, description="IANA, e.g. Europe/Warsaw.")
    working_hours: WorkingHoursInput | None = None
    languages: list[LanguageInput] | None = None
    hourly_rate: MoneyRangeInput | None = None
    min_project_budget: MoneyInput | None = None
    team_size: int | None = None
    expertise: list[ExpertiseInput] | None = None
    certifications: list[str] | None = None
    availability: AvailabilityType | None = None  # type: ignore[valid-type]
    founded_year: int | None = None
    median_response_hours: float | None = None

    def to_draft(self) -> VendorDraft:
        return VendorDraft(
            kind=self.kind.value if self.kind else None,
            name=self.name,
            headline=self.headline,
            description=self.description,
            country=self.country,
            timezone=self.timezone,
            working_hours=self.working_hours.to_entry() if self.working_hours else None,
            languages=None
            if self.languages is None
            else [LanguageEntry(item.code, item.proficiency.value) for item in self.languages],
            hourly_rate=None
            if self.hourly_rate is None
            else RateEntry(self.hourly_rate.min, self.hourly_rate.max, self.hourly_rate.currency),
            min_project_budget=None
            if self.min_project_budget is None
            else MoneyEntry(self.min_project_budget.amount, self.min_project_budget.currency),
            team_size=self.team_size,
            expertise=None
            if self.expertise is None
            else [ExpertiseEntry(item.tag, item.years) for item in self.expertise],
            certifications=self.certifications,
            availability=self.availability.value if self.availability else None,
            founded_year=self.founded_year,
            median_response_hours=self.median_response_hours,
        )


@strawberry.input
class CreateVendorProfileInput(VendorProfileFields):
    pass


@strawberry.input
class UpdateVendorProfileInput(VendorProfileFields):
    id: strawberry.ID
    expected_version: int | None = strawberry.field(
        default=None, description="The version you edited; a newer stored one refuses the write."
    )


@strawberry.input
class VerifyVendorInput:
    id: strawberry.ID
    verified: bool = True
