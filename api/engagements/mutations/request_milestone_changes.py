"""`requestMilestoneChanges`: the business sends a milestone back."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from api.engagements.inputs import RequestMilestoneChangesInput
from api.engagements.milestones import move_milestone
from api.engagements.rules import REQUEST_CHANGES
from api.engagements.types import EngagementMilestoneType
from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation

if TYPE_CHECKING:
    from api.engagements.models import Engagement, EngagementMilestone


@strawberry.type
class RequestMilestoneChangesPayload(MutationPayload):
    milestone: EngagementMilestoneType | None = None


@strawberry.type
class RequestMilestoneChanges:
    @strawberry.mutation(
        description="As the business, send a SUBMITTED milestone back with feedback."
    )
    async def request_milestone_changes(
        self, info: Info, input: RequestMilestoneChangesInput
    ) -> RequestMilestoneChangesPayload:
        async def call() -> tuple[EngagementMilestone, Engagement]:
            await limit_mutation(info, Action.WORKFLOW)
            milestone_id = node_pk(
                input.milestone_id, "EngagementMilestone", ["input", "milestoneId"]
            )
            return await move_milestone(
                info.context.session,
                info.context.viewer,
                milestone_id,
                REQUEST_CHANGES,
                note=input.feedback,
            )

        return await run_mutation(
            info,
            RequestMilestoneChangesPayload,
            call,
            lambda result: RequestMilestoneChangesPayload(
                milestone=EngagementMilestoneType.from_row(result[0], result[1].currency)
            ),
        )
