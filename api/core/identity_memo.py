"""Values remembered by the identity of the objects they were computed from.

For objects that are not compared by value (a parsed GraphQL document, a catalog row)
but come back as the same objects (documents are cached per text, rows per catalog).
Each entry holds its objects, so their ids cannot be reused by others while it lives;
the memo is emptied when it reaches its limit, which bounds what it holds however many
objects pass through.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

Value = TypeVar("Value")


class IdentityMemo(Generic[Value]):
    """Values by (the identities of `anchors`, `extra`), at most `limit` of them."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._entries: dict[Hashable, tuple[tuple[object, ...], Value]] = {}

    def get_or_make(
        self,
        anchors: tuple[object, ...],
        make: Callable[..., Value],
        *args: Any,
        extra: Hashable = None,
    ) -> Value:
        """The value remembered for these very objects (and `extra`), else `make(*args)`,
        remembered with the objects held."""
        # A key found means the very objects: its entry holds them alive, and no other
        # live object can have their ids. One object is the hot case (tags on a page).
        key = (id(anchors[0]), extra) if len(anchors) == 1 else (*map(id, anchors), extra)
        entry = self._entries.get(key)
        if entry is not None:
            return entry[1]
        value = make(*args)
        if len(self._entries) >= self.limit:
            self._entries.clear()
        self._entries[key] = (anchors, value)
        return value

    def __len__(self) -> int:
        return len(self._entries)
