"""`submitReview`: either side reviews the other once the engagement is done."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from api.engagements import reviews
from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation
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
        description="Review the other side of a COMPLETED engagement (or one ended by "
        "agreement): a business its vendor, a vendor its client; once each."
    )
    async def submit_review(self, info: Info, input: SubmitReviewInput) -> SubmitReviewPayload:
        async def call() -> ReviewRow:
            await limit_mutation(info, Action.REVIEW)
            return await reviews.submit_review(
                session=info.context.session,
                viewer=info.context.viewer,
                engagement_id=node_pk(input.engagement_id, "Engagement", ["input", "engagementId"]),
                draft=input.to_draft(),
            )

        return await run_mutation(
            info,
            SubmitReviewPayload,
            call,
            lambda row: SubmitReviewPayload(review=ReviewType.from_row(row)),
        )
