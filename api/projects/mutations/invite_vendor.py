"""`inviteVendor`: Invite a vendor to your OPEN request; it may then see it even when
INVITE_ONLY. Expires after INVITATION_TTL_HOURS."""

from __future__ import annotations

import strawberry

from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation
from api.projects import invitations
from api.projects.audience_types import ProjectInvitationType
from api.projects.inputs import InviteVendorInput
from api.projects.models import ProjectInvitation as InvitationRow


@strawberry.type
class InviteVendorPayload(MutationPayload):
    invitation: ProjectInvitationType | None = None


@strawberry.type
class InviteVendor:
    @strawberry.mutation(
        description="Invite a vendor to your OPEN request; it may then see it even when "
        "INVITE_ONLY. Expires after INVITATION_TTL_HOURS."
    )
    async def invite_vendor(self, info: Info, input: InviteVendorInput) -> InviteVendorPayload:
        async def call() -> InvitationRow:
            await limit_mutation(info, Action.WORKFLOW)
            return await invitations.invite_vendor(
                session=info.context.session,
                viewer=info.context.viewer,
                project_id=node_pk(
                    input.project_request_id, "ProjectRequest", ["input", "projectRequestId"]
                ),
                vendor_id=node_pk(input.vendor_id, "Vendor", ["input", "vendorId"]),
                message=input.message,
                ttl_hours=info.context.runtime.settings.invitation_ttl_hours,
            )

        return await run_mutation(
            info,
            InviteVendorPayload,
            call,
            lambda row: InviteVendorPayload(invitation=ProjectInvitationType.from_row(row)),
        )
