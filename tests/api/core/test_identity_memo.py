"""IdentityMemo: values by the identity of their objects, held while remembered, bounded."""

from __future__ import annotations

from api.core.identity_memo import IdentityMemo


class Node:
    """Compared by value, as graphql-core's nodes are: equal objects are not the same."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Node) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)


def test_a_value_is_made_once_per_object_and_extra() -> None:
    memo: IdentityMemo[str] = IdentityMemo(limit=10)
    made: list[str] = []

    def make(text: str) -> str:
        made.append(text)
        return text.upper()

    first, twin = Node("a"), Node("a")
    assert memo.get_or_make((first,), make, "a") == "A"
    assert memo.get_or_make((first,), make, "a") == "A"
    assert memo.get_or_make((twin,), make, "a") == "A"  # equal, but another object
    assert memo.get_or_make((first,), make, "a", extra=2) == "A"
    assert made == ["a", "a", "a"]


def test_a_remembered_none_is_not_made_again() -> None:
    memo: IdentityMemo[None] = IdentityMemo(limit=10)
    calls: list[int] = []
    anchor = Node("x")
    for _ in range(3):
        memo.get_or_make((anchor,), lambda: calls.append(1))
    assert calls == [1]


def test_it_holds_its_objects_and_empties_when_full() -> None:
    memo: IdentityMemo[int] = IdentityMemo(limit=3)
    for number in range(3):
        # Each object is held by the memo, so no later object can take its id.
        memo.get_or_make((Node(str(number)),), int, str(number))
    assert len(memo) == 3
    memo.get_or_make((Node("3"),), int, "3")
    assert len(memo) == 1
