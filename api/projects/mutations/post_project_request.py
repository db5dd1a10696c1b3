"""`postProjectRequest`: a business states a scope of work, as a draft or published."""

from __future__ import annotations

import strawberry

from api.graphql.context import Info
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation
from api.projects import service
from api.projects.inputs import PostProjectRequestInput
from api.projects.models import ProjectRequest as ProjectRow
from api.projects.types import ProjectRequestType
from api.scopes.skills import named_skills
from api.tags.service import tag_catalog
from api.tags.types import SkillNoteType


@strawberry.type
class PostProjectRequestPayload(MutationPayload):
    project_request: ProjectRequestType | None = None
    notes: list[SkillNoteType] = strawberry.field(
        default_factory=list,
        description="Skills named that the taxonomy does not know: kept as free text, with "
        "suggestions.",
    )


@strawberry.type
class PostProjectRequest:
    @strawberry.mutation(description="Post a scope of work as a DRAFT, or publish it (OPEN).")
    async def post_project_request(
        self, info: Info, input: PostProjectRequestInput
    ) -> PostProjectRequestPayload:
        catalog = await tag_catalog(info.context.runtime)
        draft = input.to_draft()

        async def call() -> ProjectRow:
            await limit_mutation(info, Action.POST)
            return await service.post_project_request(
                session=info.context.session,
                viewer=info.context.viewer,
                draft=draft,
                publish=input.publish,
                catalog=catalog,
                terms=input.to_terms(),
            )

        return await run_mutation(
            info,
            PostProjectRequestPayload,
            call,
            lambda row: PostProjectRequestPayload(
                project_request=ProjectRequestType.from_row(row),
                notes=SkillNoteType.list_of(catalog, named_skills(draft), ("input",)),
            ),
        )
