"""`respondToInvitation`: As the invited vendor's owner, accept or decline a PENDING invitation."""

from __future__ import annotations

import strawberry

from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation
from api.projects import invitations
from api.projects.audience_types import ProjectInvitationType
from api.projects.inputs import RespondToInvitationInput
from api.projects.models import ProjectInvitation as InvitationRow


@strawberry.type
class RespondToInvitationPayload(MutationPayload):
    invitation: ProjectInvitationType | None = None


@strawberry.type
class RespondToInvitation:
    @strawberry.mutation(
        description="As the invited vendor's owner, accept or decline a PENDING invitation."
    )
    async def respond_to_invitation(
        self, info: Info, input: RespondToInvitationInput
    ) -> RespondToInvitationPayload:
        async def call() -> InvitationRow:
            await limit_mutation(info, Action.WORKFLOW)
            return await invitations.respond_to_invitation(
                session=info.context.session,
                viewer=info.context.viewer,
                invitation_id=node_pk(
                    input.invitation_id, "ProjectInvitation", ["input", "invitationId"]
                ),
                accept=input.accept,
            )

        return await run_mutation(
            info,
            RespondToInvitationPayload,
            call,
            lambda row: RespondToInvitationPayload(invitation=ProjectInvitationType.from_row(row)),
        )
