"""`withdrawAward`: Take back an award the vendor has not accepted yet; the request reopens."""

from __future__ import annotations

import strawberry

from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation
from api.projects import awards
from api.projects.inputs import WithdrawAwardInput
from api.projects.models import ProjectRequest as ProjectRow
from api.projects.types import ProjectRequestType


@strawberry.type
class WithdrawAwardPayload(MutationPayload):
    project_request: ProjectRequestType | None = None


@strawberry.type
class WithdrawAward:
    @strawberry.mutation(
        description="Take back an award the vendor has not accepted yet; the request reopens."
    )
    async def withdraw_award(self, info: Info, input: WithdrawAwardInput) -> WithdrawAwardPayload:
        async def call() -> ProjectRow:
            await limit_mutation(info, Action.WORKFLOW)
            return await awards.withdraw_award(
                session=info.context.session,
                viewer=info.context.viewer,
                project_id=node_pk(
                    input.project_request_id, "ProjectRequest", ["input", "projectRequestId"]
                ),
                reason=input.reason,
            )

        return await run_mutation(
            info,
            WithdrawAwardPayload,
            call,
            lambda row: WithdrawAwardPayload(project_request=ProjectRequestType.from_row(row)),
        )
