"""GraphQL types for threads and messages. A thread and its messages are shown to its two
parties (the request's business, the vendor's owner) and to admins, to nobody else."""

from __future__ import annotations

from datetime import datetime
from typing import Self, TypeAlias

import strawberry
from strawberry import relay
from strawberry.dataloader import DataLoader

from api.core.viewer import Role
from api.graphql.context import Info
from api.graphql.node import KeyedNode
from api.graphql.pagination import Connection, keyset_window
from api.messaging.dataloaders import (
    MESSAGE_ORDER,
    MessageByIdLoader,
    MessageCountByThreadLoader,
    MessagePageByThreadLoader,
    MessagePageKey,
    ThreadByIdLoader,
    UnreadCountLoader,
    UnreadKey,
    message_cursor,
)
from api.messaging.models import Message as MessageRow
from api.messaging.models import Side, ThreadKind
from api.messaging.models import Thread as ThreadRow
from api.projects.types import ProjectRequestType
from api.reviews.types import Client
from api.vendors.dataloaders import VendorByIdLoader, VendorByOwnerIdLoader
from api.vendors.types import VendorType

# strawberry.enum registers the GraphQL enum on the class and returns the class itself;
# the `...Type` aliases name the enum in annotations.
strawberry.enum(ThreadKind, name="ThreadKind")
strawberry.enum(Side, name="ThreadSide")
ThreadKindType: TypeAlias = ThreadKind
SideType: TypeAlias = Side


class RequestNodeLoader(DataLoader[int, ProjectRequestType | None]):
    """Requests as the viewer may see them, for many threads in one batch (the request
    type's own node lookup applies its visibility rules)."""

    @classmethod
    def of(cls, info: Info) -> RequestNodeLoader:
        loaders = info.context.loaders
        loader = loaders.get(cls)
        if loader is None:

            async def load(keys: list[int]) -> list[ProjectRequestType | None]:
                return await ProjectRequestType.load_pks(info, list(keys))

            loader = loaders[cls] = cls(load_fn=load)
        assert isinstance(loader, cls)
        return loader


async def viewer_side(info: Info, thread: ThreadRow) -> Side | None:
    """The side the signed-in account speaks for in `thread` (None: no party)."""
    viewer = info.context.viewer
    if viewer is None:
        return None
    if viewer.account_id == thread.business_id:
        return Side.BUSINESS
    if viewer.role == Role.VENDOR:
        vendor = await VendorByOwnerIdLoader.of(info.context).load(viewer.account_id)
        if vendor is not None and vendor.id == thread.vendor_id:
            return Side.VENDOR
    return None


async def may_read(info: Info, thread: ThreadRow) -> bool:
    viewer = info.context.viewer
    if viewer is None:
        return False
    return viewer.is_admin or await viewer_side(info, thread) is not None


@strawberry.type(name="Message", description="One message in a thread.")
class MessageType(KeyedNode):
    id: relay.NodeID[int]
    body: str
    side: SideType = strawberry.field(description="Which party wrote it.")
    created_at: datetime
    response_seconds: int | None = strawberry.field(
        description="For an answer to the other side: seconds since the oldest message it "
        "answers. Vendors' response times are measured from these."
    )
    _row: strawberry.Private[MessageRow]

    @classmethod
    def from_row(cls, row: MessageRow) -> Self:
        assert row.id is not None
        return cls(
            id=row.id,
            body=row.body,
            side=Side(row.side),
            created_at=row.created_at,
            response_seconds=row.response_seconds,
            _row=row,
        )

    @strawberry.field(description="Whether the signed-in account wrote it.")
    def is_mine(self, info: Info) -> bool:
        viewer = info.context.viewer
        return viewer is not None and viewer.account_id == self._row.author_id

    @strawberry.field
    async def thread(self, info: Info) -> ThreadType | None:
        row = await ThreadByIdLoader.of(info.context).load(self._row.thread_id)
        return ThreadType.from_row(row) if row is not None else None

    @classmethod
    async def load_pks(cls, info: Info, pks: list[int]) -> list[Self | None]:
        messages = await MessageByIdLoader.of(info.context).load_many(pks)
        threads = await ThreadByIdLoader.of(info.context).load_many(
            [m.thread_id if m else -1 for m in messages]
        )
        return [
            cls.from_row(message)
            if message is not None and thread is not None and await may_read(info, thread)
            else None
            for message, thread in zip(messages, threads, strict=True)
        ]


@strawberry.type
class MessageConnection(Connection[MessageType]):
    pass


@strawberry.type(
    name="Thread",
    description="A conversation between a business and a vendor about one request "
    "(REQUEST) or about the engagement that followed (ENGAGEMENT).",
)
class ThreadType(KeyedNode):
    id: relay.NodeID[int]
    kind: ThreadKindType
    last_message_at: datetime | None
    created_at: datetime
    _row: strawberry.Private[ThreadRow]

    @classmethod
    def from_row(cls, row: ThreadRow) -> Self:
        assert row.id is not None
        return cls(
            id=row.id,
            kind=ThreadKind(row.kind),
            last_message_at=row.last_message_at,
            created_at=row.created_at,
            _row=row,
        )

    @strawberry.field(
        description="The request it is about; null if the viewer may no longer see it."
    )
    async def project_request(self, info: Info) -> ProjectRequestType | None:
        return await RequestNodeLoader.of(info).load(self._row.project_id)

    @strawberry.field
    async def vendor(self, info: Info) -> VendorType | None:
        row = await VendorByIdLoader.of(info.context).load(self._row.vendor_id)
        return VendorType.from_row(row) if row is not None else None

    @strawberry.field(description="The business side, as vendors rated it.")
    def client(self) -> Client:
        return Client(account_id=self._row.business_id)

    @strawberry.field(description="The viewer's side in this thread; null for an admin.")
    async def my_side(self, info: Info) -> SideType | None:
        return await viewer_side(info, self._row)

    @strawberry.field(description="Messages, oldest first (newest last).")
    async def messages(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> MessageConnection:
        page = keyset_window(first, after)
        if page.after is not None:
            page.after.require_order(MESSAGE_ORDER)
        rows = await MessagePageByThreadLoader.of(info.context).load(
            MessagePageKey(thread_id=self.id, after=page.after, limit=page.limit + 1)
        )
        loader = MessageCountByThreadLoader.of(info.context)

        async def total() -> int:
            return await loader.load(self.id)

        return MessageConnection.from_keyset(
            [MessageType.from_row(row) for row in rows],
            [message_cursor(row) for row in rows],
            page,
            total,
        )

    @strawberry.field(description="Messages from the other party the viewer has not read.")
    async def unread_count(self, info: Info) -> int:
        viewer = info.context.viewer
        side = await viewer_side(info, self._row)
        if viewer is None or side is None:
            return 0
        return await UnreadCountLoader.of(info.context).load(
            UnreadKey(thread_id=self.id, account_id=viewer.account_id, side=side)
        )

    @classmethod
    async def load_pks(cls, info: Info, pks: list[int]) -> list[Self | None]:
        rows = await ThreadByIdLoader.of(info.context).load_many(pks)
        return [
            cls.from_row(row) if row is not None and await may_read(info, row) else None
            for row in rows
        ]


@strawberry.type
class ThreadConnection(Connection[ThreadType]):
    pass
