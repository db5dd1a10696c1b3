"""`respondToChange`: the other party accepts a change (it applies at once) or rejects it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from api.engagements import changes
from api.engagements.inputs import RespondToChangeInput
from api.engagements.types import ChangeRequestType
from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation

if TYPE_CHECKING:
    from api.engagements.models import ChangeRequest, Engagement


@strawberry.type
class RespondToChangePayload(MutationPayload):
    change_request: ChangeRequestType | None = None


@strawberry.type
class RespondToChange:
    @strawberry.mutation(
        description="Accept or reject a change the other party proposed; accepting applies "
        "it to the milestone (or adds the new milestone) at once."
    )
    async def respond_to_change(
        self, info: Info, input: RespondToChangeInput
    ) -> RespondToChangePayload:
        async def call() -> tuple[ChangeRequest, Engagement]:
            await limit_mutation(info, Action.WORKFLOW)
            return await changes.respond_to_change(
                info.context.session,
                info.context.viewer,
                change_id=node_pk(
                    input.change_request_id, "ChangeRequest", ["input", "changeRequestId"]
                ),
                accept=input.accept,
            )

        return await run_mutation(
            info,
            RespondToChangePayload,
            call,
            lambda result: RespondToChangePayload(
                change_request=ChangeRequestType.from_row(result[0], result[1])
            ),
        )
