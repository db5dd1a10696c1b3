"""`declineProposal`: the request's owner turns a SUBMITTED proposal down."""

from __future__ import annotations

import strawberry

from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation
from api.proposals import service
from api.proposals.inputs import DeclineProposalInput
from api.proposals.models import Proposal as ProposalRow
from api.proposals.types import ProposalType


@strawberry.type
class DeclineProposalPayload(MutationPayload):
    proposal: ProposalType | None = None


@strawberry.type
class DeclineProposal:
    @strawberry.mutation(description="Decline a SUBMITTED proposal on your request, saying why.")
    async def decline_proposal(
        self, info: Info, input: DeclineProposalInput
    ) -> DeclineProposalPayload:
        async def call() -> ProposalRow:
            await limit_mutation(info, Action.WORKFLOW)
            return await service.decline_proposal(
                session=info.context.session,
                viewer=info.context.viewer,
                proposal_id=node_pk(input.id, "Proposal", ["input", "id"]),
                reason_text=input.reason,
            )

        return await run_mutation(
            info,
            DeclineProposalPayload,
            call,
            lambda row: DeclineProposalPayload(proposal=ProposalType.from_row(row)),
        )
