"""GraphQL types for reviews and rating summaries."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Annotated, Self

import strawberry
from strawberry import relay

from api import loading
from api.context import Info
from api.graphql.ids import parse_pk
from api.graphql.pagination import Connection
from api.reviews.models import Review as ReviewRow
from api.vendors.models import Vendor as VendorRow

if TYPE_CHECKING:
    from api.vendors.types import VendorType

TWO_PLACES = Decimal("0.01")


def _rounded(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES, ROUND_HALF_UP)


@strawberry.type(
    name="Review", description="A verified review by the business that hired the vendor."
)
class ReviewType(relay.Node):
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
        return _rounded(
            Decimal(self.quality + self.communication + self.timeliness + self.value) / 4
        )

    @strawberry.field
    async def vendor(
        self, info: Info
    ) -> Annotated[VendorType, strawberry.lazy("api.vendors.types")] | None:
        from api.vendors.types import VendorType

        row = await info.context.loaders.vendor_by_id.load(self._row.vendor_id)
        return VendorType.from_row(row) if row else None

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        keys = [parse_pk(node_id) or -1 for node_id in node_ids]
        rows = await loading.by_key(info.context.session, ReviewRow, ReviewRow.id, keys)
        return [cls.from_row(row) if row else None for row in rows]


@strawberry.type
class ReviewConnection(Connection[ReviewType]):
    pass


@strawberry.type(description="How a vendor's clients rated it, per dimension and overall.")
class RatingSummary:
    count: int
    _row: strawberry.Private[VendorRow]

    def _mean(self, total: Decimal | int) -> Decimal | None:
        return _rounded(Decimal(total) / self.count) if self.count else None

    @strawberry.field(description="Mean overall score (1-5); null before the first review.")
    def average(self) -> Decimal | None:
        return self._mean(self._row.rating_sum)

    @strawberry.field
    def quality(self) -> Decimal | None:
        return self._mean(self._row.quality_sum)

    @strawberry.field
    def communication(self) -> Decimal | None:
        return self._mean(self._row.communication_sum)

    @strawberry.field
    def timeliness(self) -> Decimal | None:
        return self._mean(self._row.timeliness_sum)

    @strawberry.field
    def value(self) -> Decimal | None:
        return self._mean(self._row.value_sum)

    @strawberry.field(description="Share of projects delivered on time (0-1).")
    def on_time_rate(self) -> Decimal | None:
        return self._mean(self._row.on_time_count)

    @strawberry.field(
        description="Average pulled towards the marketplace mean, so few reviews count less."
    )
    async def bayesian_average(self, info: Info) -> Decimal:
        prior = await info.context.loaders.rating_prior.load(None)
        return _rounded(prior.bayesian_average(Decimal(self._row.rating_sum), self.count))
