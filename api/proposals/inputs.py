"""GraphQL inputs for proposals and their drafts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from api.proposals.fields import PriceEntry, ProposalDraft, ScheduleEntry, TeamEntry
from api.scopes.types import PricingModelType


@strawberry.input(description="FIXED: `amount` is the total; HOURLY: it is the hourly rate.")
class ProposalPriceInput:
    pricing: PricingModelType
    amount: Decimal
    currency: str = strawberry.field(description="ISO 4217, e.g. 'EUR'.")

    def to_entry(self) -> PriceEntry:
        return PriceEntry(pricing=self.pricing, amount=self.amount, currency=self.currency)


@strawberry.input
class ProposalScheduleInput:
    end_date: date
    start_date: date | None = None

    def to_entry(self) -> ScheduleEntry:
        return ScheduleEntry(start_date=self.start_date, end_date=self.end_date)


@strawberry.input
class ProposalTeamInput:
    size: int
    roles: list[str] = strawberry.field(default_factory=list)

    def to_entry(self) -> TeamEntry:
        return TeamEntry(size=self.size, roles=list(self.roles))


@strawberry.input
class ProposalFields:
    """What submitting and revising share; on a revision, what is left out stays."""

    price: ProposalPriceInput | None = None
    estimated_hours: float | None = strawberry.field(
        default=None, description="Required with HOURLY pricing."
    )
    schedule: ProposalScheduleInput | None = None
    team: ProposalTeamInput | None = None
    approach: str | None = None
    answers: list[str] | None = strawberry.field(
        default=None,
        description="Answers to the request's screening questions, in their order.",
    )

    def to_draft(self) -> ProposalDraft:
        return ProposalDraft(
            price=self.price.to_entry() if self.price else None,
            estimated_hours=self.estimated_hours,
            schedule=self.schedule.to_entry() if self.schedule else None,
            team=self.team.to_entry() if self.team else None,
            approach=self.approach,
            answers=list(self.answers) if self.answers is not None else None,
        )


@strawberry.input
class SubmitProposalInput:
    # Not a ProposalFields: a subclass would keep its `None` defaults on these required
    # fields, which GraphQL introspection cannot print.
    project_request_id: strawberry.ID
    vendor_id: strawberry.ID
    price: ProposalPriceInput
    schedule: ProposalScheduleInput
    team: ProposalTeamInput
    approach: str
    estimated_hours: float | None = strawberry.field(
        default=None, description="Required with HOURLY pricing."
    )
    answers: list[str] | None = strawberry.field(
        default=None,
        description="Answers to the request's screening questions, in their order.",
    )

    def to_draft(self) -> ProposalDraft:
        return ProposalFields(
            price=self.price,
            estimated_hours=self.estimated_hours,
            schedule=self.schedule,
            team=self.team,
            approach=self.approach,
            answers=self.answers,
        ).to_draft()


@strawberry.input
class ReviseProposalInput(ProposalFields):
    id: strawberry.ID
    expected_version: int | None = None


@strawberry.input
class WithdrawProposalInput:
    id: strawberry.ID
    reason: str | None = None


@strawberry.input
class DeclineProposalInput:
    id: strawberry.ID
    reason: str = strawberry.field(description="Told to the vendor.")
