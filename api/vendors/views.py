"""Vendor profiles as plain rows for reads: the columns GraphQL shows, selected as tuples
rather than hydrated into ORM objects (which cost several times the read itself on a
page). Writes keep the ORM `Vendor`; their payloads read the written profile back here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import Integer, Select, String, bindparam, cast, literal, null, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import BindParameter
from sqlmodel import col

from api.reviews.rating import published_mean_sql
from api.vendors.models import Vendor, VendorExpertise, VendorFreeSkill


class VendorView(NamedTuple):
    """One profile as read: what the Vendor type and other domains' checks read of it."""

    id: int
    owner_id: int
    slug: str
    kind: str
    name: str
    headline: str
    description: str
    country: str
    region: str
    timezone: str
    work_start: time
    work_end: time
    rate_min: Decimal
    rate_max: Decimal
    currency: str
    min_budget_amount: Decimal | None
    min_budget_currency: str | None
    team_size: int
    availability: str
    hours_per_week: float | None
    coverage_hours: float | None
    coverage_days: int
    founded_year: int | None
    median_response_hours: float | None
    response_median_hours: float | None
    response_p90_hours: float | None
    response_samples: int
    verified: bool
    verified_at: datetime | None
    verification_note: str | None
    review_count: int
    rating_sum: Decimal
    quality_sum: int
    communication_sum: int
    timeliness_sum: int
    value_sum: int
    on_time_count: int
    rating_lift: float
    version: int
    created_at: datetime
    updated_at: datetime
    # The published prior's mean, read with the row: the lift's Bayesian average is
    # prior_mean + rating_lift, both from one snapshot.
    prior_mean: Decimal


# The columns in VendorView's order (the search text, up to 20,000 characters, stays out).
VIEW_COLUMNS = (
    *(col(getattr(Vendor, name)) for name in VendorView._fields[:-1]),
    published_mean_sql().label("prior_mean"),
)


_SELECT_VIEWS = select(*VIEW_COLUMNS)


def select_views() -> Select[Any]:
    """SELECT of the view's columns, built once: a Select is immutable (`where` and the
    like return a new one), so every caller may build on the same."""
    return _SELECT_VIEWS


# Statements a request runs as they are, built once: building a SELECT (and its
# subqueries' columns) and its cache key costs more than running it on a small page.
KEYS: BindParameter[list[int]] = bindparam("keys", expanding=True)
_VIEWS_BY: dict[str, Select[Any]] = {}


async def views_by(session: AsyncSession, key: Any, keys: Sequence[int]) -> dict[int, VendorView]:
    """The profiles whose `key` column is among `keys`, by that key, in one statement."""
    statement = _VIEWS_BY.get(key.key)
    if statement is None:
        statement = _VIEWS_BY[key.key] = select_views().where(key.in_(KEYS))
    index = VendorView._fields.index(key.key)
    rows = await session.execute(statement, {"keys": list(keys)})
    return {row[index]: VendorView._make(row) for row in rows}


class TagClaim(NamedTuple):
    tag_id: int
    years: float


class TextClaim(NamedTuple):
    name: str
    years: float


class SkillClaims(NamedTuple):
    """A vendor's stored skills: tags (most years first) and free text."""

    tags: list[TagClaim]
    texts: list[TextClaim]


def _skill_claims_statement() -> Select[*tuple[Any, ...]]:
    """Tags (kind 0) and free-text skills (kind 1) of the vendors in `keys`."""
    tags = select(
        col(VendorExpertise.vendor_id),
        literal(0).label("kind"),
        col(VendorExpertise.tag_id),
        cast(null(), String).label("name"),
        cast(null(), String).label("text_key"),
        col(VendorExpertise.years),
    ).where(col(VendorExpertise.vendor_id).in_(KEYS))
    texts: Select[int, int, int, str, str, float] = select(
        col(VendorFreeSkill.vendor_id),
        literal(1).label("kind"),
        cast(null(), Integer).label("tag_id"),
        col(VendorFreeSkill.name),
        col(VendorFreeSkill.key).label("text_key"),
        col(VendorFreeSkill.years),
    ).where(col(VendorFreeSkill.vendor_id).in_(KEYS))
    both = union_all(tags, texts).subquery()
    # The loaders' order before: tags by years then id, free text by years then key.
    return select(both.c.vendor_id, both.c.kind, both.c.tag_id, both.c.name, both.c.years).order_by(
        both.c.kind, both.c.years.desc(), both.c.tag_id, both.c.text_key
    )


SKILL_CLAIMS = _skill_claims_statement()


async def skill_claims(session: AsyncSession, vendor_ids: Sequence[int]) -> dict[int, SkillClaims]:
    """The tags and free-text skills of many vendors, in one statement."""
    claims: dict[int, SkillClaims] = {}
    rows = await session.execute(SKILL_CLAIMS, {"keys": list(vendor_ids)})
    for vendor_id, kind, tag_id, name, years in rows:
        held = claims.get(vendor_id)
        if held is None:
            held = claims[vendor_id] = SkillClaims([], [])
        if kind == 0:
            held.tags.append(TagClaim(tag_id, years))
        else:
            held.texts.append(TextClaim(name, years))
    return claims


async def view_of(session: AsyncSession, vendor_id: int) -> VendorView:
    """The profile a write has just made or changed, as the transaction sees it."""
    return (await views_by(session, col(Vendor.id), [vendor_id]))[vendor_id]


async def view_by_slug(session: AsyncSession, slug: str) -> VendorView | None:
    if "\x00" in slug:  # no slug holds NUL, and PostgreSQL refuses it in a query
        return None
    row = (await session.execute(select_views().where(col(Vendor.slug) == slug))).first()
    return VendorView._make(row) if row is not None else None
