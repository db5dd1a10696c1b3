"""`updateProjectRequest`: the owner edits a request or moves it along its lifecycle."""

from __future__ import annotations

import strawberry

from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.user_errors import MutationPayload, run_mutation
from api.projects import service
from api.projects.inputs import UpdateProjectRequestInput
from api.projects.types import ProjectRequestType
from api.scopes.skills import named_skills
from api.tags.service import tag_catalog
from api.tags.types import SkillNoteType


@strawberry.type
class UpdateProjectRequestPayload(MutationPayload):
    project_request: ProjectRequestType | None = None
    notes: list[SkillNoteType] = strawberry.field(
        default_factory=list,
        description="Skills named that the taxonomy does not know: kept as free text, with "
        "suggestions.",
    )


@strawberry.type
class UpdateProjectRequest:
    @strawberry.mutation(description="Edit your request, publish it, close or cancel it.")
    async def update_project_request(
        self, info: Info, input: UpdateProjectRequestInput
    ) -> UpdateProjectRequestPayload:
        catalog = await tag_catalog(info.context.runtime)
        draft = input.to_draft()
        return await run_mutation(
            info,
            UpdateProjectRequestPayload,
            lambda: service.update_project_request(
                session=info.context.session,
                viewer=info.context.viewer,
                project_id=node_pk(input.id, "ProjectRequest", ["input", "id"]),
                draft=draft,
                status=input.status.value if input.status else None,
                expected_version=input.expected_version,
                catalog=catalog,
                terms=input.to_terms(),
            ),
            lambda row: UpdateProjectRequestPayload(
                project_request=ProjectRequestType.from_row(row),
                notes=SkillNoteType.list_of(catalog, named_skills(draft), ("input",)),
            ),
        )
