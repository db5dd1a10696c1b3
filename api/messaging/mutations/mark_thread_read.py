"""`markThreadRead`: move the viewer's read position in a thread forward."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.user_errors import MutationPayload, run_mutation
from api.messaging import service
from api.messaging.inputs import MarkThreadReadInput
from api.messaging.types import ThreadType

if TYPE_CHECKING:
    from api.messaging.models import Thread


@strawberry.type
class MarkThreadReadPayload(MutationPayload):
    thread: ThreadType | None = None


@strawberry.type
class MarkThreadRead:
    @strawberry.mutation(
        description="Mark a thread read up to a message (its newest by default); a read "
        "position never moves back."
    )
    async def mark_thread_read(
        self, info: Info, input: MarkThreadReadInput
    ) -> MarkThreadReadPayload:
        async def call() -> Thread:
            up_to = input.up_to_message_id
            return await service.mark_read(
                info.context.session,
                info.context.viewer,
                thread_id=node_pk(input.thread_id, "Thread", ["input", "threadId"]),
                up_to_message_id=(
                    node_pk(up_to, "Message", ["input", "upToMessageId"])
                    if up_to is not None
                    else None
                ),
            )

        return await run_mutation(
            info,
            MarkThreadReadPayload,
            call,
            lambda thread: MarkThreadReadPayload(thread=ThreadType.from_row(thread)),
        )
