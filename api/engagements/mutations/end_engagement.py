"""`endEngagement`: ask to end by agreement, agree to the other side's request, or end
unilaterally."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from api.engagements import ending
from api.engagements.inputs import EndEngagementInput
from api.engagements.types import EngagementType
from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation

if TYPE_CHECKING:
    from api.engagements.models import Engagement


@strawberry.type
class EndEngagementPayload(MutationPayload):
    engagement: EngagementType | None = None


@strawberry.type
class EndEngagement:
    @strawberry.mutation(
        description="End an ACTIVE engagement with a reason: byAgreement asks the other party "
        "(or agrees, if they asked first); byAgreement: false ends it now."
    )
    async def end_engagement(self, info: Info, input: EndEngagementInput) -> EndEngagementPayload:
        async def call() -> Engagement:
            await limit_mutation(info, Action.WORKFLOW)
            return await ending.end_engagement(
                info.context.session,
                info.context.viewer,
                engagement_id=node_pk(input.engagement_id, "Engagement", ["input", "engagementId"]),
                reason=input.reason,
                by_agreement=input.by_agreement,
            )

        return await run_mutation(
            info,
            EndEngagementPayload,
            call,
            lambda row: EndEngagementPayload(engagement=EngagementType.from_row(row)),
        )
