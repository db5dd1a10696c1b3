"""GraphQL inputs for engagements and their `to_draft()`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from api.engagements.fields import ChangeDraft, DisputeDraft, MilestoneDraft, PlanDraft
from api.engagements.parts import CheckInCadenceType, DisputeOutcomeType


@strawberry.input(
    description="The communication plan; anything omitted takes the request's zone, working "
    "day start and first language, a WEEKLY Monday check-in and a 24 h response promise."
)
class CommunicationPlanInput:
    cadence: CheckInCadenceType | None = None
    weekday: int | None = strawberry.field(default=None, description="Monday = 0 ... Sunday = 6.")
    time: str | None = strawberry.field(default=None, description="HH:MM in the business's zone.")
    response_time_hours: int | None = strawberry.field(default=None, description="1 to 168.")
    channel: str | None = strawberry.field(
        default=None, description='Where the parties talk, e.g. "Slack #acme-support".'
    )
    working_language: str | None = strawberry.field(default=None, description="ISO 639-1.")

    def to_draft(self) -> PlanDraft:
        return PlanDraft(
            cadence=self.cadence.value if self.cadence is not None else None,
            weekday=self.weekday,
            time=self.time,
            response_time_hours=self.response_time_hours,
            channel=self.channel,
            working_language=self.working_language,
        )


@strawberry.input(
    name="EngagementMilestoneInput",
    description="A milestone; its amount is in the engagement's currency.",
)
class MilestoneInput:
    title: str
    amount: Decimal
    due_date: date
    acceptance_criteria: str

    def to_draft(self) -> MilestoneDraft:
        return MilestoneDraft(
            title=self.title,
            amount=self.amount,
            due_date=self.due_date,
            acceptance_criteria=self.acceptance_criteria,
        )


def milestone_drafts(milestones: list[MilestoneInput] | None) -> list[MilestoneDraft] | None:
    return [m.to_draft() for m in milestones] if milestones is not None else None


@strawberry.input
class AcceptProposalInput:
    proposal_id: strawberry.ID
    plan: CommunicationPlanInput | None = None
    milestones: list[MilestoneInput] | None = strawberry.field(
        default=None,
        description="Omitted: one milestone for the whole price, due at the proposal's end.",
    )


@strawberry.input
class RespondToAwardInput:
    project_request_id: strawberry.ID
    accept: bool = strawberry.field(
        description="True accepts the award (and starts the engagement); false declines it "
        "and reopens the request."
    )
    plan: CommunicationPlanInput | None = None
    milestones: list[MilestoneInput] | None = strawberry.field(
        default=None,
        description="Omitted: one milestone for the whole budget, due at the deadline.",
    )


@strawberry.input
class StartMilestoneInput:
    milestone_id: strawberry.ID


@strawberry.input
class SubmitMilestoneInput:
    milestone_id: strawberry.ID
    note: str = strawberry.field(description="What was delivered and where to find it.")


@strawberry.input
class ApproveMilestoneInput:
    milestone_id: strawberry.ID


@strawberry.input
class RequestMilestoneChangesInput:
    milestone_id: strawberry.ID
    feedback: str


@strawberry.input(description="New values; omitted fields stay as they are.")
class MilestoneChangesInput:
    title: str | None = None
    acceptance_criteria: str | None = None
    amount: Decimal | None = None
    due_date: date | None = None

    def to_draft(self) -> ChangeDraft:
        return ChangeDraft(
            title=self.title,
            acceptance_criteria=self.acceptance_criteria,
            amount=self.amount,
            due_date=self.due_date,
        )


@strawberry.input
class ProposeChangeInput:
    engagement_id: strawberry.ID
    milestone_id: strawberry.ID | None = strawberry.field(
        default=None, description="Omitted: a new milestone (every change field required)."
    )
    reason: str
    changes: MilestoneChangesInput


@strawberry.input
class RespondToChangeInput:
    change_request_id: strawberry.ID
    accept: bool


@strawberry.input
class OpenDisputeInput:
    engagement_id: strawberry.ID
    milestone_id: strawberry.ID | None = None
    reason: str
    evidence: list[str] = strawberry.field(
        default_factory=list, description="Up to 10 links or notes."
    )

    def to_draft(self) -> DisputeDraft:
        return DisputeDraft(reason=self.reason, evidence=list(self.evidence))


@strawberry.input
class ResolveDisputeInput:
    dispute_id: strawberry.ID
    resolution: str
    outcome: DisputeOutcomeType | None = strawberry.field(
        default=None,
        description="Besides closing it: approve its milestone, send it back for changes, "
        "or end the engagement. Omitted: NO_CHANGE.",
    )


@strawberry.input
class EndEngagementInput:
    engagement_id: strawberry.ID
    reason: str
    by_agreement: bool = strawberry.field(
        default=True,
        description="True asks the other party to agree (or agrees, if they asked); false "
        "ends it now, unilaterally.",
    )


@strawberry.input
class RecordCheckInInput:
    engagement_id: strawberry.ID
    summary: str
