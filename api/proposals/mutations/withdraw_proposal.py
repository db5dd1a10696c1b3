"""`withdrawProposal`: the vendor's owner takes a SUBMITTED proposal back."""

from __future__ import annotations

import strawberry

from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation
from api.proposals import service
from api.proposals.inputs import WithdrawProposalInput
from api.proposals.models import Proposal as ProposalRow
from api.proposals.types import ProposalType


@strawberry.type
class WithdrawProposalPayload(MutationPayload):
    proposal: ProposalType | None = None


@strawberry.type
class WithdrawProposal:
    @strawberry.mutation(
        description="Withdraw your SUBMITTED proposal; submitProposal can offer it again."
    )
    async def withdraw_proposal(
        self, info: Info, input: WithdrawProposalInput
    ) -> WithdrawProposalPayload:
        async def call() -> ProposalRow:
            await limit_mutation(info, Action.WORKFLOW)
            return await service.withdraw_proposal(
                session=info.context.session,
                viewer=info.context.viewer,
                proposal_id=node_pk(input.id, "Proposal", ["input", "id"]),
                reason_text=input.reason,
            )

        return await run_mutation(
            info,
            WithdrawProposalPayload,
            call,
            lambda row: WithdrawProposalPayload(proposal=ProposalType.from_row(row)),
        )
