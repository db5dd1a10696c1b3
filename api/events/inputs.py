"""Strawberry inputs for notifications and webhooks, and their drafts."""

from __future__ import annotations

import strawberry

from api.core.errors import ErrorCode, InputError
from api.events.fields import ReadMarks, WebhookDraft
from api.events.rules import MAX_READ_IDS
from api.graphql.ids import node_pk


@strawberry.input
class MarkNotificationsReadInput:
    ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="These notifications (at most 100)."
    )
    up_to: strawberry.ID | None = strawberry.field(
        default=None, description="This notification and every older one of yours."
    )

    def to_marks(self) -> ReadMarks:
        """The marks, each id decoded (a malformed one is a NOT_FOUND naming its place)."""
        ids = None
        if self.ids is not None and len(self.ids) > MAX_READ_IDS:
            raise InputError.single(
                ["input", "ids"], f"At most {MAX_READ_IDS} ids at once.", ErrorCode.TOO_MANY
            )
        if self.ids is not None:
            ids = tuple(
                node_pk(value, "Notification", ["input", "ids", str(index)])
                for index, value in enumerate(self.ids)
            )
        up_to = (
            None if self.up_to is None else node_pk(self.up_to, "Notification", ["input", "upTo"])
        )
        return ReadMarks(ids=ids, up_to=up_to)


@strawberry.input
class RegisterWebhookInput:
    url: str = strawberry.field(
        description="An http(s) URL whose host resolves to public addresses only."
    )
    description: str | None = strawberry.field(default=None, description="A note for you.")

    def to_draft(self) -> WebhookDraft:
        return WebhookDraft(url=self.url, description=self.description or "")


@strawberry.input
class DeleteWebhookInput:
    id: strawberry.ID
