"""Messaging reads: the viewer's threads (a thread or message by id goes through node)."""

from __future__ import annotations

import strawberry

from api.core.errors import ClientError
from api.graphql.context import Info
from api.graphql.pagination import keyset_window
from api.messaging.reads import list_threads
from api.messaging.types import ThreadConnection, ThreadType


@strawberry.type
class MessagingQueries:
    @strawberry.field(
        description="The signed-in account's threads, most recently active first "
        "(every thread for an admin)."
    )
    async def threads(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        unread_only: bool = False,
    ) -> ThreadConnection:
        viewer = info.context.viewer
        if viewer is None:
            raise ClientError("Sign in to read your threads.", code="UNAUTHENTICATED")
        page = keyset_window(first, after)
        rows, count = await list_threads(
            info.context.session,
            viewer,
            unread_only=unread_only,
            after=page.after,
            limit=page.limit + 1,
        )
        return ThreadConnection.from_keyset(
            [ThreadType.from_row(thread) for thread, _cursor in rows],
            [cursor for _thread, cursor in rows],
            page,
            count,
        )
