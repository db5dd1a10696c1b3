"""`startMilestone`: the vendor starts a milestone."""

from __future__ import annotations

import strawberry

from api.engagements.inputs import StartMilestoneInput
from api.engagements.mutations.moves import MilestonePayload, run_move
from api.engagements.rules import START
from api.graphql.context import Info


@strawberry.type
class StartMilestonePayload(MilestonePayload):
    pass


@strawberry.type
class StartMilestone:
    @strawberry.mutation(
        description="As the vendor, start a PENDING milestone (or one sent back for changes)."
    )
    async def start_milestone(
        self, info: Info, input: StartMilestoneInput
    ) -> StartMilestonePayload:
        return await run_move(info, StartMilestonePayload, input.milestone_id, START)
