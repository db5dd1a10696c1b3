"""`submitProposal`: a vendor's owner offers price, schedule, team and approach."""

from __future__ import annotations

import strawberry

from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation
from api.proposals import service
from api.proposals.inputs import SubmitProposalInput
from api.proposals.models import Proposal as ProposalRow
from api.proposals.types import ProposalType


@strawberry.type
class SubmitProposalPayload(MutationPayload):
    proposal: ProposalType | None = None


@strawberry.type
class SubmitProposal:
    @strawberry.mutation(
        description="Propose on an OPEN request your vendor may propose on (public, or "
        "invited; its NDA accepted). One proposal per vendor and request."
    )
    async def submit_proposal(
        self, info: Info, input: SubmitProposalInput
    ) -> SubmitProposalPayload:
        async def call() -> ProposalRow:
            await limit_mutation(info, Action.WORKFLOW)
            return await service.submit_proposal(
                session=info.context.session,
                viewer=info.context.viewer,
                project_id=node_pk(
                    input.project_request_id, "ProjectRequest", ["input", "projectRequestId"]
                ),
                vendor_id=node_pk(input.vendor_id, "Vendor", ["input", "vendorId"]),
                draft=input.to_draft(),
            )

        return await run_mutation(
            info,
            SubmitProposalPayload,
            call,
            lambda row: SubmitProposalPayload(proposal=ProposalType.from_row(row)),
        )
