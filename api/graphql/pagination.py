"""Cursor connections: `first`/`after` windows, opaque cursors, pageInfo, lazy totalCount."""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Generic, Self, TypeVar

import strawberry
from strawberry import relay

from api.core.errors import ClientError

DEFAULT_PAGE = 20
MAX_PAGE = 100
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


def window(first: int | None, after: str | None, *, maximum: int = MAX_PAGE) -> Window:
    """The rows a page asks for; `first` is capped so no query reads without bound."""
    limit = DEFAULT_PAGE if first is None else first
    if not 0 <= limit <= maximum:
        raise ClientError(f"`first` must be between 0 and {maximum}.")
    offset = decode_cursor(after) + 1 if after else 0
    return Window(offset=offset, limit=limit)


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
    def from_window(
        cls, nodes: Sequence[Item], page: Window, count: Callable[[], Awaitable[int]]
    ) -> Self:
        """A page from a window that fetched `limit + 1` rows (the extra says there is more)."""
        has_next = len(nodes) > page.limit
        shown = list(nodes[: page.limit])
        edges = [
            Edge(cursor=encode_cursor(page.offset + index), node=node)
            for index, node in enumerate(shown)
        ]
        return cls(
            edges=edges,
            page_info=relay.PageInfo(
                has_next_page=has_next,
                has_previous_page=page.offset > 0,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            _count=count,
        )
