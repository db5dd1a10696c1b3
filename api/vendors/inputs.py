"""GraphQL inputs for vendor profiles, and their conversion to a VendorDraft."""

from __future__ import annotations

from decimal import Decimal
from typing import TypeAlias

import strawberry

from api.values.inputs import MoneyInput, MoneyRangeInput, WorkingHoursInput
from api.vendors.fields import ExpertiseEntry, LanguageEntry, StaffedHoursEntry, VendorDraft
from api.vendors.ordering import OrderDirection, VendorOrderField
from api.vendors.search import VendorQuery
from api.vendors.types import AvailabilityType, ProficiencyType, VendorKindType


@strawberry.input
class LanguageInput:
    code: str = strawberry.field(description="ISO 639-1, e.g. 'en'.")
    proficiency: ProficiencyType


@strawberry.input
class ExpertiseInput:
    tag: str = strawberry.field(
        description="A tag slug, name or alias, e.g. 'ReactJS'; any other skill (at most 80 "
        "characters) is kept as free text and reported in the payload's notes."
    )
    years: float


@strawberry.input(description="The hours a day, and days a week, someone answers for clients.")
class StaffedHoursInput:
    hours_per_day: float = strawberry.field(description="1 to 24; 24 is a round-the-clock desk.")
    days_per_week: int = strawberry.field(description="1 to 7.")

    def to_entry(self) -> StaffedHoursEntry:
        return StaffedHoursEntry(self.hours_per_day, self.days_per_week)


@strawberry.input
class VendorProfileFields:
    """Fields shared by create and update; update changes only those given."""

    kind: VendorKindType | None = None
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
    availability: AvailabilityType | None = None
    founded_year: int | None = None
    median_response_hours: float | None = None
    hours_per_week: float | None = strawberry.field(
        default=None,
        description="Hours of work a week the vendor can take on (at most 80 per head of "
        "teamSize); unset, the matcher assumes about 35 per head.",
    )
    staffed_hours: StaffedHoursInput | None = strawberry.field(
        default=None,
        description="Staffed coverage; unset, the working hours on five days a week.",
    )

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
            hourly_rate=self.hourly_rate.to_entry() if self.hourly_rate else None,
            min_project_budget=self.min_project_budget.to_entry()
            if self.min_project_budget
            else None,
            team_size=self.team_size,
            expertise=None
            if self.expertise is None
            else [ExpertiseEntry(item.tag, item.years) for item in self.expertise],
            certifications=self.certifications,
            availability=self.availability.value if self.availability else None,
            founded_year=self.founded_year,
            median_response_hours=self.median_response_hours,
            hours_per_week=self.hours_per_week,
            staffed_hours=self.staffed_hours.to_entry() if self.staffed_hours else None,
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


# strawberry.enum registers the GraphQL enum on the class and returns the class itself;
# the `...Type` aliases name the enum in annotations.
strawberry.enum(VendorOrderField, name="VendorOrderField")
strawberry.enum(OrderDirection, name="OrderDirection")
VendorOrderFieldType: TypeAlias = VendorOrderField
OrderDirectionType: TypeAlias = OrderDirection


@strawberry.input(description="An hourly-rate range in a chosen currency; either end may be open.")
class RateFilterInput:
    min: Decimal | None = None
    max: Decimal | None = None
    currency: str = "USD"


@strawberry.input
class VendorFilter:
    tags_any: list[str] | None = strawberry.field(default=None, description="Has any of these.")
    tags_all: list[str] | None = strawberry.field(default=None, description="Has all of these.")
    country: str | None = None
    region: str | None = strawberry.field(default=None, description="UN sub-region or continent.")
    language: str | None = None
    hourly_rate: RateFilterInput | None = None
    min_rating: Decimal | None = None
    certifications: list[str] | None = None
    verified: bool | None = None
    kind: VendorKindType | None = None
    availability: AvailabilityType | None = None


@strawberry.input
class VendorOrder:
    field: VendorOrderFieldType
    direction: OrderDirectionType | None = None


def to_query(
    filter: VendorFilter | None, search: str | None, order_by: VendorOrder | None
) -> VendorQuery:
    f = filter or VendorFilter()
    rate = f.hourly_rate
    return VendorQuery(
        tags_any=f.tags_any or [],
        tags_all=f.tags_all or [],
        country=f.country,
        region=f.region,
        language=f.language,
        rate_min=rate.min if rate else None,
        rate_max=rate.max if rate else None,
        rate_currency=rate.currency if rate else "USD",
        min_rating=f.min_rating,
        certifications=f.certifications or [],
        verified=f.verified,
        kind=f.kind.value if f.kind else None,
        availability=f.availability.value if f.availability else None,
        search=search,
        order_field=order_by.field if order_by else VendorOrderField.RATING,
        order_direction=order_by.direction if order_by else None,
    )
