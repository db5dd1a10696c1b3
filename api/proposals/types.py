"""GraphQL types for proposals: what a vendor offers, in the terms a business compares."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Self, TypeAlias

import strawberry
from strawberry import relay

from api.graphql.context import Info
from api.graphql.cost import cost_hint
from api.graphql.node import KeyedNode
from api.graphql.pagination import Connection
from api.matches.factors import by_factor
from api.matches.scoring import VendorScore
from api.matches.types import MatchFactors
from api.projects.dataloaders import ProjectByIdLoader, QuestionsByProjectIdLoader
from api.projects.types import ProjectRequestType
from api.proposals import pricing
from api.proposals.dataloaders import MatchByProposalLoader, ProposalByIdLoader
from api.proposals.models import Proposal as ProposalRow
from api.proposals.models import ProposalStatus
from api.proposals.reads import may_read
from api.proposals.rules import MAX_ANSWERS, MAX_ROLES
from api.scopes.fields import PricingModel
from api.scopes.types import PricingModelType
from api.values.types import Money
from api.vendors.dataloaders import VendorByIdLoader
from api.vendors.types import VendorType

# strawberry.enum registers the GraphQL enum on the class and returns the class itself;
# the `...Type` aliases name the enum in annotations.
strawberry.enum(ProposalStatus, name="ProposalStatus")
ProposalStatusType: TypeAlias = ProposalStatus


@strawberry.type(description="When the vendor would start and finish.")
class ProposalSchedule:
    start_date: date | None
    end_date: date


@strawberry.type(description="Who would do the work.")
class ProposalTeam:
    size: int
    roles: list[str] = strawberry.field(metadata=cost_hint(list_size=MAX_ROLES))


@strawberry.type(description="A screening question of the request and the vendor's answer.")
class ScreeningAnswer:
    position: int
    question: str
    required: bool
    answer: str | None = strawberry.field(description="Null when an optional one was skipped.")


@strawberry.type(name="Proposal", description="A vendor's offer on a project request.")
class ProposalType(KeyedNode):
    id: relay.NodeID[int]
    status: ProposalStatusType
    pricing: PricingModelType = strawberry.field(
        description="FIXED: `price` is the total; HOURLY: `price` is the hourly rate."
    )
    estimated_hours: float | None
    approach: str
    revision: int = strawberry.field(description="1 when submitted; each revision adds one.")
    version: int = strawberry.field(description="Pass as expectedVersion to revise safely.")
    reason: str | None = strawberry.field(description="Why it was declined or withdrawn.")
    submitted_at: datetime
    updated_at: datetime
    _row: strawberry.Private[ProposalRow]

    @classmethod
    def from_row(cls, row: ProposalRow) -> Self:
        assert row.id is not None
        return cls(
            id=row.id,
            status=ProposalStatus(row.status),
            pricing=PricingModel(row.pricing),
            estimated_hours=row.estimated_hours,
            approach=row.approach,
            revision=row.revision,
            version=row.version,
            reason=row.decline_reason,
            submitted_at=row.created_at,
            updated_at=row.updated_at,
            _row=row,
        )

    @strawberry.field
    def price(self) -> Money:
        return Money(amount=Decimal(self._row.amount), currency=self._row.currency)

    @strawberry.field(description="The total: the price for FIXED, rate x hours for HOURLY.")
    def total_estimate(self) -> Money:
        return Money(amount=pricing.total_estimate(self._row), currency=self._row.currency)

    @strawberry.field
    def schedule(self) -> ProposalSchedule:
        return ProposalSchedule(start_date=self._row.start_date, end_date=self._row.end_date)

    @strawberry.field
    def team(self) -> ProposalTeam:
        return ProposalTeam(size=self._row.team_size, roles=list(self._row.team_roles))

    @strawberry.field
    async def vendor(self, info: Info) -> VendorType | None:
        row = await VendorByIdLoader.of(info.context).load(self._row.vendor_id)
        return VendorType.from_row(row) if row else None

    @strawberry.field(description="The request, as the viewer may see it.")
    async def project_request(self, info: Info) -> ProjectRequestType | None:
        return (await ProjectRequestType.load_pks(info, [self._row.project_id]))[0]

    @strawberry.field(description="The price converted to the request's currency.")
    async def price_in_request_currency(self, info: Info) -> Money | None:
        currency = await self._request_currency(info)
        if currency is None:
            return None
        row = self._row
        return Money(
            amount=pricing.converted(Decimal(row.amount), row.currency, currency),
            currency=currency,
        )

    @strawberry.field(description="The total estimate converted to the request's currency.")
    async def total_in_request_currency(self, info: Info) -> Money | None:
        currency = await self._request_currency(info)
        if currency is None:
            return None
        total = pricing.total_estimate(self._row)
        return Money(
            amount=pricing.converted(total, self._row.currency, currency), currency=currency
        )

    @strawberry.field(
        description="Whether the price fits the request's budget ceiling (a total for a FIXED "
        "budget, a rate for an HOURLY one); null when they cannot be compared."
    )
    async def within_budget(self, info: Info) -> bool | None:
        project = await ProjectByIdLoader.of(info.context).load(self._row.project_id)
        return pricing.within_budget(self._row, project) if project else None

    @strawberry.field(description="Whether it ends by the request's deadline; null without one.")
    async def meets_deadline(self, info: Info) -> bool | None:
        project = await ProjectByIdLoader.of(info.context).load(self._row.project_id)
        return pricing.meets_deadline(self._row, project.deadline) if project else None

    @strawberry.field(
        description="The request's screening questions, each with this proposal's answer.",
        metadata=cost_hint(list_size=MAX_ANSWERS),
    )
    async def answers(self, info: Info) -> list[ScreeningAnswer]:
        questions = await QuestionsByProjectIdLoader.of(info.context).load(self._row.project_id)
        given = list(self._row.answers)
        return [
            ScreeningAnswer(
                position=question.position,
                question=question.question,
                required=question.required,
                answer=(given[index] or None) if index < len(given) else None,
            )
            for index, question in enumerate(questions)
        ]

    @strawberry.field(
        description="The vendor's match factors for the request's scope, as its matches show "
        "them; null if the vendor cannot be scored."
    )
    async def match_factors(self, info: Info) -> MatchFactors | None:
        score = await self._match(info)
        return MatchFactors(**by_factor(score.factors)) if score else None

    @strawberry.field(description="The weighted match score (0-1) with the fitted weights.")
    async def match_score(self, info: Info) -> float | None:
        score = await self._match(info)
        return score.score if score else None

    async def _match(self, info: Info) -> VendorScore | None:
        key = (self._row.project_id, self._row.vendor_id)
        return await MatchByProposalLoader.of(info.context).load(key)

    async def _request_currency(self, info: Info) -> str | None:
        project = await ProjectByIdLoader.of(info.context).load(self._row.project_id)
        return project.currency if project else None

    @classmethod
    async def load_pks(cls, info: Info, pks: list[int]) -> list[Self | None]:
        rows = await ProposalByIdLoader.of(info.context).load_many(pks)
        found = [row for row in rows if row is not None]
        projects = await ProjectByIdLoader.of(info.context).load_many(
            [row.project_id for row in found]
        )
        vendors = await VendorByIdLoader.of(info.context).load_many([r.vendor_id for r in found])
        owners = {
            row.id: (project.owner_id if project else None, vendor.owner_id if vendor else None)
            for row, project, vendor in zip(found, projects, vendors, strict=True)
        }
        viewer = info.context.viewer
        return [
            cls.from_row(row)
            if row is not None
            and may_read(viewer, project_owner=owners[row.id][0], vendor_owner=owners[row.id][1])
            else None
            for row in rows
        ]


@strawberry.type
class ProposalConnection(Connection[ProposalType]):
    pass
