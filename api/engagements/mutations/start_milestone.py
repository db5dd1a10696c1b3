"""`startMilestone`: the vendor starts a milestone."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from api.engagements.inputs import StartMilestoneInput
from api.engagements.milestones import move_milestone
from api.engagements.rules import START
from api.engagements.types import EngagementMilestoneType
from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation

if TYPE_CHECKING:
    from api.engagements.models import Engagement, EngagementMilestone


@strawberry.type
class StartMilestonePayload(MutationPayload):
    milestone: EngagementMilestoneType | None = None


@strawberry.type
class StartMilestone:
    @strawberry.mutation(
        description="As the vendor, start a PENDING milestone (or one sent back for changes)."
    )
    async def start_milestone(
        self, info: Info, input: StartMilestoneInput
    ) -> StartMilestonePayload:
        async def call() -> tuple[EngagementMilestone, Engagement]:
            await limit_mutation(info, Action.WORKFLOW)
            milestone_id = node_pk(
                input.milestone_id, "EngagementMilestone", ["input", "milestoneId"]
            )
            return await move_milestone(
                info.context.session,
                info.context.viewer,
                milestone_id,
                START,
            )

        return await run_mutation(
            info,
            StartMilestonePayload,
            call,
            lambda result: StartMilestonePayload(
                milestone=EngagementMilestoneType.from_row(result[0], result[1].currency)
            ),
        )
