"""`openDispute`: either party raises a dispute, with a reason and evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from api.engagements import disputes
from api.engagements.inputs import OpenDisputeInput
from api.engagements.types import DisputeType
from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation

if TYPE_CHECKING:
    from api.engagements.models import Dispute, Engagement


@strawberry.type
class OpenDisputePayload(MutationPayload):
    dispute: DisputeType | None = None


@strawberry.type
class OpenDispute:
    @strawberry.mutation(
        description="Raise a dispute about the engagement or one milestone; an admin resolves "
        "it, and its milestone cannot be approved meanwhile."
    )
    async def open_dispute(self, info: Info, input: OpenDisputeInput) -> OpenDisputePayload:
        async def call() -> tuple[Dispute, Engagement]:
            await limit_mutation(info, Action.WORKFLOW)
            return await disputes.open_dispute(
                info.context.session,
                info.context.viewer,
                engagement_id=node_pk(input.engagement_id, "Engagement", ["input", "engagementId"]),
                milestone_id=node_pk(
                    input.milestone_id, "EngagementMilestone", ["input", "milestoneId"]
                )
                if input.milestone_id is not None
                else None,
                draft=input.to_draft(),
            )

        return await run_mutation(
            info,
            OpenDisputePayload,
            call,
            lambda result: OpenDisputePayload(dispute=DisputeType.from_row(result[0], result[1])),
        )
