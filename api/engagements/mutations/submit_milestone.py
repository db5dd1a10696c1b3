"""`submitMilestone`: the vendor hands in a milestone's work."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from api.engagements.inputs import SubmitMilestoneInput
from api.engagements.milestones import move_milestone
from api.engagements.rules import SUBMIT
from api.engagements.types import EngagementMilestoneType
from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation

if TYPE_CHECKING:
    from api.engagements.models import Engagement, EngagementMilestone


@strawberry.type
class SubmitMilestonePayload(MutationPayload):
    milestone: EngagementMilestoneType | None = None


@strawberry.type
class SubmitMilestone:
    @strawberry.mutation(
        description="As the vendor, submit a milestone's work for approval, with a note."
    )
    async def submit_milestone(
        self, info: Info, input: SubmitMilestoneInput
    ) -> SubmitMilestonePayload:
        async def call() -> tuple[EngagementMilestone, Engagement]:
            await limit_mutation(info, Action.WORKFLOW)
            milestone_id = node_pk(
                input.milestone_id, "EngagementMilestone", ["input", "milestoneId"]
            )
            return await move_milestone(
                info.context.session,
                info.context.viewer,
                milestone_id,
                SUBMIT,
                note=input.note,
            )

        return await run_mutation(
            info,
            SubmitMilestonePayload,
            call,
            lambda result: SubmitMilestonePayload(
                milestone=EngagementMilestoneType.from_row(result[0], result[1].currency)
            ),
        )
