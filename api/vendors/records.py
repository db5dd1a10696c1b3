"""Vendor profiles as the matching library's VendorRecord."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.reference.fx import fx_table
from api.tags.catalog import TagCatalog
from api.vendors.free_skills import claimed_skills
from api.vendors.models import (
    Vendor,
    VendorCertification,
    VendorExpertise,
    VendorFreeSkill,
    VendorLanguage,
)
from matching import Availability, Proficiency, VendorKind, VendorRecord


async def vendor_records(
    session: AsyncSession, catalog: TagCatalog, vendor_ids: Sequence[int] | None = None
) -> list[VendorRecord]:
    """Records for the given vendors (all when None), in five statements."""
    vendors = select(Vendor)
    languages = select(VendorLanguage)
    expertise = select(VendorExpertise)
    certifications = select(VendorCertification)
    free_skills = select(VendorFreeSkill)
    if vendor_ids is not None:
        vendors = vendors.where(col(Vendor.id).in_(vendor_ids))
        languages = languages.where(col(VendorLanguage.vendor_id).in_(vendor_ids))
        expertise = expertise.where(col(VendorExpertise.vendor_id).in_(vendor_ids))
        certifications = certifications.where(col(VendorCertification.vendor_id).in_(vendor_ids))
        free_skills = free_skills.where(col(VendorFreeSkill.vendor_id).in_(vendor_ids))
    spoken: dict[int, list[tuple[str, Proficiency]]] = defaultdict(list)
    for language in (await session.execute(languages)).scalars():
        spoken[language.vendor_id].append((language.code, Proficiency(language.proficiency)))
    tagged: dict[int, list[VendorExpertise]] = defaultdict(list)
    for row in (await session.execute(expertise)).scalars():
        tagged[row.vendor_id].append(row)
    free: dict[int, list[VendorFreeSkill]] = defaultdict(list)
    for free_row in (await session.execute(free_skills)).scalars():
        free[free_row.vendor_id].append(free_row)
    # The library matches a skill that is no slug by its text.
    skills = {
        vendor_id: [
            (skill.term, years)
            for skill, years in claimed_skills(tagged[vendor_id], free[vendor_id], catalog)
        ]
        for vendor_id in tagged.keys() | free.keys()
    }
    certs: dict[int, set[str]] = defaultdict(set)
    for certification in (await session.execute(certifications)).scalars():
        certs[certification.vendor_id].add(certification.code)
    now = datetime.now(UTC)
    return [
        vendor_record(vendor, spoken[vendor.id], skills.get(vendor.id, []), certs[vendor.id], now)
        for vendor in (await session.execute(vendors)).scalars()
        if vendor.id is not None
    ]


def vendor_record(
    vendor: Vendor,
    languages: list[tuple[str, Proficiency]],
    expertise: list[tuple[str, float]],
    certifications: set[str],
    now: datetime,
) -> VendorRecord:
    assert vendor.id is not None
    min_budget = 0.0
    if vendor.min_budget_amount is not None and vendor.min_budget_currency:
        # The library compares the minimum in the vendor's rate currency.
        min_budget = float(
            fx_table().convert(
                vendor.min_budget_amount, vendor.min_budget_currency, vendor.currency
            )
        )
    count = vendor.review_count
    return VendorRecord(
        id=vendor.id,
        name=vendor.name,
        description=f"{vendor.headline}. {vendor.description}",
        kind=VendorKind(vendor.kind),
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
        availability=Availability(vendor.availability),
        hours_per_week=vendor.hours_per_week,
        coverage_hours=vendor.coverage_hours,
        coverage_days=vendor.coverage_days,
    )


def measured_median_hours(vendor: Vendor) -> float | None:
    """The median reply time measured from messages when there are any, else the vendor's
    own claim: the profile and the matcher show the same number."""
    if vendor.response_samples > 0:
        return vendor.response_median_hours
    return vendor.median_response_hours


async def vendor_count(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(Vendor)) or 0)
