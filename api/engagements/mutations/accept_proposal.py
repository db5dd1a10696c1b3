"""`acceptProposal`: the request's owner hires the vendor behind a proposal, and the
engagement starts."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from api.engagements import hiring
from api.engagements.inputs import AcceptProposalInput, milestone_drafts
from api.engagements.types import EngagementType
from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation

if TYPE_CHECKING:
    from api.engagements.models import Engagement


@strawberry.type
class AcceptProposalPayload(MutationPayload):
    engagement: EngagementType | None = None


@strawberry.type
class AcceptProposal:
    @strawberry.mutation(
        description="As the request's owner, accept a SUBMITTED proposal: the vendor is "
        "hired, the other proposals are declined and the engagement starts on the given (or "
        "default) plan and milestones."
    )
    async def accept_proposal(
        self, info: Info, input: AcceptProposalInput
    ) -> AcceptProposalPayload:
        async def call() -> Engagement:
            await limit_mutation(info, Action.WORKFLOW)
            return await hiring.accept_proposal(
                session=info.context.session,
                viewer=info.context.viewer,
                proposal_id=node_pk(input.proposal_id, "Proposal", ["input", "proposalId"]),
                plan=input.plan.to_draft() if input.plan is not None else None,
                milestones=milestone_drafts(input.milestones),
            )

        return await run_mutation(
            info,
            AcceptProposalPayload,
            call,
            lambda row: AcceptProposalPayload(engagement=EngagementType.from_row(row)),
        )
