"""`shortlistVendor`: Put a vendor on your request's shortlist (again: replace its note)."""

from __future__ import annotations

import strawberry

from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation
from api.projects import audience
from api.projects.inputs import ShortlistVendorInput
from api.projects.models import ProjectRequest as ProjectRow
from api.projects.types import ProjectRequestType


@strawberry.type
class ShortlistVendorPayload(MutationPayload):
    project_request: ProjectRequestType | None = None


@strawberry.type
class ShortlistVendor:
    @strawberry.mutation(
        description="Put a vendor on your request's shortlist (again: replace its note)."
    )
    async def shortlist_vendor(
        self, info: Info, input: ShortlistVendorInput
    ) -> ShortlistVendorPayload:
        async def call() -> ProjectRow:
            await limit_mutation(info, Action.WORKFLOW)
            return await audience.shortlist_vendor(
                session=info.context.session,
                viewer=info.context.viewer,
                project_id=node_pk(
                    input.project_request_id, "ProjectRequest", ["input", "projectRequestId"]
                ),
                vendor_id=node_pk(input.vendor_id, "Vendor", ["input", "vendorId"]),
                note=input.note,
            )

        return await run_mutation(
            info,
            ShortlistVendorPayload,
            call,
            lambda row: ShortlistVendorPayload(project_request=ProjectRequestType.from_row(row)),
        )
