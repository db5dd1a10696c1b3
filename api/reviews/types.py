"""GraphQL types for reviews and rating summaries."""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Annotated, Self, TypeAlias, cast

import strawberry
from strawberry import relay

from api.graphql.context import Info
from api.graphql.node import KeyedNode
from api.graphql.pagination import Connection, keyset_window
from api.reviews.dataloaders import (
    BusinessRatingLoader,
    ReviewByIdLoader,
    ReviewCountByBusinessLoader,
    ReviewPageByBusinessLoader,
    ReviewPageKey,
)
from api.reviews.fields import ReviewDirection
from api.reviews.models import Review as ReviewRow
from api.reviews.rating import overall

if TYPE_CHECKING:
    from api.vendors.types import VendorType

# strawberry.enum registers the GraphQL enum on the class and returns the class itself;
# the `...Type` aliases name the enum in annotations.
strawberry.enum(ReviewDirection, name="ReviewDirection")
ReviewDirectionType: TypeAlias = ReviewDirection

TWO_PLACES = Decimal("0.01")


def rounded(value: Decimal) -> Decimal:
    """A score as shown: two decimals, halves rounded up."""
    return value.quantize(TWO_PLACES, ROUND_HALF_UP)


def rounded_score(mean: Decimal, lift: float) -> Decimal:
    """A prior's mean plus a stored (binary) lift, as shown: the lift read as its shortest
    decimal spelling, so that 0.125 adds as the exact average would, not 0.12499999..."""
    return rounded(mean + Decimal(repr(lift)))


@strawberry.type(
    name="Review",
    description="A review after a completed engagement: by the business of the vendor's "
    "work, or by the vendor of the business. One each way, with one public reply.",
)
class ReviewType(KeyedNode):
    id: relay.NodeID[int]
    direction: ReviewDirectionType
    counted: bool = strawberry.field(
        description="Whether it counts toward ratings; see discountReason when not."
    )
    discount_reason: str | None = strawberry.field(
        description="Why it does not count: the two accounts appear to share an owner, or "
        "the engagement approved no milestone."
    )
    reply: str | None = strawberry.field(description="The reviewed party's public reply.")
    replied_at: datetime | None
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
            direction=ReviewDirection(row.direction),
            counted=row.counted,
            discount_reason=row.discount_reason,
            reply=row.reply,
            replied_at=row.replied_at,
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

    @strawberry.field(description="The business of the engagement, as vendors rate it.")
    def client(self) -> Client | None:
        business_id = self._row.business_id
        return Client(account_id=business_id) if business_id is not None else None

    @strawberry.field(description="The engagement reviewed; null unless you are a party.")
    async def engagement(self, info: Info) -> relay.Node | None:
        if self._row.engagement_id is None:
            return None
        # Engagements build on reviews, so the engagement is found through node lookup.
        engagement_id = relay.GlobalID("Engagement", str(self._row.engagement_id))
        return await engagement_id.resolve_node(info, required=False)

    @classmethod
    async def load_pks(cls, info: Info, pks: list[int]) -> list[Self | None]:
        rows = await ReviewByIdLoader.of(info.context).load_many(pks)
        return [cls.from_row(row) if row else None for row in rows]


@strawberry.type
class ReviewConnection(Connection[ReviewType]):
    pass


@strawberry.type(
    description="The business behind a request, as the vendors it worked with rated it."
)
class Client:
    account_id: strawberry.Private[int]

    @strawberry.field(description="Counted reviews by vendors.")
    async def review_count(self, info: Info) -> int:
        count, _average = await BusinessRatingLoader.of(info.context).load(self.account_id)
        return count

    @strawberry.field(description="Mean overall score (1-5) of counted reviews; null before one.")
    async def average_rating(self, info: Info) -> Decimal | None:
        _count, average = await BusinessRatingLoader.of(info.context).load(self.account_id)
        return rounded(Decimal(str(average))) if average is not None else None

    @strawberry.field(description="Vendors' reviews of this business, newest first.")
    async def reviews(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> ReviewConnection:
        page = keyset_window(first, after)
        rows = await ReviewPageByBusinessLoader.of(info.context).load(
            ReviewPageKey(vendor_id=self.account_id, after=page.after, limit=page.limit + 1)
        )
        loader = ReviewCountByBusinessLoader.of(info.context)

        async def total() -> int:
            return await loader.load(self.account_id)

        return ReviewConnection.from_keyset(
            [ReviewType.from_row(row) for row, _cursor in rows],
            [cursor for _row, cursor in rows],
            page,
            total,
        )
