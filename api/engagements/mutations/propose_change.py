"""`proposeChange`: either party proposes new terms for a milestone, or a new milestone."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from api.engagements import changes
from api.engagements.inputs import ProposeChangeInput
from api.engagements.types import ChangeRequestType
from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation

if TYPE_CHECKING:
    from api.engagements.models import ChangeRequest, Engagement


@strawberry.type
class ProposeChangePayload(MutationPayload):
    change_request: ChangeRequestType | None = None


@strawberry.type
class ProposeChange:
    @strawberry.mutation(
        description="Propose a change to a milestone's title, criteria, amount or due date "
        "(or, without milestoneId, a new milestone); it applies when the other party accepts."
    )
    async def propose_change(self, info: Info, input: ProposeChangeInput) -> ProposeChangePayload:
        async def call() -> tuple[ChangeRequest, Engagement]:
            await limit_mutation(info, Action.WORKFLOW)
            return await changes.propose_change(
                info.context.session,
                info.context.viewer,
                engagement_id=node_pk(input.engagement_id, "Engagement", ["input", "engagementId"]),
                milestone_id=node_pk(
                    input.milestone_id, "EngagementMilestone", ["input", "milestoneId"]
                )
                if input.milestone_id is not None
                else None,
                reason=input.reason,
                draft=input.changes.to_draft(),
            )

        return await run_mutation(
            info,
            ProposeChangePayload,
            call,
            lambda result: ProposeChangePayload(
                change_request=ChangeRequestType.from_row(result[0], result[1])
            ),
        )
