"""`node(id:)`: any object by its global ID, resolved by the type the ID names."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Self

import strawberry
from strawberry import relay
from strawberry.utils.await_maybe import await_maybe

from api.graphql.context import Info
from api.graphql.ids import decode, parse_pk


class KeyedNode(relay.Node):
    """A relay.Node whose ID's key part is a primary key: subclasses load by key."""

    # strawberry overloads resolve_nodes on `required` (no None when True); this returns None
    # for any id that is malformed, missing or not the viewer's to see, whatever it says.
    @classmethod
    async def resolve_nodes(  # type: ignore[override]  # None even if required: see above
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        return await cls.load_pks(info, [parse_pk(node_id) or -1 for node_id in node_ids])

    @classmethod
    async def load_pks(cls, info: Info, pks: list[int]) -> list[Self | None]:
        """One object or None per key, in order (-1 stands for a malformed id)."""
        raise NotImplementedError


@strawberry.type
class NodeQueries:
    @strawberry.field(description="Any object by its global ID; null when it is not yours to see.")
    async def node(self, info: Info, id: strawberry.ID) -> relay.Node | None:
        decoded = decode(id)
        if decoded is None:
            return None
        try:
            node_type = relay.GlobalID(decoded[0], str(decoded[1])).resolve_type(info)
        except relay.GlobalIDValueError:
            return None  # a type name this schema does not have
        nodes = await await_maybe(node_type.resolve_nodes(info=info, node_ids=[str(decoded[1])]))
        return next(iter(nodes), None)
