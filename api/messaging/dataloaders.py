"""Messaging loaders: threads and messages by id, message pages and counts for many
threads at once, and each viewer's unread counts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, func, select
from sqlmodel import col

from api.graphql.dataloaders import RequestLoader, RowByKeyLoader
from api.graphql.pagination import Position, encode_position
from api.messaging.models import Message, Thread, ThreadRead

# Messages list oldest first (newest last), as a conversation reads.
MESSAGE_ORDER = "messages:OLDEST:ASC"


class ThreadByIdLoader(RowByKeyLoader[int, Thread]):
    model = Thread
    key = Thread.id


class MessageByIdLoader(RowByKeyLoader[int, Message]):
    model = Message
    key = Message.id


@dataclass(frozen=True)
class MessagePageKey:
    thread_id: int
    after: Position | None
    limit: int


def message_cursor(message: Message) -> str:
    assert message.id is not None
    return encode_position(message.id, message.id, MESSAGE_ORDER)


class MessagePageByThreadLoader(RequestLoader[MessagePageKey, list[Message]]):
    """Oldest-first pages for many threads: one windowed statement per distinct `after`."""

    async def batch_load(self, keys: list[MessagePageKey]) -> list[list[Message]]:
        pages: dict[MessagePageKey, list[Message]] = {}
        for after in dict.fromkeys(key.after for key in keys):
            group = [key for key in keys if key.after == after]
            pages |= await self._pages(group, after)
        return [pages[key] for key in keys]

    async def _pages(
        self, keys: list[MessagePageKey], after: Position | None
    ) -> dict[MessagePageKey, list[Message]]:
        position = (
            func.row_number()
            .over(partition_by=col(Message.thread_id), order_by=col(Message.id))
            .label("position")
        )
        conditions: list[ColumnElement[bool]] = [
            col(Message.thread_id).in_({key.thread_id for key in keys})
        ]
        if after is not None:
            conditions.append(col(Message.id) > after.id)
        ranked = select(col(Message.id), position).where(*conditions).subquery()
        statement = (
            select(Message, ranked.c.position)
            .join(ranked, ranked.c.id == Message.id)
            .where(ranked.c.position <= max(key.limit for key in keys))
            .order_by(ranked.c.position)
        )
        by_thread: dict[int, list[Message]] = defaultdict(list)
        for message, _position in await self.session.execute(statement):
            by_thread[message.thread_id].append(message)
        return {key: by_thread[key.thread_id][: key.limit] for key in keys}


class MessageCountByThreadLoader(RequestLoader[int, int]):
    async def batch_load(self, keys: list[int]) -> list[int]:
        rows = await self.session.execute(
            select(col(Message.thread_id), func.count())
            .where(col(Message.thread_id).in_(keys))
            .group_by(col(Message.thread_id))
        )
        counts = {thread_id: count for thread_id, count in rows}
        return [int(counts.get(key, 0)) for key in keys]


@dataclass(frozen=True)
class UnreadKey:
    """Messages from the other side than `side` that `account_id` has not read."""

    thread_id: int
    account_id: int
    side: str


class UnreadCountLoader(RequestLoader[UnreadKey, int]):
    async def batch_load(self, keys: list[UnreadKey]) -> list[int]:
        counts: dict[UnreadKey, int] = {}
        for account_id, side in dict.fromkeys((key.account_id, key.side) for key in keys):
            threads = [k.thread_id for k in keys if (k.account_id, k.side) == (account_id, side)]
            read = and_(
                col(ThreadRead.thread_id) == col(Message.thread_id),
                col(ThreadRead.account_id) == account_id,
            )
            rows = await self.session.execute(
                select(col(Message.thread_id), func.count())
                .outerjoin(ThreadRead, read)
                .where(
                    col(Message.thread_id).in_(threads),
                    col(Message.side) != side,
                    col(Message.id) > func.coalesce(col(ThreadRead.last_read_message_id), 0),
                )
                .group_by(col(Message.thread_id))
            )
            for thread_id, count in rows:
                counts[UnreadKey(thread_id, account_id, side)] = int(count)
        return [counts.get(key, 0) for key in keys]
