"""Project request writes, one module per mutation."""

from __future__ import annotations

import strawberry

from api.projects.mutations.award_project_request import AwardProjectRequest
from api.projects.mutations.post_project_request import PostProjectRequest
from api.projects.mutations.respond_to_award import RespondToAward
from api.projects.mutations.submit_review import SubmitReview
from api.projects.mutations.update_project_request import UpdateProjectRequest


@strawberry.type
class ProjectMutations(
    PostProjectRequest, UpdateProjectRequest, AwardProjectRequest, RespondToAward, SubmitReview
):
    pass
