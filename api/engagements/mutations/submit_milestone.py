"""`submitMilestone`: the vendor hands in a milestone's work."""

from __future__ import annotations

import strawberry

from api.engagements.inputs import SubmitMilestoneInput
from api.engagements.mutations.moves import MilestonePayload, run_move
from api.engagements.rules import SUBMIT
from api.graphql.context import Info


@strawberry.type
class SubmitMilestonePayload(MilestonePayload):
    pass


@strawberry.type
class SubmitMilestone:
    @strawberry.mutation(
        description="As the vendor, submit a milestone's work for approval, with a note."
    )
    async def submit_milestone(
        self, info: Info, input: SubmitMilestoneInput
    ) -> SubmitMilestonePayload:
        return await run_move(
            info, SubmitMilestonePayload, input.milestone_id, SUBMIT, note=input.note
        )
