"""`awardProjectRequest`: the owner offers an OPEN request to one vendor."""

from __future__ import annotations

import strawberry

from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.user_errors import MutationPayload, run_mutation
from api.projects import awards
from api.projects.inputs import AwardProjectRequestInput
from api.projects.types import ProjectRequestType


@strawberry.type
class AwardProjectRequestPayload(MutationPayload):
    project_request: ProjectRequestType | None = None


@strawberry.type
class AwardProjectRequest:
    @strawberry.mutation(
        description="Offer your OPEN request to a vendor; the offer lapses after "
        "AWARD_TTL_HOURS unless the vendor accepts (see awardExpiresAt)."
    )
    async def award_project_request(
        self, info: Info, input: AwardProjectRequestInput
    ) -> AwardProjectRequestPayload:
        return await run_mutation(
            info,
            AwardProjectRequestPayload,
            lambda: awards.award_project_request(
                session=info.context.session,
                viewer=info.context.viewer,
                project_id=node_pk(input.id, "ProjectRequest", ["input", "id"]),
                vendor_id=node_pk(input.vendor_id, "Vendor", ["input", "vendorId"]),
                ttl_hours=info.context.runtime.settings.award_ttl_hours,
            ),
            lambda row: AwardProjectRequestPayload(
                project_request=ProjectRequestType.from_row(row)
            ),
        )
