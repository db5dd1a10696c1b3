"""GraphQL inputs for messaging."""

from __future__ import annotations

import strawberry


@strawberry.input(
    description="Either `threadId` (an existing thread) or `projectRequestId` and "
    "`vendorId` (the request's thread with that vendor, started on first message)."
)
class SendMessageInput:
    body: str
    thread_id: strawberry.ID | None = None
    project_request_id: strawberry.ID | None = None
    vendor_id: strawberry.ID | None = None


@strawberry.input
class MarkThreadReadInput:
    thread_id: strawberry.ID
    up_to_message_id: strawberry.ID | None = strawberry.field(
        default=None, description="Read up to this message; the newest when omitted."
    )
