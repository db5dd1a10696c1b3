"""`requestMilestoneChanges`: the business sends a milestone back."""

from __future__ import annotations

import strawberry

from api.engagements.inputs import RequestMilestoneChangesInput
from api.engagements.mutations.moves import MilestonePayload, run_move
from api.engagements.rules import REQUEST_CHANGES
from api.graphql.context import Info


@strawberry.type
class RequestMilestoneChangesPayload(MilestonePayload):
    pass


@strawberry.type
class RequestMilestoneChanges:
    @strawberry.mutation(
        description="As the business, send a SUBMITTED milestone back with feedback."
    )
    async def request_milestone_changes(
        self, info: Info, input: RequestMilestoneChangesInput
    ) -> RequestMilestoneChangesPayload:
        return await run_move(
            info,
            RequestMilestoneChangesPayload,
            input.milestone_id,
            REQUEST_CHANGES,
            note=input.feedback,
        )
