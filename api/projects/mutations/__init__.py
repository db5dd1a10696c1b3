"""Project request writes, one module per mutation."""

from __future__ import annotations

import strawberry

from api.projects.mutations.accept_nda import AcceptNda
from api.projects.mutations.award_project_request import AwardProjectRequest
from api.projects.mutations.invite_vendor import InviteVendor
from api.projects.mutations.post_project_request import PostProjectRequest
from api.projects.mutations.remove_from_shortlist import RemoveFromShortlist
from api.projects.mutations.respond_to_invitation import RespondToInvitation
from api.projects.mutations.revoke_invitation import RevokeInvitation
from api.projects.mutations.shortlist_vendor import ShortlistVendor
from api.projects.mutations.update_project_request import UpdateProjectRequest
from api.projects.mutations.withdraw_award import WithdrawAward


@strawberry.type
class ProjectMutations(
    PostProjectRequest,
    UpdateProjectRequest,
    AwardProjectRequest,
    WithdrawAward,
    ShortlistVendor,
    RemoveFromShortlist,
    InviteVendor,
    RespondToInvitation,
    RevokeInvitation,
    AcceptNda,
):
    pass
