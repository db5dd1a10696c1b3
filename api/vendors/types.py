"""GraphQL types for vendor profiles."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, time
from decimal import Decimal
from typing import Self, TypeAlias, TypeVar

import strawberry
from strawberry import relay

from api.core.identity_memo import IdentityMemo
from api.graphql.context import Info
from api.graphql.cost import cost_hint
from api.graphql.node import KeyedNode
from api.graphql.pagination import Connection, keyset_window
from api.reference.fx import fx_table
from api.reference.types import Country, Language
from api.reviews.dataloaders import (
    ReviewCountByVendorLoader,
    ReviewPageByVendorLoader,
    ReviewPageKey,
)
from api.reviews.types import ReviewConnection, ReviewType, rounded, rounded_score
from api.tags.catalog import NamedSkill
from api.tags.service import tag_catalog
from api.tags.types import TagType
from api.values.types import Money, MoneyRange, WorkingHours
from api.vendors.dataloaders import (
    CertificationsByVendorIdLoader,
    LanguagesByVendorIdLoader,
    SkillClaimsByVendorIdLoader,
    VendorByIdLoader,
)
from api.vendors.free_skills import claimed_skills
from api.vendors.models import Availability, Proficiency, VendorKind
from api.vendors.rules import MAX_CERTIFICATIONS, MAX_EXPERTISE, MAX_LANGUAGES
from api.vendors.views import VendorView

# strawberry.enum registers the GraphQL enum on the class and returns the class itself;
# the `...Type` aliases name the enum in annotations.
strawberry.enum(VendorKind, name="VendorKind")
strawberry.enum(Availability, name="Availability")
strawberry.enum(Proficiency, name="Proficiency")
VendorKindType: TypeAlias = VendorKind
AvailabilityType: TypeAlias = Availability
ProficiencyType: TypeAlias = Proficiency


@strawberry.type(description="A working language and how well the vendor speaks it.")
class SpokenLanguage:
    language: Language
    proficiency: ProficiencyType

    @strawberry.field(description="ISO 639-1 code, e.g. 'en'.")
    def code(self) -> str:
        return self.language.code


@strawberry.type(description="A skill the vendor claims, with its depth in years.")
class Expertise:
    tag: TagType
    years: float


@strawberry.type(
    description="A skill the vendor named that the taxonomy does not know (yet), as kept; "
    "matched by its wording."
)
class FreeSkill:
    name: str
    years: float


@strawberry.type(description="How a vendor's clients rated it, per dimension and overall.")
class RatingSummary:
    count: int
    _row: strawberry.Private[VendorView]

    def _mean(self, total: Decimal | int) -> Decimal | None:
        return rounded(Decimal(total) / self.count) if self.count else None

    @strawberry.field(description="Mean overall score (1-5); null before the first review.")
    def average(self) -> Decimal | None:
        return self._mean(self._row.rating_sum)

    @strawberry.field
    def quality(self) -> Decimal | None:
        return self._mean(self._row.quality_sum)

    @strawberry.field
    def communication(self) -> Decimal | None:
        return self._mean(self._row.communication_sum)

    @strawberry.field
    def timeliness(self) -> Decimal | None:
        return self._mean(self._row.timeliness_sum)

    @strawberry.field
    def value(self) -> Decimal | None:
        return self._mean(self._row.value_sum)

    @strawberry.field(description="Share of projects delivered on time (0-1).")
    def on_time_rate(self) -> Decimal | None:
        return self._mean(self._row.on_time_count)

    @strawberry.field(
        description="Average pulled towards the marketplace mean, so few reviews count less."
    )
    def bayesian_average(self) -> Decimal:
        # The stored score: the same average, under the published prior, that RATING
        # sorts by and the matcher's quality factor shrinks towards.
        return rounded_score(self._row.prior_mean, self._row.rating_lift)


@strawberry.type(
    description="How fast a vendor answers: measured from its replies in message threads "
    "over the last 90 days when there are any, else the vendor's own claim."
)
class ResponseTime:
    median_hours: float | None
    p90_hours: float | None = strawberry.field(description="Null unless measured.")
    samples: int = strawberry.field(description="Replies measured; 0 for a claim.")
    measured: bool

    @classmethod
    def of(cls, row: VendorView) -> ResponseTime:
        if row.response_samples > 0:
            return cls(
                median_hours=row.response_median_hours,
                p90_hours=row.response_p90_hours,
                samples=row.response_samples,
                measured=True,
            )
        return cls(
            median_hours=row.median_response_hours, p90_hours=None, samples=0, measured=False
        )


@strawberry.type(description="When someone answers for clients: hours a day, days a week.")
class StaffedHours:
    hours_per_day: float
    days_per_week: int
    declared: bool = strawberry.field(
        description="False: not declared, so the working hours on five days a week."
    )

    @classmethod
    def of(cls, row: VendorView) -> StaffedHours:
        if row.coverage_hours is not None:
            return cls(
                hours_per_day=row.coverage_hours, days_per_week=row.coverage_days, declared=True
            )
        return cls(
            hours_per_day=_span_hours(row.work_start, row.work_end),
            days_per_week=row.coverage_days,
            declared=False,
        )


def _span_hours(start: time, end: time) -> float:
    """The length of a working day, an overnight one included."""
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return (minutes % (24 * 60)) / 60


# Tag types by their row's identity (the catalog's rows live as long as the catalog): a
# page shows ~150 tags, and each made afresh read its row's ORM attributes. Bounded to a
# few catalogs' worth.
_tag_types: IdentityMemo[TagType] = IdentityMemo(limit=50_000)


def _tag_type(skill: NamedSkill) -> TagType:
    tag = skill.tag
    assert tag is not None
    return _tag_types.get_or_make((tag,), TagType.from_row, tag)


# A vendor's skills as the catalog names them, with years.
Skills: TypeAlias = list[tuple[NamedSkill, float]]
Shown = TypeVar("Shown")


def _expertise(skills: Skills) -> list[Expertise]:
    return [
        Expertise(tag=_tag_type(skill), years=years)
        for skill, years in skills
        if skill.tag is not None
    ]


def _free_skills(skills: Skills) -> list[FreeSkill]:
    return [FreeSkill(name=skill.name, years=years) for skill, years in skills if skill.tag is None]


@strawberry.type(name="Vendor", description="An agency or freelancer offering outsourced work.")
class VendorType(KeyedNode):
    id: relay.NodeID[int]
    slug: str
    kind: VendorKindType
    name: str
    headline: str
    description: str
    timezone: str = strawberry.field(description="IANA time zone, e.g. Europe/Warsaw.")
    team_size: int
    availability: AvailabilityType
    hours_per_week: float | None = strawberry.field(
        description="Declared capacity in hours a week; null: about 35 per head of teamSize."
    )
    founded_year: int | None
    median_response_hours: float | None = strawberry.field(
        description="The vendor's own claim; see responseTime for the measured figure."
    )
    verified: bool = strawberry.field(description="Vetted by a Vendormatch admin.")
    verified_at: datetime | None
    version: int = strawberry.field(description="Pass as expectedVersion to update safely.")
    created_at: datetime
    updated_at: datetime
    _row: strawberry.Private[VendorView]
    # The skills as the catalog reads them, when a page loaded them for all its vendors at
    # once; None: `expertise` and `otherSkills` load them through the request's loader.
    _skills: strawberry.Private[Skills | None] = None

    @classmethod
    def from_row(cls, row: VendorView, skills: Skills | None = None) -> Self:
        return cls(
            id=row.id,
            slug=row.slug,
            kind=VendorKind(row.kind),
            name=row.name,
            headline=row.headline,
            description=row.description,
            timezone=row.timezone,
            team_size=row.team_size,
            availability=Availability(row.availability),
            hours_per_week=row.hours_per_week,
            founded_year=row.founded_year,
            median_response_hours=row.median_response_hours,
            verified=row.verified,
            verified_at=row.verified_at,
            version=row.version,
            created_at=row.created_at,
            updated_at=row.updated_at,
            _row=row,
            _skills=skills,
        )

    @strawberry.field
    def country(self) -> Country:
        return Country.from_code(self._row.country)

    @strawberry.field(description="UN sub-region, e.g. 'Eastern Europe'.")
    def region(self) -> str:
        return self._row.region

    @strawberry.field
    def working_hours(self) -> WorkingHours:
        return WorkingHours.from_times(self._row.work_start, self._row.work_end)

    @strawberry.field
    def hourly_rate(self) -> MoneyRange:
        return MoneyRange(
            min=self._row.rate_min, max=self._row.rate_max, currency=self._row.currency
        )

    @strawberry.field
    def min_project_budget(self) -> Money | None:
        row = self._row
        if row.min_budget_amount is None or row.min_budget_currency is None:
            return None
        return Money(amount=row.min_budget_amount, currency=row.min_budget_currency)

    @strawberry.field(metadata=cost_hint(list_size=MAX_LANGUAGES))
    async def languages(self, info: Info) -> list[SpokenLanguage]:
        rows = await LanguagesByVendorIdLoader.of(info.context).load(self.id)
        return [
            SpokenLanguage(
                language=Language.from_code(r.code), proficiency=Proficiency(r.proficiency)
            )
            for r in rows
        ]

    async def _claimed(self, info: Info) -> Skills:
        claims = await SkillClaimsByVendorIdLoader.of(info.context).load(self.id)
        catalog = await tag_catalog(info.context.runtime)
        return claimed_skills(claims.tags, claims.texts, catalog)

    def _skills_as(self, info: Info, shape: Callable[[Skills], Shown]) -> Shown | Awaitable[Shown]:
        """`shape` of the skills: at once when the page loaded them (no awaitable per vendor
        to complete), else an awaitable through the request's loader."""
        if self._skills is not None:
            return shape(self._skills)
        return self._shaped_later(info, shape)

    async def _shaped_later(self, info: Info, shape: Callable[[Skills], Shown]) -> Shown:
        return shape(await self._claimed(info))

    # Synchronous or not (see _skills_as): `graphql_type` names the field's type.
    @strawberry.field(graphql_type=list[Expertise], metadata=cost_hint(list_size=MAX_EXPERTISE))
    def expertise(self, info: Info) -> list[Expertise] | Awaitable[list[Expertise]]:
        return self._skills_as(info, _expertise)

    @strawberry.field(
        graphql_type=list[FreeSkill],
        description="Skills the vendor named that no tag covers yet (free text); `expertise` "
        "and these together hold at most the expertise limit.",
        metadata=cost_hint(list_size=MAX_EXPERTISE),
    )
    def other_skills(self, info: Info) -> list[FreeSkill] | Awaitable[list[FreeSkill]]:
        return self._skills_as(info, _free_skills)

    @strawberry.field(
        description="Certification codes such as ISO_27001 or SOC_2.",
        metadata=cost_hint(list_size=MAX_CERTIFICATIONS),
    )
    async def certifications(self, info: Info) -> list[str]:
        return await CertificationsByVendorIdLoader.of(info.context).load(self.id)

    @strawberry.field
    def rating(self) -> RatingSummary:
        return RatingSummary(count=self._row.review_count, _row=self._row)

    @strawberry.field(
        description="Clients' reviews, newest first, including those that do not count "
        "toward the rating (see Review.counted)."
    )
    async def reviews(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> ReviewConnection:
        page = keyset_window(first, after)
        rows = await ReviewPageByVendorLoader.of(info.context).load(
            ReviewPageKey(vendor_id=self.id, after=page.after, limit=page.limit + 1)
        )
        loader = ReviewCountByVendorLoader.of(info.context)

        async def total() -> int:
            return await loader.load(self.id)

        return ReviewConnection.from_keyset(
            [ReviewType.from_row(row) for row, _cursor in rows],
            [cursor for _row, cursor in rows],
            page,
            total,
        )

    @strawberry.field(description="Staffed coverage, declared or from the working hours.")
    def staffed_hours(self) -> StaffedHours:
        return StaffedHours.of(self._row)

    @strawberry.field(description="Measured response time, or the claim until measured.")
    def response_time(self) -> ResponseTime:
        return ResponseTime.of(self._row)

    @strawberry.field(
        description="Why verification was lifted, until an admin verifies again; shown to "
        "the owner and admins only."
    )
    def verification_note(self, info: Info) -> str | None:
        viewer = info.context.viewer
        if viewer is None or not (viewer.is_admin or viewer.account_id == self._row.owner_id):
            return None
        return self._row.verification_note

    @strawberry.field(description="Whether the signed-in account owns this profile.")
    def is_mine(self, info: Info) -> bool:
        viewer = info.context.viewer
        return viewer is not None and viewer.account_id == self._row.owner_id

    @strawberry.field(description="Hourly rate converted to another currency, for comparison.")
    def hourly_rate_in(self, currency: str) -> MoneyRange | None:
        fx = fx_table()
        code = currency.strip().upper()
        if code not in fx:
            return None
        row = self._row
        return MoneyRange(
            min=fx.convert(Decimal(row.rate_min), row.currency, code),
            max=fx.convert(Decimal(row.rate_max), row.currency, code),
            currency=code,
        )

    @classmethod
    async def load_pks(cls, info: Info, pks: list[int]) -> list[Self | None]:
        rows = await VendorByIdLoader.of(info.context).load_many(pks)
        return [cls.from_row(row) if row else None for row in rows]


@strawberry.type
class VendorConnection(Connection[VendorType]):
    pass
