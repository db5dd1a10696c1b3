"""`sendMessage`: write in a thread, or start the request's thread with a vendor."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from api.core.errors import ErrorCode, InputError
from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation
from api.messaging import service
from api.messaging.inputs import SendMessageInput
from api.messaging.types import MessageType, ThreadType

if TYPE_CHECKING:
    from api.messaging.models import Message, Thread


@strawberry.type
class SendMessagePayload(MutationPayload):
    message: MessageType | None = None
    thread: ThreadType | None = None


async def _thread(info: Info, input: SendMessageInput) -> Thread:
    session, viewer = info.context.session, info.context.viewer
    by_pair = input.project_request_id is not None or input.vendor_id is not None
    if (input.thread_id is None) == (not by_pair):
        raise InputError.single(
            ["input", "threadId"],
            "Give either threadId, or projectRequestId and vendorId.",
            ErrorCode.INVALID,
        )
    if input.thread_id is not None:
        return await service.writable_thread(
            session, viewer, node_pk(input.thread_id, "Thread", ["input", "threadId"])
        )
    if input.project_request_id is None or input.vendor_id is None:
        missing = "projectRequestId" if input.project_request_id is None else "vendorId"
        raise InputError.single(
            ["input", missing], "Give both projectRequestId and vendorId.", ErrorCode.REQUIRED
        )
    return await service.request_thread_for(
        session,
        viewer,
        project_id=node_pk(
            input.project_request_id, "ProjectRequest", ["input", "projectRequestId"]
        ),
        vendor_id=node_pk(input.vendor_id, "Vendor", ["input", "vendorId"]),
    )


@strawberry.type
class SendMessage:
    @strawberry.mutation(
        description="Write to the other party: in a thread (threadId), or about a request "
        "to a vendor (projectRequestId + vendorId), which starts their thread."
    )
    async def send_message(self, info: Info, input: SendMessageInput) -> SendMessagePayload:
        async def call() -> tuple[Message, Thread]:
            await limit_mutation(info, Action.WORKFLOW)
            thread = await _thread(info, input)
            message = await service.send_message(
                info.context.session, info.context.viewer, thread=thread, body=input.body
            )
            return message, thread

        return await run_mutation(
            info,
            SendMessagePayload,
            call,
            lambda result: SendMessagePayload(
                message=MessageType.from_row(result[0]), thread=ThreadType.from_row(result[1])
            ),
        )
