"""Project request reads (visibility-aware) and writes (owner only)."""

from __future__ import annotations

import strawberry
from sqlalchemy import func, select

from api.context import Info
from api.errors import InputError
from api.graphql.ids import node_pk
from api.graphql.pagination import build_connection, window
from api.graphql.user_errors import MutationPayload, run_mutation
from api.projects import service
from api.projects.inputs import (
    AwardProjectRequestInput,
    PostProjectRequestInput,
    RespondToAwardInput,
    SubmitReviewInput,
    UpdateProjectRequestInput,
)
from api.projects.models import ProjectRequest
from api.projects.types import ProjectRequestConnection, ProjectRequestType, ProjectStatusType
from api.reviews.service import ReviewDraft, submit_review
from api.reviews.types import ReviewType


@strawberry.type
class PostProjectRequestPayload(MutationPayload):
    project_request: ProjectRequestType | None = None


@strawberry.type
class UpdateProjectRequestPayload(MutationPayload):
    project_request: ProjectRequestType | None = None


@strawberry.type
class AwardProjectRequestPayload(MutationPayload):
    project_request: ProjectRequestType | None = None


@strawberry.type
class RespondToAwardPayload(MutationPayload):
    project_request: ProjectRequestType | None = None


@strawberry.type
class SubmitReviewPayload(MutationPayload):
    review: ReviewType | None = None


@strawberry.type
class ProjectQueries:
    @strawberry.field(
        description="Open requests, plus your own drafts when signed in as their business."
    )
    async def project_requests(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        status: ProjectStatusType | None = None,  # type: ignore[valid-type]
        mine: bool = False,
    ) -> ProjectRequestConnection:
        page = window(first, after)
        viewer = info.context.viewer
        conditions = [service.visible_to(viewer)]
        if status is not None:
            conditions.append(ProjectRequest.status == status.value)
        if mine:
            conditions.append(ProjectRequest.owner_id == (viewer.account_id if viewer else -1))
        session = info.context.session
        statement = (
            select(ProjectRequest)
            .where(*conditions)
            .order_by(ProjectRequest.created_at.desc(), ProjectRequest.id.desc())
            .offset(page.offset)
            .limit(page.limit + 1)
        )
        rows = (await session.execute(statement)).scalars()
        nodes = [ProjectRequestType.from_row(row) for row in rows]

        async def total() -> int:
            count = select(func.count()).select_from(ProjectRequest).where(*conditions)
            return int(await session.scalar(count) or 0)

        return build_connection(ProjectRequestConnection, nodes, page, total)

    @strawberry.field(description="One request; another business's draft reads as null.")
    async def project_request(self, info: Info, id: strawberry.ID) -> ProjectRequestType | None:
        try:
            pk = node_pk(id, "ProjectRequest", ["id"])
        except InputError:
            return None
        row = await service.project_by_id(info.context.session, info.context.viewer, pk)
        return ProjectRequestType.from_row(row) if row else None


@strawberry.type
class ProjectMutations:
    @strawberry.mutation(description="Post a scope of work as a DRAFT, or publish it (OPEN).")
    async def post_project_request(
        self, info: Info, input: PostProjectRequestInput
    ) -> PostProjectRequestPayload:
        async def work() -> PostProjectRequestPayload:
            row = await service.post_project_request(
                session=info.context.session,
                viewer=info.context.viewer,
                draft=input.to_draft(),
                publish=input.publish,
                catalog=await info.context.catalog(),
            )
            return PostProjectRequestPayload(project_request=ProjectRequestType.from_row(row))

        return await run_mutation(info, work, lambda e: PostProjectRequestPayload(user_errors=e))

    @strawberry.mutation(description="Edit your request, publish it, close or cancel it.")
    async def update_project_request(
        self, info: Info, input: UpdateProjectRequestInput
    ) -> UpdateProjectRequestPayload:
        async def work() -> UpdateProjectRequestPayload:
            row = await service.update_project_request(
                session=info.context.session,
                viewer=info.context.viewer,
                project_id=node_pk(input.id, "ProjectRequest", ["input", "id"]),
                draft=input.to_draft(),
                status=input.status.value if input.status else None,
                expected_version=input.expected_version,
                catalog=await info.context.catalog(),
            )
            return UpdateProjectRequestPayload(project_request=ProjectRequestType.from_row(row))

        return await run_mutation(info, work, lambda e: UpdateProjectRequestPayload(user_errors=e))

    @strawberry.mutation(description="Hire a vendor for your OPEN request.")
    async def award_project_request(
        self, info: Info, input: AwardProjectRequestInput
    ) -> AwardProjectRequestPayload:
        async def work() -> AwardProjectRequestPayload:
            row = await service.award_project_request(
                session=info.context.session,
                viewer=info.context.viewer,
                project_id=node_pk(input.id, "ProjectRequest", ["input", "id"]),
                vendor_id=node_pk(input.vendor_id, "Vendor", ["input", "vendorId"]),
            )
            return AwardProjectRequestPayload(project_request=ProjectRequestType.from_row(row))

        return await run_mutation(info, work, lambda e: AwardProjectRequestPayload(user_errors=e))

    @strawberry.mutation(
        description="As the awarded vendor, accept the award, or decline it (the request reopens)."
    )
    async def respond_to_award(
        self, info: Info, input: RespondToAwardInput
    ) -> RespondToAwardPayload:
        async def work() -> RespondToAwardPayload:
            row = await service.respond_to_award(
                session=info.context.session,
                viewer=info.context.viewer,
                project_id=node_pk(
                    input.project_request_id, "ProjectRequest", ["input", "projectRequestId"]
                ),
                accept=input.accept,
            )
            return RespondToAwardPayload(project_request=ProjectRequestType.from_row(row))

        return await run_mutation(info, work, lambda e: RespondToAwardPayload(user_errors=e))

    @strawberry.mutation(
        description="Review the vendor that accepted your award for a request; once per request."
    )
    async def submit_review(self, info: Info, input: SubmitReviewInput) -> SubmitReviewPayload:
        async def work() -> SubmitReviewPayload:
            row = await submit_review(
                session=info.context.session,
                viewer=info.context.viewer,
                project_id=node_pk(
                    input.project_request_id, "ProjectRequest", ["input", "projectRequestId"]
                ),
                draft=ReviewDraft(
                    quality=input.quality,
                    communication=input.communication,
                    timeliness=input.timeliness,
                    value=input.value,
                    comment=input.comment,
                    on_time=input.on_time,
                ),
            )
            return SubmitReviewPayload(review=ReviewType.from_row(row))

        return await run_mutation(info, work, lambda e: SubmitReviewPayload(user_errors=e))
