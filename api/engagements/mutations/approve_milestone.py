"""`approveMilestone`: the business accepts a milestone's work."""

from __future__ import annotations

import strawberry

from api.engagements.inputs import ApproveMilestoneInput
from api.engagements.mutations.moves import MilestonePayload, run_move
from api.engagements.rules import APPROVE
from api.graphql.context import Info


@strawberry.type
class ApproveMilestonePayload(MilestonePayload):
    pass


@strawberry.type
class ApproveMilestone:
    @strawberry.mutation(
        description="As the business, approve a SUBMITTED milestone (the last approval "
        "completes the engagement)."
    )
    async def approve_milestone(
        self, info: Info, input: ApproveMilestoneInput
    ) -> ApproveMilestonePayload:
        return await run_move(info, ApproveMilestonePayload, input.milestone_id, APPROVE)
