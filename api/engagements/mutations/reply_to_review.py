"""`replyToReview`: the reviewed party answers a review once, in public."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from api.engagements import reviews
from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation
from api.reviews.inputs import ReplyToReviewInput
from api.reviews.types import ReviewType

if TYPE_CHECKING:
    from api.reviews.models import Review as ReviewRow


@strawberry.type
class ReplyToReviewPayload(MutationPayload):
    review: ReviewType | None = None


@strawberry.type
class ReplyToReview:
    @strawberry.mutation(description="Reply in public to a review about you; once per review.")
    async def reply_to_review(self, info: Info, input: ReplyToReviewInput) -> ReplyToReviewPayload:
        async def call() -> ReviewRow:
            await limit_mutation(info, Action.WORKFLOW)
            return await reviews.reply_to_review(
                session=info.context.session,
                viewer=info.context.viewer,
                review_id=node_pk(input.review_id, "Review", ["input", "reviewId"]),
                reply=input.reply,
            )

        return await run_mutation(
            info,
            ReplyToReviewPayload,
            call,
            lambda row: ReplyToReviewPayload(review=ReviewType.from_row(row)),
        )
