"""The viewer's notifications and webhooks: nobody else's are ever listed."""

from __future__ import annotations

import strawberry

from api.core.errors import ClientError, ErrorCode
from api.core.viewer import Viewer
from api.events import reads
from api.events.types import (
    NotificationConnection,
    NotificationType,
    WebhookConnection,
    WebhookType,
)
from api.graphql.context import Info
from api.graphql.pagination import keyset_window


def signed_in(info: Info, what: str) -> Viewer:
    """The viewer, or a clear UNAUTHENTICATED error: these lists are per account."""
    viewer = info.context.viewer
    if viewer is None:
        raise ClientError(f"Sign in to see your {what}.", code=ErrorCode.UNAUTHENTICATED.value)
    return viewer


@strawberry.type
class EventQueries:
    @strawberry.field(description="Your notifications, newest first.")
    async def notifications(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        unread_only: bool = False,
    ) -> NotificationConnection:
        viewer = signed_in(info, "notifications")
        page = keyset_window(first, after)
        session = info.context.session
        rows = await reads.notifications_page(
            session,
            account_id=viewer.account_id,
            unread_only=unread_only,
            after=page.after,
            limit=page.limit + 1,
        )

        async def total() -> int:
            return await reads.count_notifications(
                session, account_id=viewer.account_id, unread_only=unread_only
            )

        async def unread() -> int:
            return await reads.count_notifications(
                session, account_id=viewer.account_id, unread_only=True
            )

        connection = NotificationConnection.from_keyset(
            [NotificationType.from_row(row) for row, _cursor in rows],
            [cursor for _row, cursor in rows],
            page,
            total,
        )
        connection._unread = unread
        return connection

    @strawberry.field(description="Your webhooks, oldest first.")
    async def webhooks(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> WebhookConnection:
        viewer = signed_in(info, "webhooks")
        page = keyset_window(first, after)
        session = info.context.session
        rows = await reads.webhooks_page(
            session, account_id=viewer.account_id, after=page.after, limit=page.limit + 1
        )

        async def total() -> int:
            return await reads.count_webhooks(session, viewer.account_id)

        return WebhookConnection.from_keyset(
            [WebhookType.from_row(row) for row, _cursor in rows],
            [cursor for _row, cursor in rows],
            page,
            total,
        )
