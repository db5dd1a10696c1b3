"""GraphQL inputs for reviews."""

from __future__ import annotations

import strawberry

from api.reviews.fields import ReviewDraft


@strawberry.input(
    description="Scores from 1 to 5 for a COMPLETED engagement (or one ended by "
    "agreement): the business rates the vendor, the vendor rates the business."
)
class SubmitReviewInput:
    engagement_id: strawberry.ID
    quality: int
    communication: int
    timeliness: int
    value: int
    on_time: bool = True
    comment: str = ""

    def to_draft(self) -> ReviewDraft:
        return ReviewDraft(
            quality=self.quality,
            communication=self.communication,
            timeliness=self.timeliness,
            value=self.value,
            comment=self.comment,
            on_time=self.on_time,
        )


@strawberry.input
class ReplyToReviewInput:
    review_id: strawberry.ID
    reply: str
