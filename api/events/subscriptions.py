"""`notifications`: the signed-in account hears of each new event within a second.

A subscription registers an inbox with the worker's one broadcaster (see broadcast.py)
rather than reading the database itself, so a thousand subscribers cost one reader. With
`since`, it first replays what the account was sent since then (at most the last hour,
the newest REPLAY_LIMIT), to resume after a reconnect without a gap.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import UTC, datetime, timedelta
from typing import Annotated

import strawberry

from api.core.clock import utcnow
from api.core.errors import ClientError, ErrorCode
from api.events import background, reads
from api.events.broadcast import INBOX_SIZE, EventBroadcaster, InboxOverflow
from api.events.models import Event
from api.events.types import NotificationType
from api.graphql.context import Info
from api.graphql.subscription_slots import SubscriptionSlots
from api.graphql.throttle import request_ip

MAX_REPLAY = timedelta(hours=1)
REPLAY_LIMIT = 100


@strawberry.type
class EventSubscriptions:
    @strawberry.subscription(
        description="Your notifications as they happen (sign in first). A subscriber that "
        f"falls more than {INBOX_SIZE} behind is ended with code SLOW_CONSUMER; subscribe "
        "again with `since`."
    )
    async def notifications(
        self,
        info: Info,
        since: Annotated[
            datetime | None,
            strawberry.argument(
                description="First replay your notifications created since then (at most "
                f"an hour back, the newest {REPLAY_LIMIT}), to resume after a reconnect."
            ),
        ] = None,
    ) -> AsyncGenerator[NotificationType, None]:
        context = info.context
        viewer = context.viewer
        if viewer is None:
            raise ClientError(
                "Sign in to subscribe to your notifications.",
                code=ErrorCode.UNAUTHENTICATED.value,
            )
        runtime = context.runtime
        slots = runtime.resource(SubscriptionSlots)
        client = request_ip(context)
        slots.acquire(client, runtime.settings)
        broadcaster = runtime.resource(EventBroadcaster)
        background.start(runtime)
        # Listen before replaying: an event committed meanwhile is in one or the other.
        inbox = broadcaster.subscribe(viewer.account_id)
        try:
            replayed: set[int] = set()
            if since is not None:
                async with runtime.sessions() as session:
                    rows = await reads.events_since(
                        session,
                        account_id=viewer.account_id,
                        since=_replay_start(since, utcnow()),
                        limit=REPLAY_LIMIT,
                    )
                for row in rows:
                    assert row.id is not None
                    replayed.add(row.id)
                    yield await _present(info, row, viewer.account_id)
            while True:
                try:
                    row = await inbox.next()
                except InboxOverflow:
                    raise ClientError(
                        f"This subscription fell more than {INBOX_SIZE} notifications behind "
                        "and was ended; subscribe again with `since` set to the createdAt of "
                        "the last notification you received.",
                        code="SLOW_CONSUMER",
                    ) from None
                if row.id in replayed:
                    continue
                yield await _present(info, row, viewer.account_id)
        finally:
            broadcaster.unsubscribe(inbox)
            slots.release(client)
            await context.close()


async def _present(info: Info, row: Event, account_id: int) -> NotificationType:
    """The notification, if the socket's token still signs in its recipient."""
    context = info.context
    # A subscription lives long: no session or loader cache outlives one notification.
    await context.close()
    await context.refresh_viewer()
    if context.viewer is None or context.viewer.account_id != account_id:
        raise ClientError(
            "You were signed out; sign in again to hear of your notifications.",
            code=ErrorCode.UNAUTHENTICATED.value,
        )
    return NotificationType.from_row(row)


def _replay_start(since: datetime, now: datetime) -> datetime:
    """`since` clamped to the last hour; absurd instants mean now."""
    try:
        moment = since if since.tzinfo else since.replace(tzinfo=UTC)
        return min(max(moment, now - MAX_REPLAY), now)
    except OverflowError:
        return now
