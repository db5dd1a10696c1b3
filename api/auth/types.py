"""GraphQL types for accounts; an account is visible only to itself and admins."""

from __future__ import annotations

from datetime import datetime
from typing import Self, TypeAlias

import strawberry
from strawberry import relay

from api.auth.dataloaders import AccountByIdLoader
from api.auth.models import Account as AccountRow
from api.core.viewer import Role
from api.graphql.context import Info
from api.graphql.node import KeyedNode
from api.vendors.dataloaders import VendorByOwnerIdLoader
from api.vendors.types import VendorType

# strawberry.enum registers the GraphQL enum on the class and returns the class itself;
# the `...Type` aliases name the enum in annotations.
strawberry.enum(Role, name="Role")
RoleType: TypeAlias = Role


@strawberry.type(name="Account", description="A signed-in user: a business, a vendor or an admin.")
class AccountType(KeyedNode):
    id: relay.NodeID[int]
    email: str
    role: RoleType
    created_at: datetime

    @classmethod
    def from_row(cls, row: AccountRow) -> Self:
        assert row.id is not None
        return cls(id=row.id, email=row.email, role=Role(row.role), created_at=row.created_at)

    @strawberry.field(description="The vendor profile this account owns, if any.")
    async def vendor(self, info: Info) -> VendorType | None:
        row = await VendorByOwnerIdLoader.of(info.context).load(self.id)
        return VendorType.from_row(row) if row else None

    @classmethod
    async def load_pks(cls, info: Info, pks: list[int]) -> list[Self | None]:
        viewer = info.context.viewer
        results: list[Self | None] = []
        for pk in pks:
            allowed = viewer is not None and (viewer.role == Role.ADMIN or viewer.account_id == pk)
            row = await AccountByIdLoader.of(info.context).load(pk) if allowed else None
            results.append(cls.from_row(row) if row else None)
        return results
