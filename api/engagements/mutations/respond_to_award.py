"""`respondToAward`: the awarded vendor accepts (the engagement starts) or declines (the
request reopens)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from api.engagements import hiring
from api.engagements.inputs import RespondToAwardInput, milestone_drafts
from api.engagements.models import Engagement
from api.engagements.types import EngagementType
from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation
from api.projects.types import ProjectRequestType

if TYPE_CHECKING:
    from api.projects.models import ProjectRequest


@strawberry.type
class RespondToAwardPayload(MutationPayload):
    project_request: ProjectRequestType | None = None
    engagement: EngagementType | None = strawberry.field(
        default=None, description="The engagement an accepted award started."
    )


@strawberry.type
class RespondToAward:
    @strawberry.mutation(
        description="As the awarded vendor, accept the award (starting the engagement on the "
        "given or default plan and milestones), or decline it (the request reopens)."
    )
    async def respond_to_award(
        self, info: Info, input: RespondToAwardInput
    ) -> RespondToAwardPayload:
        async def call() -> tuple[ProjectRequest, Engagement | None]:
            await limit_mutation(info, Action.WORKFLOW)
            return await hiring.respond_to_award(
                session=info.context.session,
                viewer=info.context.viewer,
                project_id=node_pk(
                    input.project_request_id, "ProjectRequest", ["input", "projectRequestId"]
                ),
                accept=input.accept,
                plan=input.plan.to_draft() if input.plan is not None else None,
                milestones=milestone_drafts(input.milestones),
            )

        return await run_mutation(
            info,
            RespondToAwardPayload,
            call,
            lambda result: RespondToAwardPayload(
                project_request=ProjectRequestType.from_row(result[0]),
                engagement=EngagementType.from_row(result[1]) if result[1] else None,
            ),
        )
