"""The `vendors` query as SQL: filters, free-text search and ordering, portable to both engines."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from api.core.errors import ClientError, ErrorCode, Problems
from api.graphql.pagination import Position, encode_position, invalid_cursor
from api.reference import rules as reference
from api.reference.fx import fx_table
from api.reference.regions import canonical_region, country_geo
from api.tags.catalog import NamedSkill, TagCatalog
from api.tags.rules import named_skill
from api.values import checks as check
from api.values.money import amount
from api.vendors.models import (
    Vendor,
    VendorCertification,
    VendorExpertise,
    VendorFreeSkill,
    VendorLanguage,
)
from api.vendors.ordering import (
    OrderDirection,
    VendorOrderField,
    VendorOrdering,
    vendor_ordering,
)
from api.vendors.views import VendorView, select_views

MAX_FILTER_ITEMS = 20
MAX_SEARCH_TERMS = 10


@dataclass(frozen=True)
class VendorQuery:
    """What a client asked for, before it is checked."""

    tags_any: list[str] = field(default_factory=list)
    tags_all: list[str] = field(default_factory=list)
    country: str | None = None
    region: str | None = None
    language: str | None = None
    rate_min: Decimal | None = None
    rate_max: Decimal | None = None
    rate_currency: str = "USD"
    min_rating: Decimal | None = None
    certifications: list[str] = field(default_factory=list)
    verified: bool | None = None
    kind: str | None = None
    availability: str | None = None
    search: str | None = None
    order_field: VendorOrderField = VendorOrderField.RATING
    order_direction: OrderDirection | None = None


def vendor_conditions(query: VendorQuery, catalog: TagCatalog) -> list[ColumnElement[bool]]:
    """SQL conditions for `query`; any bad value is a client error naming its field."""
    problems = Problems(prefix=("filter",))
    conditions: list[ColumnElement[bool]] = []
    for name, tags, combine in (
        ("tagsAny", query.tags_any, or_),
        ("tagsAll", query.tags_all, and_),
    ):
        if not check.list_size(problems, [name], tags, maximum=MAX_FILTER_ITEMS):
            continue
        skills = [named_skill(problems, [name, i], typed, catalog) for i, typed in enumerate(tags)]
        if has := [_has_skill(skill) for skill in skills if skill is not None]:
            conditions.append(combine(*has))
    if query.country and (code := reference.country(problems, ["country"], query.country)):
        conditions.append(col(Vendor.country) == code)
    if query.region:
        region = canonical_region(query.region)
        if region is None:
            problems.add(
                ["region"], f"'{query.region}' is not a region or continent.", ErrorCode.INVALID
            )
        elif region in country_geo():
            conditions.append(col(Vendor.country) == region)
        else:
            conditions.append(or_(col(Vendor.region) == region, col(Vendor.continent) == region))
    if query.language and (code := reference.language(problems, ["language"], query.language)):
        conditions.append(
            exists().where(
                col(VendorLanguage.vendor_id) == Vendor.id, col(VendorLanguage.code) == code
            )
        )
    conditions += _rate_conditions(query, problems)
    if query.min_rating is not None and not query.min_rating.is_finite():
        problems.add(["minRating"], "Enter a number from 0 to 5.", ErrorCode.OUT_OF_RANGE)
    elif (
        query.min_rating is not None
        and check.number_range(problems, ["minRating"], float(query.min_rating), low=0, high=5)
        is not None
    ):
        conditions.append(
            and_(
                col(Vendor.review_count) > 0,
                col(Vendor.rating_sum) >= query.min_rating * col(Vendor.review_count),
            )
        )
    if check.list_size(
        problems, ["certifications"], query.certifications, maximum=MAX_FILTER_ITEMS
    ):
        for index, value in enumerate(query.certifications):
            if code := reference.certification(problems, ["certifications", index], value):
                conditions.append(
                    exists().where(
                        col(VendorCertification.vendor_id) == Vendor.id,
                        col(VendorCertification.code) == code,
                    )
                )
    if query.verified is not None:
        conditions.append(col(Vendor.verified) == query.verified)
    if query.kind is not None:
        conditions.append(col(Vendor.kind) == query.kind)
    if query.availability is not None:
        conditions.append(col(Vendor.availability) == query.availability)
    conditions += _search_conditions(query.search, catalog, problems)
    if problems:
        raise ClientError.from_problems(problems)
    return conditions


def _has_skill(skill: NamedSkill) -> ColumnElement[bool]:
    """The vendor claims the tag, or (for a name the taxonomy lacks) the free-text skill."""
    if skill.tag_id is not None:
        return exists().where(
            col(VendorExpertise.vendor_id) == Vendor.id,
            col(VendorExpertise.tag_id) == skill.tag_id,
        )
    return exists().where(
        col(VendorFreeSkill.vendor_id) == Vendor.id, col(VendorFreeSkill.key) == skill.key
    )


def _rate_conditions(query: VendorQuery, problems: Problems) -> list[ColumnElement[bool]]:
    """Vendors whose rate range overlaps the asked range, compared in the FX base currency."""
    if query.rate_min is None and query.rate_max is None:
        return []
    currency = reference.currency(problems, ["hourlyRate", "currency"], query.rate_currency)
    if currency is None:
        return []
    fx = fx_table()
    conditions: list[ColumnElement[bool]] = []
    # Only amounts that passed the check are compared (a NaN cannot be ordered).
    low = high = None
    if query.rate_min is not None:
        low = amount(problems, ["hourlyRate", "min"], query.rate_min, currency)
    if query.rate_max is not None:
        high = amount(problems, ["hourlyRate", "max"], query.rate_max, currency)
    if high is not None:
        conditions.append(col(Vendor.rate_min_base) <= fx.to_base(high, currency))
    if low is not None:
        conditions.append(col(Vendor.rate_max_base) >= fx.to_base(low, currency))
    if low is not None and high is not None and low > high:
        problems.add(
            ["hourlyRate", "min"], "The minimum is above the maximum.", ErrorCode.OUT_OF_RANGE
        )
    return conditions


def _search_conditions(
    search: str | None, catalog: TagCatalog, problems: Problems
) -> list[ColumnElement[bool]]:
    """Every term must appear; a term that is a tag alias also matches the canonical tag."""
    if not search or not search.strip():
        return []
    terms = search.lower().split()
    if len(terms) > MAX_SEARCH_TERMS or len(search) > 200:
        problems.add(["search"], "Search with at most 10 words.", ErrorCode.TOO_LONG)
        return []
    if check.has_control_characters(search):
        problems.add(["search"], "Remove the control characters.", ErrorCode.INVALID)
        return []
    conditions: list[ColumnElement[bool]] = []
    for term in terms:
        variants = {term}
        if (tag := catalog.resolve(term)) is not None:
            variants |= {tag.slug, tag.name.lower()}
        conditions.append(
            or_(*(col(Vendor.search_text).contains(v, autoescape=True) for v in variants))
        )
    return conditions


# Orders (field x no/ascending/descending direction) x the default page sizes; an LRU, so
# a larger MAX_PAGE_SIZE still holds it to this many.
@lru_cache(maxsize=len(VendorOrderField) * 3 * 100)
def _first_page(
    field: VendorOrderField, direction: OrderDirection | None, limit: int
) -> Select[Any]:
    """The first page's statement when nothing filters it (the most asked-for page), built
    once per order and size: building it and its cache key was ~5% of a page's CPU."""
    return _page_statement(vendor_ordering(field, direction), (), limit)


def _page_statement(
    order: VendorOrdering, conditions: Sequence[ColumnElement[bool]], limit: int
) -> Select[Any]:
    """The page's profiles, each with its sort key last (for its cursor)."""
    columns = select_views().add_columns(order.key.label("sort_key"))
    return order.apply(columns.where(*conditions)).limit(limit)


async def search_vendors(
    session: AsyncSession,
    query: VendorQuery,
    *,
    catalog: TagCatalog,
    after: Position | None,
    limit: int,
) -> tuple[list[tuple[VendorView, str]], Callable[[], Awaitable[int]]]:
    """One page of vendors for `query` (each with its cursor), starting after `after`, and
    a function that counts them all (run only if the client asks for totalCount)."""
    conditions = vendor_conditions(query, catalog)
    order = vendor_ordering(query.order_field, query.order_direction)
    name = f"vendors:{query.order_field.value}:{'DESC' if order.descending else 'ASC'}"
    page_conditions = list(conditions)
    if after is not None:
        try:
            page_conditions.append(order.after(after.require_order(name)))
        except ValueError as error:
            raise invalid_cursor(encode_position(after.key, after.id, after.order)) from error
    if page_conditions:
        statement = _page_statement(order, page_conditions, limit)
    else:
        statement = _first_page(query.order_field, query.order_direction, limit)
    rows = []
    for row in await session.execute(statement):
        view = VendorView._make(row[:-1])
        rows.append((view, encode_position(order.to_json(row[-1]), view.id, name)))

    async def count() -> int:
        total = select(func.count()).select_from(Vendor).where(*conditions)
        return int(await session.scalar(total) or 0)

    return rows, count
