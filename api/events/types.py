"""GraphQL types for notifications, webhooks and their delivery log."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Self, TypeAlias, cast

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from api.events.dataloaders import (
    DeliveryCountByWebhookLoader,
    DeliveryPageByWebhookLoader,
    DeliveryPageKey,
    EventByIdLoader,
    WebhookByIdLoader,
)
from api.events.kinds import EventKind
from api.events.models import DeliveryStatus, Event, Webhook, WebhookDelivery
from api.graphql.context import Info
from api.graphql.node import KeyedNode
from api.graphql.pagination import Connection, keyset_window

# strawberry.enum registers the GraphQL enum on the class and returns the class itself;
# the `...Type` aliases name the enum in annotations.
strawberry.enum(EventKind, name="EventKind")
EventKindType: TypeAlias = EventKind
strawberry.enum(DeliveryStatus, name="WebhookDeliveryStatus")
DeliveryStatusType: TypeAlias = DeliveryStatus

SIGNATURE_SCHEME = """An endpoint that receives your events as signed HTTP POSTs.

Each delivery is a POST of JSON `{id, kind, createdAt, subject: {type, id}, summary,
payload}` (`id` is the Notification's global ID, `subject.id` a global ID for `node(id:)`),
with the headers `X-Vendormatch-Event` (the kind), `X-Vendormatch-Delivery` (the
delivery's id: the same on every retry of it, so you can drop duplicates),
`X-Vendormatch-Timestamp` (Unix seconds when this attempt was signed) and
`X-Vendormatch-Signature: sha256=<hex>`, the HMAC-SHA256, keyed with the webhook's
secret, of the timestamp, a `.` and the raw request body. To verify: recompute it over
the body exactly as received, compare in constant time, and refuse timestamps more than
five minutes old (a replayed request). Answer 2xx within WEBHOOK_TIMEOUT_SECONDS; any
other answer (redirects included) is retried with exponential backoff, up to
WEBHOOK_MAX_ATTEMPTS attempts."""


@strawberry.type(
    name="Notification",
    description="Something that happened which concerns you (an invitation, a proposal, an "
    "award, a message, ...). Only the account it was addressed to ever sees it.",
)
class NotificationType(KeyedNode):
    id: relay.NodeID[int]
    kind: EventKindType
    summary: str = strawberry.field(description="One line for people; never confidential text.")
    payload: JSON = strawberry.field(description="A few ids and values about the event.")
    created_at: datetime
    read_at: datetime | None = strawberry.field(description="When you marked it read.")
    subject_type: str = strawberry.field(description="The type of the node it is about.")
    _row: strawberry.Private[Event]

    @classmethod
    def from_row(cls, row: Event) -> Self:
        assert row.id is not None
        return cls(
            id=row.id,
            kind=EventKind(row.kind),
            summary=row.summary,
            payload=cast(JSON, dict(row.payload)),
            created_at=row.created_at,
            read_at=row.read_at,
            subject_type=row.subject_type,
            _row=row,
        )

    @strawberry.field(description="The subject's global ID, for `node(id:)`.")
    def subject_id(self) -> strawberry.ID:
        return strawberry.ID(relay.to_base64(self._row.subject_type, self._row.subject_id))

    @strawberry.field(
        description="What it is about (a Proposal, an Engagement, ...); null once you may no "
        "longer see it."
    )
    async def subject(self, info: Info) -> relay.Node | None:
        subject = relay.GlobalID(self._row.subject_type, str(self._row.subject_id))
        try:
            node = await subject.resolve_node(info, required=False)
        except relay.GlobalIDValueError:
            return None  # a type this schema no longer has
        return node if isinstance(node, relay.Node) else None

    @classmethod
    async def load_pks(cls, info: Info, pks: list[int]) -> list[Self | None]:
        viewer = info.context.viewer
        if viewer is None:
            return [None] * len(pks)
        rows = await EventByIdLoader.of(info.context).load_many(pks)
        return [
            cls.from_row(row) if row is not None and row.account_id == viewer.account_id else None
            for row in rows
        ]


@strawberry.type
class NotificationConnection(Connection[NotificationType]):
    _unread: strawberry.Private[Callable[[], Awaitable[int]] | None] = None

    @strawberry.field(description="How many of your notifications are unread, on all pages.")
    async def unread_count(self) -> int:
        assert self._unread is not None
        return await self._unread()


@strawberry.type(
    name="WebhookDelivery",
    description="One event on its way to one webhook: each attempt's outcome, and the next.",
)
class WebhookDeliveryType:
    id: strawberry.ID = strawberry.field(
        description="The X-Vendormatch-Delivery header: the same on every retry."
    )
    status: DeliveryStatusType
    attempts: int
    last_status_code: int | None = strawberry.field(
        description="The HTTP status of the last attempt; null if none answered."
    )
    last_error: str | None = strawberry.field(description="Why the last attempt failed.")
    delivered_at: datetime | None
    next_attempt_at: datetime | None = strawberry.field(
        description="When it is tried next; null once DELIVERED or FAILED."
    )
    created_at: datetime
    _row: strawberry.Private[WebhookDelivery]

    @classmethod
    def from_row(cls, row: WebhookDelivery) -> Self:
        assert row.id is not None
        pending = row.status == DeliveryStatus.PENDING
        return cls(
            id=strawberry.ID(str(row.id)),
            status=DeliveryStatus(row.status),
            attempts=row.attempts,
            last_status_code=row.last_status_code,
            last_error=row.last_error,
            delivered_at=row.delivered_at,
            next_attempt_at=row.next_attempt_at if pending else None,
            created_at=row.created_at,
            _row=row,
        )

    @strawberry.field(description="The notification it carries.")
    async def notification(self, info: Info) -> NotificationType | None:
        row = await EventByIdLoader.of(info.context).load(self._row.event_id)
        return NotificationType.from_row(row) if row is not None else None

    @strawberry.field(description="The kind of event it carries.")
    async def kind(self, info: Info) -> EventKindType | None:
        row = await EventByIdLoader.of(info.context).load(self._row.event_id)
        return EventKind(row.kind) if row is not None else None


@strawberry.type
class WebhookDeliveryConnection(Connection[WebhookDeliveryType]):
    pass


@strawberry.type(name="Webhook", description=SIGNATURE_SCHEME)
class WebhookType(KeyedNode):
    id: relay.NodeID[int]
    url: str
    description: str
    active: bool
    created_at: datetime
    _row: strawberry.Private[Webhook]

    @classmethod
    def from_row(cls, row: Webhook) -> Self:
        assert row.id is not None
        return cls(
            id=row.id,
            url=row.url,
            description=row.description,
            active=row.active,
            created_at=row.created_at,
            _row=row,
        )

    @strawberry.field(description="The delivery log, newest first.")
    async def deliveries(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> WebhookDeliveryConnection:
        page = keyset_window(first, after)
        rows = await DeliveryPageByWebhookLoader.of(info.context).load(
            DeliveryPageKey(webhook_id=self.id, after=page.after, limit=page.limit + 1)
        )
        loader = DeliveryCountByWebhookLoader.of(info.context)
        webhook_id = self.id

        async def total() -> int:
            return await loader.load(webhook_id)

        return WebhookDeliveryConnection.from_keyset(
            [WebhookDeliveryType.from_row(row) for row, _cursor in rows],
            [cursor for _row, cursor in rows],
            page,
            total,
        )

    @classmethod
    async def load_pks(cls, info: Info, pks: list[int]) -> list[Self | None]:
        viewer = info.context.viewer
        if viewer is None:
            return [None] * len(pks)
        rows = await WebhookByIdLoader.of(info.context).load_many(pks)
        return [
            cls.from_row(row) if row is not None and row.account_id == viewer.account_id else None
            for row in rows
        ]


@strawberry.type
class WebhookConnection(Connection[WebhookType]):
    pass
