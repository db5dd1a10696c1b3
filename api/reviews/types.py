"""GraphQL types for reviews and rating summaries."""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Annotated, Self, cast

import strawberry
from strawberry import relay

from api.graphql.context import Info
from api.graphql.node import KeyedNode
from api.graphql.pagination import Connection
from api.reviews.dataloaders import ReviewByIdLoader
from api.reviews.models import Review as ReviewRow
from api.reviews.rating import overall

if TYPE_CHECKING:
    from api.vendors.types import VendorType

TWO_PLACES = Decimal("0.01")


def rounded(value: Decimal) -> Decimal:
    """A score as shown: two decimals, halves rounded up."""
    return value.quantize(TWO_PLACES, ROUND_HALF_UP)


@strawberry.type(
    name="Review", description="A verified review by the business that hired the vendor."
)
class ReviewType(KeyedNode):
    id: relay.NodeID[int]
    quality: int
    communication: int
    timeliness: int
    value: int
    on_time: bool
    comment: str
    created_at: datetime
    _row: strawberry.Private[ReviewRow]

    @classmethod
    def from_row(cls, row: ReviewRow) -> Self:
        assert row.id is not None
        return cls(
            id=row.id,
            quality=row.quality,
            communication=row.communication,
            timeliness=row.timeliness,
            value=row.value,
            on_time=row.on_time,
            comment=row.comment,
            created_at=row.created_at,
            _row=row,
        )

    @strawberry.field(description="The mean of the four scores.")
    def overall(self) -> Decimal:
        return rounded(overall(self._row))

    @strawberry.field
    async def vendor(
        self, info: Info
    ) -> Annotated[VendorType, strawberry.lazy("api.vendors.types")] | None:
        # Vendors build on reviews, so the vendor is found through the schema's node lookup.
        vendor_id = relay.GlobalID("Vendor", str(self._row.vendor_id))
        node = await vendor_id.resolve_node(info, required=False)
        return cast("VendorType | None", node)

    @classmethod
    async def load_pks(cls, info: Info, pks: list[int]) -> list[Self | None]:
        rows = await ReviewByIdLoader.of(info.context).load_many(pks)
        return [cls.from_row(row) if row else None for row in rows]


@strawberry.type
class ReviewConnection(Connection[ReviewType]):
    pass
