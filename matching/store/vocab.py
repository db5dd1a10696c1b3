"""Small string-to-id vocabularies for categorical vendor columns."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class Vocab(Generic[K]):
    """Assigns dense integer ids to keys in first-seen order."""

    def __init__(self) -> None:
        self.ids: dict[K, int] = {}
        self.keys: list[K] = []

    def __len__(self) -> int:
        return len(self.keys)

    def add(self, key: K) -> int:
        """The id of ``key``, assigning a new one when unseen."""
        found = self.ids.get(key)
        if found is None:
            found = self.ids[key] = len(self.keys)
            self.keys.append(key)
        return found

    def get(self, key: K) -> int | None:
        """The id of ``key`` or None."""
        return self.ids.get(key)
