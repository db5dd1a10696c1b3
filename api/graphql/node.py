"""`node(id:)`: any object by its global ID, resolved by the type the ID names."""

from __future__ import annotations

import strawberry
from strawberry import relay
from strawberry.utils.await_maybe import await_maybe

from api.graphql.context import Info
from api.graphql.ids import decode


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
