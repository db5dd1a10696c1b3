"""`removeFromShortlist`: Take a vendor off your request's shortlist."""

from __future__ import annotations

import strawberry

from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation
from api.projects import audience
from api.projects.inputs import RemoveFromShortlistInput
from api.projects.models import ProjectRequest as ProjectRow
from api.projects.types import ProjectRequestType


@strawberry.type
class RemoveFromShortlistPayload(MutationPayload):
    project_request: ProjectRequestType | None = None


@strawberry.type
class RemoveFromShortlist:
    @strawberry.mutation(description="Take a vendor off your request's shortlist.")
    async def remove_from_shortlist(
        self, info: Info, input: RemoveFromShortlistInput
    ) -> RemoveFromShortlistPayload:
        async def call() -> ProjectRow:
            await limit_mutation(info, Action.WORKFLOW)
            return await audience.remove_from_shortlist(
                session=info.context.session,
                viewer=info.context.viewer,
                project_id=node_pk(
                    input.project_request_id, "ProjectRequest", ["input", "projectRequestId"]
                ),
                vendor_id=node_pk(input.vendor_id, "Vendor", ["input", "vendorId"]),
            )

        return await run_mutation(
            info,
            RemoveFromShortlistPayload,
            call,
            lambda row: RemoveFromShortlistPayload(
                project_request=ProjectRequestType.from_row(row)
            ),
        )
