"""`submitReview`: the last step of a request's lifecycle, once the vendor accepted the
award. The rules are the project's (who hired whom); the review itself is the reviews
domain's record."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation
from api.projects import awards
from api.reviews.inputs import SubmitReviewInput
from api.reviews.types import ReviewType

if TYPE_CHECKING:
    from api.reviews.models import Review as ReviewRow


@strawberry.type
class SubmitReviewPayload(MutationPayload):
    review: ReviewType | None = None


@strawberry.type
class SubmitReview:
    @strawberry.mutation(
        description="Review the vendor that accepted your award for a request; once per request."
    )
    async def submit_review(self, info: Info, input: SubmitReviewInput) -> SubmitReviewPayload:
        async def call() -> ReviewRow:
            await limit_mutation(info, Action.REVIEW)
            return await awards.submit_review(
                session=info.context.session,
                viewer=info.context.viewer,
                project_id=node_pk(
                    input.project_request_id, "ProjectRequest", ["input", "projectRequestId"]
                ),
                draft=input.to_draft(),
            )

        return await run_mutation(
            info,
            SubmitReviewPayload,
            call,
            lambda row: SubmitReviewPayload(review=ReviewType.from_row(row)),
        )
