"""`recordCheckIn`: either party records a check-in held, with what was said."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from api.engagements import checkins
from api.engagements.inputs import RecordCheckInInput
from api.engagements.parts import CheckInType
from api.engagements.types import EngagementType
from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation

if TYPE_CHECKING:
    from api.engagements.models import CheckIn, Engagement


@strawberry.type
class RecordCheckInPayload(MutationPayload):
    check_in: CheckInType | None = None
    engagement: EngagementType | None = None


@strawberry.type
class RecordCheckIn:
    @strawberry.mutation(description="Record a check-in held, with a short summary.")
    async def record_check_in(self, info: Info, input: RecordCheckInInput) -> RecordCheckInPayload:
        async def call() -> tuple[CheckIn, Engagement]:
            await limit_mutation(info, Action.WORKFLOW)
            return await checkins.record_check_in(
                info.context.session,
                info.context.viewer,
                engagement_id=node_pk(input.engagement_id, "Engagement", ["input", "engagementId"]),
                summary=input.summary,
            )

        return await run_mutation(
            info,
            RecordCheckInPayload,
            call,
            lambda result: RecordCheckInPayload(
                check_in=CheckInType.from_row(result[0], result[1]),
                engagement=EngagementType.from_row(result[1]),
            ),
        )
