"""`reviseProposal`: the vendor's owner changes a SUBMITTED proposal."""

from __future__ import annotations

import strawberry

from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation
from api.proposals import service
from api.proposals.inputs import ReviseProposalInput
from api.proposals.models import Proposal as ProposalRow
from api.proposals.types import ProposalType


@strawberry.type
class ReviseProposalPayload(MutationPayload):
    proposal: ProposalType | None = None


@strawberry.type
class ReviseProposal:
    @strawberry.mutation(
        description="Change a SUBMITTED proposal while its request is OPEN; fields left out "
        "stay. Pass expectedVersion to refuse (CONFLICT) if it changed since you read it."
    )
    async def revise_proposal(
        self, info: Info, input: ReviseProposalInput
    ) -> ReviseProposalPayload:
        async def call() -> ProposalRow:
            await limit_mutation(info, Action.WORKFLOW)
            return await service.revise_proposal(
                session=info.context.session,
                viewer=info.context.viewer,
                proposal_id=node_pk(input.id, "Proposal", ["input", "id"]),
                draft=input.to_draft(),
                expected_version=input.expected_version,
            )

        return await run_mutation(
            info,
            ReviseProposalPayload,
            call,
            lambda row: ReviseProposalPayload(proposal=ProposalType.from_row(row)),
        )
