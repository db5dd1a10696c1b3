"""Notification and webhook writes: the viewer's own, and nobody else's."""

from __future__ import annotations

import strawberry
from strawberry import relay

from api.events import service
from api.events.inputs import DeleteWebhookInput, MarkNotificationsReadInput, RegisterWebhookInput
from api.events.types import WebhookType
from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation


@strawberry.type
class MarkNotificationsReadPayload(MutationPayload):
    marked_count: int = strawberry.field(default=0, description="How many were unread before.")
    unread_count: int = strawberry.field(default=0, description="How many remain unread.")


@strawberry.type
class RegisterWebhookPayload(MutationPayload):
    webhook: WebhookType | None = None
    secret: str | None = strawberry.field(
        default=None,
        description="The signing secret, shown this once: keep it to verify each delivery's "
        "X-Vendormatch-Signature (see Webhook).",
    )


@strawberry.type
class DeleteWebhookPayload(MutationPayload):
    deleted_webhook_id: strawberry.ID | None = None


@strawberry.type
class EventMutations:
    @strawberry.mutation(description="Mark your notifications read: `ids`, or all up to `upTo`.")
    async def mark_notifications_read(
        self, info: Info, input: MarkNotificationsReadInput
    ) -> MarkNotificationsReadPayload:
        return await run_mutation(
            info,
            MarkNotificationsReadPayload,
            lambda: service.mark_read(
                session=info.context.session, viewer=info.context.viewer, marks=input.to_marks()
            ),
            lambda result: MarkNotificationsReadPayload(
                marked_count=result.marked, unread_count=result.unread
            ),
        )

    @strawberry.mutation(
        description="Have your events POSTed, signed, to a URL of yours; the payload shows "
        "the signing secret this once."
    )
    async def register_webhook(
        self, info: Info, input: RegisterWebhookInput
    ) -> RegisterWebhookPayload:
        async def call() -> service.Registered:
            await limit_mutation(info, Action.WORKFLOW)
            return await service.register_webhook(
                session=info.context.session,
                viewer=info.context.viewer,
                draft=input.to_draft(),
                settings=info.context.runtime.settings,
            )

        return await run_mutation(
            info,
            RegisterWebhookPayload,
            call,
            lambda made: RegisterWebhookPayload(
                webhook=WebhookType.from_row(made.webhook), secret=made.secret
            ),
        )

    @strawberry.mutation(description="Stop delivering to one of your webhooks, and drop its log.")
    async def delete_webhook(self, info: Info, input: DeleteWebhookInput) -> DeleteWebhookPayload:
        async def call() -> int:
            await limit_mutation(info, Action.WORKFLOW)
            return await service.delete_webhook(
                session=info.context.session,
                viewer=info.context.viewer,
                webhook_id=node_pk(input.id, "Webhook", ["input", "id"]),
            )

        return await run_mutation(
            info,
            DeleteWebhookPayload,
            call,
            lambda deleted: DeleteWebhookPayload(
                deleted_webhook_id=strawberry.ID(relay.to_base64("Webhook", deleted))
            ),
        )
