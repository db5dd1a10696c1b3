"""`viewer`: the signed-in account."""

from __future__ import annotations

import strawberry

from api.auth.dataloaders import AccountByIdLoader
from api.auth.types import AccountType
from api.graphql.context import Info


@strawberry.type
class AuthQueries:
    @strawberry.field(description="The signed-in account, or null.")
    async def viewer(self, info: Info) -> AccountType | None:
        viewer = info.context.viewer
        if viewer is None:
            return None
        row = await AccountByIdLoader.of(info.context).load(viewer.account_id)
        return AccountType.from_row(row) if row else None
