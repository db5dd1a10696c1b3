"""Engagement reads: the viewer's engagements, and one by id (also through `node`)."""

from __future__ import annotations

import strawberry

from api.engagements import reads
from api.engagements.parts import EngagementStatusType
from api.engagements.types import EngagementConnection, EngagementType
from api.graphql.context import Info
from api.graphql.ids import decode
from api.graphql.pagination import keyset_window


@strawberry.type
class EngagementQueries:
    @strawberry.field(
        description="Your engagements, newest first: your business's, or your vendor's; "
        "an admin sees all."
    )
    async def engagements(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        status: EngagementStatusType | None = None,
    ) -> EngagementConnection:
        page = keyset_window(first, after)
        rows, count = await reads.list_engagements(
            info.context.session,
            info.context.viewer,
            status=status.value if status is not None else None,
            after=page.after,
            limit=page.limit + 1,
        )
        nodes = [EngagementType.from_row(row) for row, _ in rows]
        return EngagementConnection.from_keyset(nodes, [c for _, c in rows], page, count)

    @strawberry.field(description="One engagement; null unless you are a party or an admin.")
    async def engagement(self, info: Info, id: strawberry.ID) -> EngagementType | None:
        decoded = decode(id)
        if decoded is None or decoded[0] != "Engagement":
            return None
        (engagement,) = await EngagementType.load_pks(info, [decoded[1]])
        return engagement
