"""What the four milestone moves share: the payload and the one call behind each
(`startMilestone`, `submitMilestone`, `approveMilestone`, `requestMilestoneChanges`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

import strawberry

from api.engagements.milestones import move_milestone
from api.engagements.rules import Move
from api.engagements.types import EngagementMilestoneType
from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation

if TYPE_CHECKING:
    from api.engagements.models import Engagement, EngagementMilestone


@strawberry.type
class MilestonePayload(MutationPayload):
    milestone: EngagementMilestoneType | None = None


Payload = TypeVar("Payload", bound=MilestonePayload)


async def run_move(
    info: Info,
    payload: type[Payload],
    milestone: strawberry.ID,
    move: Move,
    note: str | None = None,
) -> Payload:
    """Make `move` on the milestone as the viewer, in the request's transaction."""

    async def call() -> tuple[EngagementMilestone, Engagement]:
        await limit_mutation(info, Action.WORKFLOW)
        milestone_id = node_pk(milestone, "EngagementMilestone", ["input", "milestoneId"])
        return await move_milestone(
            info.context.session, info.context.viewer, milestone_id, move, note=note
        )

    return await run_mutation(
        info,
        payload,
        call,
        lambda result: payload(
            milestone=EngagementMilestoneType.from_row(result[0], result[1].currency)
        ),
    )
