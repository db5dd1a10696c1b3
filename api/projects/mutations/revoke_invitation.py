"""`revokeInvitation`: Withdraw an invitation you sent; the vendor loses access to an
INVITE_ONLY request."""

from __future__ import annotations

import strawberry

from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation
from api.projects import invitations
from api.projects.audience_types import ProjectInvitationType
from api.projects.inputs import RevokeInvitationInput
from api.projects.models import ProjectInvitation as InvitationRow


@strawberry.type
class RevokeInvitationPayload(MutationPayload):
    invitation: ProjectInvitationType | None = None


@strawberry.type
class RevokeInvitation:
    @strawberry.mutation(
        description="Withdraw an invitation you sent; the vendor loses access to an "
        "INVITE_ONLY request."
    )
    async def revoke_invitation(
        self, info: Info, input: RevokeInvitationInput
    ) -> RevokeInvitationPayload:
        async def call() -> InvitationRow:
            await limit_mutation(info, Action.WORKFLOW)
            return await invitations.revoke_invitation(
                session=info.context.session,
                viewer=info.context.viewer,
                invitation_id=node_pk(
                    input.invitation_id, "ProjectInvitation", ["input", "invitationId"]
                ),
            )

        return await run_mutation(
            info,
            RevokeInvitationPayload,
            call,
            lambda row: RevokeInvitationPayload(invitation=ProjectInvitationType.from_row(row)),
        )
