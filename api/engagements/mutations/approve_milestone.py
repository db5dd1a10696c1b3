"""`approveMilestone`: the business accepts a milestone's work."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from api.engagements.inputs import ApproveMilestoneInput
from api.engagements.milestones import move_milestone
from api.engagements.rules import APPROVE
from api.engagements.types import EngagementMilestoneType
from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation

if TYPE_CHECKING:
    from api.engagements.models import Engagement, EngagementMilestone


@strawberry.type
class ApproveMilestonePayload(MutationPayload):
    milestone: EngagementMilestoneType | None = None


@strawberry.type
class ApproveMilestone:
    @strawberry.mutation(
        description="As the business, approve a SUBMITTED milestone (the last approval "
        "completes the engagement)."
    )
    async def approve_milestone(
        self, info: Info, input: ApproveMilestoneInput
    ) -> ApproveMilestonePayload:
        async def call() -> tuple[EngagementMilestone, Engagement]:
            await limit_mutation(info, Action.WORKFLOW)
            milestone_id = node_pk(
                input.milestone_id, "EngagementMilestone", ["input", "milestoneId"]
            )
            return await move_milestone(
                info.context.session,
                info.context.viewer,
                milestone_id,
                APPROVE,
            )

        return await run_mutation(
            info,
            ApproveMilestonePayload,
            call,
            lambda result: ApproveMilestonePayload(
                milestone=EngagementMilestoneType.from_row(result[0], result[1].currency)
            ),
        )
