"""Cursor connections: `first`/`after` windows, opaque cursors, pageInfo, lazy totalCount.

Lists of stored rows use keyset cursors: a cursor holds the last row's sort key and id,
and the next page starts strictly after that position, so rows inserted or deleted
meanwhile neither repeat nor skip an item. Offset cursors remain for rankings computed
per request (matches), where there is no stored position to continue from.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, Protocol, Self, TypeVar

import strawberry
from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import SQLColumnExpression
from strawberry import relay

from api.core.errors import ClientError
from api.core.settings import get_settings

DEFAULT_PAGE = 20
CURSOR_PREFIX = "offset:"
# Larger offsets overflow the databases' integer types; no real page is that far in.
MAX_OFFSET = 2**31 - 2


@dataclass(frozen=True)
class Window:
    offset: int
    limit: int


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"{CURSOR_PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        if not text.startswith(CURSOR_PREFIX):
            raise ValueError(cursor)
        offset = int(text[len(CURSOR_PREFIX) :])
        if not 0 <= offset <= MAX_OFFSET:
            raise ValueError(cursor)
        return offset
    except (ValueError, UnicodeDecodeError) as error:
        raise ClientError(f"Invalid cursor for `after`: {cursor!r}.") from error


def max_page() -> int:
    """The largest `first` a list takes (MAX_PAGE_SIZE)."""
    return get_settings().max_page_size


def window(first: int | None, after: str | None, *, maximum: int | None = None) -> Window:
    """The rows a page asks for; `first` is capped so no query reads without bound."""
    maximum = max_page() if maximum is None else maximum
    limit = DEFAULT_PAGE if first is None else first
    if not 0 <= limit <= maximum:
        raise ClientError(f"`first` must be between 0 and {maximum}.")
    offset = decode_cursor(after) + 1 if after else 0
    return Window(offset=offset, limit=limit)


# A keyset cursor is base64 of {"o": order, "k": key, "i": id}; the key is JSON text, a
# number or null, and the order names the list and its sort, so a cursor from one order
# is refused by another instead of giving a meaningless page.
KeyValue = str | int | float | None
MAX_CURSOR = 1000
# Ids are INTEGER columns on both engines: PostgreSQL refuses a larger bind outright.
MAX_ROW_ID = 2**31 - 1
# Integer keys beyond this are no count or rating a list sorts by (and overflow a float).
MAX_INT_KEY = 2**53


@dataclass(frozen=True)
class Position:
    """Where a keyset page ends: the sort key (as JSON) and the id of its last row, in the
    order (e.g. "vendors:NAME:ASC") the cursor was written for."""

    key: KeyValue
    id: int
    order: str

    def require_order(self, order: str) -> Position:
        """This position, if it was written for `order`; a client error naming `after` else."""
        if self.order != order:
            raise ClientError(
                "This cursor belongs to a list in another order; "
                "pass an endCursor from this list and order.",
                field=["after"],
            )
        return self


@dataclass(frozen=True)
class KeysetWindow:
    after: Position | None
    limit: int


def encode_position(key: KeyValue, row_id: int, order: str) -> str:
    text = json.dumps({"o": order, "k": key, "i": row_id}, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode()


def decode_position(cursor: str) -> Position:
    """The position a cursor names; anything else is a client error naming `after`."""
    try:
        if len(cursor) > MAX_CURSOR:
            raise ValueError(cursor)
        parsed = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        key, row_id, order = parsed["k"], parsed["i"], parsed["o"]
        if not isinstance(order, str):
            raise ValueError(cursor)
        if not isinstance(row_id, int) or isinstance(row_id, bool):
            raise ValueError(cursor)
        if not 1 <= row_id <= MAX_ROW_ID:
            raise ValueError(cursor)
        if not _is_key(key):
            raise ValueError(cursor)
        return Position(key=key, id=row_id, order=order)
    except (
        ValueError,
        TypeError,
        KeyError,
        OverflowError,
        RecursionError,
        binascii.Error,
        UnicodeError,
    ) as error:
        raise invalid_cursor(cursor) from error


def _is_key(key: object) -> bool:
    """A key any list could have written: text without NUL (PostgreSQL refuses it in a
    bind), a finite number (json reads NaN and Infinity), or null."""
    if key is None:
        return True
    if isinstance(key, str):
        return "\x00" not in key
    if isinstance(key, bool):
        return False
    if isinstance(key, int):
        return -MAX_INT_KEY <= key <= MAX_INT_KEY
    return isinstance(key, float) and math.isfinite(key)


def invalid_cursor(cursor: str) -> ClientError:
    shown = cursor if len(cursor) <= 60 else f"{cursor[:60]}..."
    return ClientError(
        f"Invalid cursor for `after`: {shown!r}; pass an endCursor from this list.",
        field=["after"],
    )


def aware_datetime(value: KeyValue) -> datetime:
    """The time in a cursor's key: ISO text with an offset, as our cursors always write it
    (a naive time would fail at bind time, not here); ValueError otherwise."""
    if not isinstance(value, str):
        raise ValueError(value)
    moment = datetime.fromisoformat(value)
    if moment.utcoffset() is None:
        raise ValueError(value)
    try:
        moment.astimezone(UTC)  # what the column's bind does; year 1 at +01:00 overflows
    except OverflowError as error:
        raise ValueError(value) from error
    return moment


def datetime_key(position: Position) -> datetime:
    """The time a cursor of a list ordered by time holds; a client error otherwise."""
    try:
        return aware_datetime(position.key)
    except ValueError as error:
        raise invalid_cursor(encode_position(position.key, position.id, position.order)) from error


def keyset_window(
    first: int | None, after: str | None, *, maximum: int | None = None
) -> KeysetWindow:
    maximum = max_page() if maximum is None else maximum
    limit = DEFAULT_PAGE if first is None else first
    if not 0 <= limit <= maximum:
        raise ClientError(f"`first` must be between 0 and {maximum}.", field=["first"])
    return KeysetWindow(after=decode_position(after) if after else None, limit=limit)


def after_position(
    key: SQLColumnExpression[Any],
    key_value: Any,
    row_id: SQLColumnExpression[Any],
    last_id: int,
    *,
    key_descending: bool,
    id_descending: bool,
) -> ColumnElement[bool]:
    """Rows strictly after (key_value, last_id) in the order (key, id) is sorted in.

    Spelled as OR/AND rather than a row comparison: the key and the id may run in
    opposite directions (best rated first, then oldest id first).
    """
    beyond_key = key < key_value if key_descending else key > key_value
    beyond_id = row_id < last_id if id_descending else row_id > last_id
    return or_(beyond_key, and_(key == key_value, beyond_id))


Item = TypeVar("Item")


@strawberry.type(description="An edge in a connection.")
class Edge(Generic[Item]):
    """relay.Edge (same GraphQL shape) without its bound to relay.Node: a match is no Node."""

    cursor: str = strawberry.field(description="A cursor for use in pagination")
    node: Item = strawberry.field(description="The item at the end of the edge")


@strawberry.type(description="A page of results, as Relay connections describe it.")
class Connection(Generic[Item]):
    edges: list[Edge[Item]]
    page_info: relay.PageInfo
    _count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="How many results there are across all pages.")
    async def total_count(self) -> int:
        return await self._count()

    @classmethod
    def from_keyset(
        cls,
        nodes: Sequence[Item],
        positions: Sequence[str],
        page: KeysetWindow,
        count: Callable[[], Awaitable[int]],
    ) -> Self:
        """A page from `limit + 1` rows and each row's cursor (the extra says there is more).

        hasPreviousPage is true after a cursor: there was a row at that position.
        """
        has_next = len(nodes) > page.limit
        edges = [
            Edge(cursor=cursor, node=node)
            for node, cursor in zip(nodes[: page.limit], positions, strict=False)
        ]
        return cls(
            edges=edges,
            page_info=relay.PageInfo(
                has_next_page=has_next,
                has_previous_page=page.after is not None,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            _count=count,
        )


class Stamped(Protocol):
    """A table row with an id and a creation time: what `newest_first` pages over."""

    id: int | None
    created_at: datetime


Row = TypeVar("Row", bound=Stamped)


async def newest_first(
    session: AsyncSession,
    model: type[Row],
    conditions: Sequence[ColumnElement[bool]],
    order: str,
    after: Position | None,
    limit: int,
    *,
    by: Any = None,
    stamp: Callable[[Row], datetime] | None = None,
) -> tuple[list[tuple[Row, str]], Callable[[], Awaitable[int]]]:
    """A newest-first keyset page of `model` (by `created_at`, then `id`) meeting
    `conditions`, after `after`: each row with its cursor, and a counter for them all.
    Most lists in the API (requests, invitations, proposals, engagements, notifications,
    threads) are this page over their own conditions.

    `by` pages on another time instead (a SQL expression; threads page by their latest
    activity), and `stamp` reads that same time off a row for its cursor."""
    # The class attributes are SQL columns, whatever the Protocol says of instances.
    created: Any = model.created_at if by is None else by
    stamp_of: Callable[[Row], datetime] = stamp or (lambda row: row.created_at)
    row_id: Any = model.id
    page_conditions = list(conditions)
    if after is not None:
        page_conditions.append(
            after_position(
                created,
                datetime_key(after.require_order(order)),
                row_id,
                after.id,
                key_descending=True,
                id_descending=True,
            )
        )
    statement = (
        select(model).where(*page_conditions).order_by(created.desc(), row_id.desc()).limit(limit)
    )
    rows = [
        (row, encode_position(stamp_of(row).isoformat(), row.id or 0, order))
        for row in (await session.execute(statement)).scalars()
    ]

    async def count() -> int:
        total = select(func.count()).select_from(model).where(*conditions)
        return int(await session.scalar(total) or 0)

    return rows, count
