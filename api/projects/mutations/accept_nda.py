"""`acceptNda`: As a vendor's owner, accept a request's NDA to read its description and
attachments."""

from __future__ import annotations

import strawberry

from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation
from api.projects import audience
from api.projects.inputs import AcceptNdaInput
from api.projects.models import ProjectRequest as ProjectRow
from api.projects.types import ProjectRequestType


@strawberry.type
class AcceptNdaPayload(MutationPayload):
    project_request: ProjectRequestType | None = None


@strawberry.type
class AcceptNda:
    @strawberry.mutation(
        description="As a vendor's owner, accept a request's NDA to read its description "
        "and attachments."
    )
    async def accept_nda(self, info: Info, input: AcceptNdaInput) -> AcceptNdaPayload:
        async def call() -> ProjectRow:
            await limit_mutation(info, Action.WORKFLOW)
            return await audience.accept_nda(
                session=info.context.session,
                viewer=info.context.viewer,
                project_id=node_pk(
                    input.project_request_id, "ProjectRequest", ["input", "projectRequestId"]
                ),
                vendor_id=None
                if input.vendor_id is None
                else node_pk(input.vendor_id, "Vendor", ["input", "vendorId"]),
            )

        return await run_mutation(
            info,
            AcceptNdaPayload,
            call,
            lambda row: AcceptNdaPayload(project_request=ProjectRequestType.from_row(row)),
        )
