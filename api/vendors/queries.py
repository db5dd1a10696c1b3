"""Vendor reads: the filtered, searchable `vendors` connection and `vendor(id|slug)`."""

from __future__ import annotations

from decimal import Decimal

import strawberry
from sqlalchemy import select

from api.context import Info
from api.errors import ClientError, InputError
from api.graphql.ids import node_pk
from api.graphql.pagination import build_connection, window
from api.vendors.models import Vendor
from api.vendors.search import (
    OrderDirection,
    VendorOrderField,
    VendorQuery,
    count_statement,
    ordered,
    vendor_conditions,
    vendors_statement,
)
from api.vendors.types import AvailabilityType, VendorConnection, VendorKindType, VendorType

VendorOrderFieldType = strawberry.enum(VendorOrderField, name="VendorOrderField")
OrderDirectionType = strawberry.enum(OrderDirection, name="OrderDirection")


@strawberry.input(description="An hourly-rate range in a chosen currency; either end may be open.")
class RateFilterInput:
    min: Decimal | None = None
    max: Decimal | None = None
    currency: str = "USD"


@strawberry.input
class VendorFilter:
    tags_any: list[str] | None = strawberry.field(default=None, description="Has any of these.")
    tags_all: list[str] | None = strawberry.field(default=None, description="Has all of these.")
    country: str | None = None
    region: str | None = strawberry.field(default=None, description="UN sub-region or continent.")
    language: str | None = None
    hourly_rate: RateFilterInput | None = None
    min_rating: Decimal | None = None
    certifications: list[str] | None = None
    verified: bool | None = None
    kind: VendorKindType | None = None  # type: ignore[valid-type]
    availability: AvailabilityType | None = None  # type: ignore[valid-type]


@strawberry.input
class VendorOrder:
    field: VendorOrderFieldType  # type: ignore[valid-type]
    direction: OrderDirectionType | None = None  # type: ignore[valid-type]


def to_query(
    filter: VendorFilter | None, search: str | None, order_by: VendorOrder | None
) -> VendorQuery:
    f = filter or VendorFilter()
    rate = f.hourly_rate
    return VendorQuery(
        tags_any=f.tags_any or [],
        tags_all=f.tags_all or [],
        country=f.country,
        region=f.region,
        language=f.language,
        rate_min=rate.min if rate else None,
        rate_max=rate.max if rate else None,
        rate_currency=rate.currency if rate else "USD",
        min_rating=f.min_rating,
        certifications=f.certifications or [],
        verified=f.verified,
        kind=f.kind.value if f.kind else None,
        availability=f.availability.value if f.availability else None,
        search=search,
        order_field=order_by.field if order_by else VendorOrderField.RATING,
        order_direction=order_by.direction if order_by else None,
    )


@strawberry.type
class VendorQueries:
    @strawberry.field(description="Vendors, filtered, searched and ordered; a cursor connection.")
    async def vendors(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        filter: VendorFilter | None = None,
        search: str | None = None,
        order_by: VendorOrder | None = None,
    ) -> VendorConnection:
        page = window(first, after)
        query = to_query(filter, search, order_by)
        catalog = await info.context.catalog()
        conditions = vendor_conditions(query, catalog)
        session = info.context.session
        prior = await info.context.loaders.rating_prior.load(None)
        statement = ordered(vendors_statement(conditions), query, prior)
        rows = (
            await session.execute(statement.offset(page.offset).limit(page.limit + 1))
        ).scalars()
        nodes = [VendorType.from_row(row) for row in rows]
        for node in nodes:
            info.context.loaders.vendor_by_id.prime(node.id, node._row)

        async def total() -> int:
            return int(await session.scalar(count_statement(conditions)) or 0)

        return build_connection(VendorConnection, nodes, page, total)

    @strawberry.field(description="One vendor by global ID or by slug.")
    async def vendor(
        self, info: Info, id: strawberry.ID | None = None, slug: str | None = None
    ) -> VendorType | None:
        if (id is None) == (slug is None):
            raise ClientError("Pass exactly one of `id` or `slug`.")
        if id is not None:
            try:
                pk = node_pk(id, "Vendor", ["id"])
            except InputError:
                return None
            row = await info.context.loaders.vendor_by_id.load(pk)
        elif "\x00" in slug:  # no slug holds NUL, and PostgreSQL refuses it in a query
            return None
        else:
            result = await info.context.session.execute(select(Vendor).where(Vendor.slug == slug))
            row = result.scalar_one_or_none()
        return VendorType.from_row(row) if row else None
