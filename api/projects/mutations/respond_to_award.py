"""`respondToAward`: the awarded vendor accepts the offer, or declines and it reopens."""

from __future__ import annotations

import strawberry

from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.user_errors import MutationPayload, run_mutation
from api.projects import awards
from api.projects.inputs import RespondToAwardInput
from api.projects.types import ProjectRequestType


@strawberry.type
class RespondToAwardPayload(MutationPayload):
    project_request: ProjectRequestType | None = None


@strawberry.type
class RespondToAward:
    @strawberry.mutation(
        description="As the awarded vendor, accept the award, or decline it (the request reopens)."
    )
    async def respond_to_award(
        self, info: Info, input: RespondToAwardInput
    ) -> RespondToAwardPayload:
        return await run_mutation(
            info,
            RespondToAwardPayload,
            lambda: awards.respond_to_award(
                session=info.context.session,
                viewer=info.context.viewer,
                project_id=node_pk(
                    input.project_request_id, "ProjectRequest", ["input", "projectRequestId"]
                ),
                accept=input.accept,
            ),
            lambda row: RespondToAwardPayload(project_request=ProjectRequestType.from_row(row)),
        )
