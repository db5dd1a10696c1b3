"""Vendor profiles as the matching library's VendorRecord, read as plain column rows a chunk
of vendors at a time (no ORM objects: hydrating them was half of an index build)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime, time
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Connection, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, Session
from sqlmodel import col

from api.reference.fx import FxTable, fx_table
from api.tags.catalog import TagCatalog
from api.vendors.free_skills import claimed_skills
from api.vendors.models import (
    Vendor,
    VendorCertification,
    VendorExpertise,
    VendorFreeSkill,
    VendorLanguage,
)
from matching import Availability, MatchIndex, Proficiency, VendorKind, VendorRecord

# Vendors read per round of statements (one per table): bounds what is held at once and
# the length of an IN list, which SQLite and PostgreSQL both take at this size.
CHUNK = 5_000

KINDS = {kind.value: kind for kind in VendorKind}
LEVELS = {level.value: level for level in Proficiency}
AVAILABILITIES = {availability.value: availability for availability in Availability}


class VendorRow(NamedTuple):
    """The vendor columns a record is made of, in select order."""

    id: int
    name: str
    headline: str
    description: str
    kind: str
    country: str
    region: str
    continent: str
    timezone: str
    work_start: time
    work_end: time
    rate_min: Decimal
    rate_max: Decimal
    currency: str
    min_budget_amount: Decimal | None
    min_budget_currency: str | None
    team_size: int
    verified: bool
    review_count: int
    rating_sum: Decimal
    on_time_count: int
    last_review_at: datetime | None
    median_response_hours: float | None
    response_median_hours: float | None
    response_samples: int
    availability: str
    hours_per_week: float | None
    coverage_hours: float | None
    coverage_days: int


VENDOR_COLUMNS = tuple(getattr(Vendor, name) for name in VendorRow._fields)


async def vendor_records(
    session: AsyncSession, catalog: TagCatalog, vendor_ids: Sequence[int] | None = None
) -> list[VendorRecord]:
    """Records for the given vendors (all when None), by id, five statements per chunk."""
    return await session.run_sync(lambda sync: list(read_records(sync, catalog, vendor_ids)))


async def build_index(session: AsyncSession, catalog: TagCatalog, index: MatchIndex) -> MatchIndex:
    """``index`` rebuilt from every vendor and returned; records are read a chunk of rows
    at a time (no table-sized result), then built in one call."""
    # The records are read whole, then built outside run_sync: a build fed from inside
    # the greenlet (switching to the event loop between chunks with numpy on the stack)
    # crashed the process with SIGSEGV about one run in five.
    records = await session.run_sync(lambda sync: list(read_records(sync, catalog)))
    return index.build(records)


def read_records(
    session: Session,
    catalog: TagCatalog,
    vendor_ids: Sequence[int] | None = None,
    chunk: int = CHUNK,
) -> Iterator[VendorRecord]:
    """Records for the given vendors (all when None) in id order, ``chunk`` vendors at a
    time: their columns, then their languages, skills and certifications, one statement
    each."""
    # Core execution on the session's connection: plain rows, no ORM result machinery.
    connection = session.connection()
    by_id = select(*VENDOR_COLUMNS).order_by(col(Vendor.id))
    if vendor_ids is not None:
        wanted = sorted(set(vendor_ids))
        for start in range(0, len(wanted), chunk):
            ids = wanted[start : start + chunk]
            vendors = _rows(connection.execute(by_id.where(col(Vendor.id).in_(ids))))
            yield from _records(connection, catalog, vendors, _among(ids))
        return
    after: int | None = None
    while True:
        page = (
            by_id.limit(chunk)
            if after is None
            else by_id.where(col(Vendor.id) > after).limit(chunk)
        )
        vendors = _rows(connection.execute(page))
        if not vendors:
            return
        # A page is a contiguous id range: its children are read by range, not by a list.
        lo, hi = vendors[0].id, vendors[-1].id
        yield from _records(connection, catalog, vendors, _between(lo, hi))
        after = hi


def _rows(result: Iterable[Sequence[Any]]) -> list[VendorRow]:
    return [VendorRow._make(row) for row in result]


OfVendors = Callable[[Mapped[int]], ColumnElement[bool]]


def _among(ids: Sequence[int]) -> OfVendors:
    return lambda vendor_id: vendor_id.in_(ids)


def _between(lo: int, hi: int) -> OfVendors:
    return lambda vendor_id: vendor_id.between(lo, hi)


def _records(
    connection: Connection, catalog: TagCatalog, vendors: list[VendorRow], of_vendors: OfVendors
) -> Iterator[VendorRecord]:
    """Records of ``vendors``; ``of_vendors`` selects their child rows by vendor id (rows
    of vendors not in the list, added meanwhile, are ignored)."""
    spoken: dict[int, list[tuple[str, Proficiency]]] = defaultdict(list)
    languages = select(
        col(VendorLanguage.vendor_id), col(VendorLanguage.code), col(VendorLanguage.proficiency)
    ).where(of_vendors(col(VendorLanguage.vendor_id)))
    for vendor_id, code, proficiency in connection.execute(languages):
        spoken[vendor_id].append((code, LEVELS[proficiency]))
    skills = _skills(connection, catalog, of_vendors)
    certs: dict[int, set[str]] = defaultdict(set)
    certifications = select(
        col(VendorCertification.vendor_id), col(VendorCertification.code)
    ).where(of_vendors(col(VendorCertification.vendor_id)))
    for vendor_id, code in connection.execute(certifications):
        certs[vendor_id].add(code)
    now, fx = datetime.now(UTC), fx_table()
    for vendor in vendors:
        vendor_id = vendor.id
        yield vendor_record(
            vendor,
            spoken.get(vendor_id, []),
            skills.get(vendor_id, []),
            certs.get(vendor_id, set()),
            now,
            fx,
        )


def _skills(
    connection: Connection, catalog: TagCatalog, of_vendors: OfVendors
) -> dict[int, list[tuple[str, float]]]:
    """(skill, years) per vendor as the library takes them: a tag's slug, or free text."""
    tagged: dict[int, list[tuple[int, float]]] = defaultdict(list)
    expertise = select(
        col(VendorExpertise.vendor_id), col(VendorExpertise.tag_id), col(VendorExpertise.years)
    ).where(of_vendors(col(VendorExpertise.vendor_id)))
    for vendor_id, tag_id, years in connection.execute(expertise):
        tagged[vendor_id].append((tag_id, years))
    free: dict[int, list[VendorFreeSkill]] = defaultdict(list)
    free_skills = select(
        col(VendorFreeSkill.vendor_id), col(VendorFreeSkill.name), col(VendorFreeSkill.years)
    ).where(of_vendors(col(VendorFreeSkill.vendor_id)))
    for vendor_id, name, years in connection.execute(free_skills):
        free[vendor_id].append(VendorFreeSkill(vendor_id=vendor_id, key="", name=name, years=years))
    named = catalog.tag_skills
    skills: dict[int, list[tuple[str, float]]] = {}
    for vendor_id, tags in tagged.items():
        if vendor_id not in free:
            # The common case, and what claimed_skills makes of it: a vendor holds a tag once.
            skills[vendor_id] = [
                (named[tag_id].term, float(years)) for tag_id, years in tags if tag_id in named
            ]
    for vendor_id, free_rows in free.items():
        # Free text may name a tag by now (a re-seed): claimed_skills settles the overlap.
        rows = [
            VendorExpertise(vendor_id=vendor_id, tag_id=tag_id, years=years)
            for tag_id, years in tagged.get(vendor_id, [])
        ]
        skills[vendor_id] = [
            (skill.term, years) for skill, years in claimed_skills(rows, free_rows, catalog)
        ]
    return skills


def vendor_record(
    vendor: VendorRow,
    languages: list[tuple[str, Proficiency]],
    expertise: list[tuple[str, float]],
    certifications: set[str],
    now: datetime,
    fx: FxTable,
) -> VendorRecord:
    min_budget = 0.0
    if vendor.min_budget_amount is not None and vendor.min_budget_currency:
        # The library compares the minimum in the vendor's rate currency.
        min_budget = float(
            fx.convert(vendor.min_budget_amount, vendor.min_budget_currency, vendor.currency)
        )
    count = vendor.review_count
    return VendorRecord(
        id=vendor.id,
        name=vendor.name,
        description=f"{vendor.headline}. {vendor.description}",
        kind=KINDS[vendor.kind],
        country=vendor.country,
        region=vendor.region,
        continent=vendor.continent,
        timezone=vendor.timezone,
        work_start=vendor.work_start,
        work_end=vendor.work_end,
        languages=tuple(sorted(languages)),
        rate_min=float(vendor.rate_min),
        rate_max=float(vendor.rate_max),
        currency=vendor.currency,
        min_project_budget=min_budget,
        team_size=vendor.team_size,
        expertise=tuple(sorted(expertise)),
        certifications=frozenset(certifications),
        verified=vendor.verified,
        review_count=count,
        review_mean=float(vendor.rating_sum) / count if count else 0.0,
        on_time_rate=vendor.on_time_count / count if count else None,
        last_review_days=(now - vendor.last_review_at).days if vendor.last_review_at else None,
        median_response_hours=measured_median_hours(vendor),
        availability=AVAILABILITIES[vendor.availability],
        hours_per_week=vendor.hours_per_week,
        coverage_hours=vendor.coverage_hours,
        coverage_days=vendor.coverage_days,
    )


def measured_median_hours(vendor: VendorRow) -> float | None:
    """The median reply time measured from messages when there are any, else the vendor's
    own claim: the profile and the matcher show the same number."""
    if vendor.response_samples > 0:
        return vendor.response_median_hours
    return vendor.median_response_hours


async def vendor_count(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(Vendor)) or 0)
