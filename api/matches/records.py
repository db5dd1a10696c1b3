"""Database rows -> the matching library's plain records (VendorRecord, Scope)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.projects.models import ProjectRequest, ProjectSkill
from api.projects.validation import ScopeValues
from api.reference.fx import fx_table
from api.tags.catalog import TagCatalog
from api.vendors.models import Vendor, VendorCertification, VendorExpertise, VendorLanguage
from matching import (
    Pricing,
    Proficiency,
    Scope,
    Sensitivity,
    SkillRequirement,
    VendorKind,
    VendorRecord,
)


async def vendor_records(
    session: AsyncSession, catalog: TagCatalog, vendor_ids: Sequence[int] | None = None
) -> list[VendorRecord]:
    """Records for the given vendors (all when None), in four statements."""
    vendors = select(Vendor)
    languages = select(VendorLanguage)
    expertise = select(VendorExpertise)
    certifications = select(VendorCertification)
    if vendor_ids is not None:
        vendors = vendors.where(Vendor.id.in_(vendor_ids))
        languages = languages.where(VendorLanguage.vendor_id.in_(vendor_ids))
        expertise = expertise.where(VendorExpertise.vendor_id.in_(vendor_ids))
        certifications = certifications.where(VendorCertification.vendor_id.in_(vendor_ids))
    spoken: dict[int, list[tuple[str, Proficiency]]] = defaultdict(list)
    for row in (await session.execute(languages)).scalars():
        spoken[row.vendor_id].append((row.code, Proficiency(row.proficiency)))
    skills: dict[int, list[tuple[str, float]]] = defaultdict(list)
    for row in (await session.execute(expertise)).scalars():
        if (tag := catalog.by_id.get(row.tag_id)) is not None:
            skills[row.vendor_id].append((tag.slug, float(row.years)))
    certs: dict[int, set[str]] = defaultdict(set)
    for row in (await session.execute(certifications)).scalars():
        certs[row.vendor_id].add(row.code)
    now = datetime.now(UTC)
    return [
        vendor_record(vendor, spoken[vendor.id], skills[vendor.id], certs[vendor.id], now)
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
        median_response_hours=vendor.median_response_hours,
    )


def scope_from_values(values: ScopeValues, catalog: TagCatalog) -> Scope:
    """A checked ad-hoc scope (matchVendors) as the library's Scope."""
    columns: dict[str, Any] = values.columns
    skills = tuple(
        SkillRequirement(tag=catalog.by_id[tag_id].slug, must_have=must, weight=weight)
        for tag_id, must, weight in values.skills or []
    )
    return _scope(columns, skills)


def scope_from_project(
    project: ProjectRequest, rows: list[ProjectSkill], catalog: TagCatalog
) -> Scope:
    """A stored request (and its skill rows) as the library's Scope."""
    skills = tuple(
        SkillRequirement(tag=catalog.by_id[r.tag_id].slug, must_have=r.must_have, weight=r.weight)
        for r in rows
        if r.tag_id in catalog.by_id
    )
    columns = {name: getattr(project, name) for name in ProjectRequest.model_fields}
    return _scope(columns, skills)


def _scope(columns: dict[str, Any], skills: tuple[SkillRequirement, ...]) -> Scope:
    return Scope(
        title=columns.get("title") or "",
        description=columns.get("description") or "",
        skills=skills,
        budget_min=float(columns["budget_min"]),
        budget_max=float(columns["budget_max"]),
        currency=columns["currency"],
        pricing=Pricing(columns["pricing"]),
        estimated_hours=columns.get("estimated_hours"),
        timezone=columns["timezone"],
        work_start=columns.get("work_start") or time(9),
        work_end=columns.get("work_end") or time(17),
        min_overlap_hours=float(columns.get("min_overlap_hours") or 0),
        languages=tuple(columns.get("languages") or ()),
        preferred_regions=tuple(columns.get("preferred_regions") or ()),
        required_certifications=tuple(columns.get("required_certifications") or ()),
        data_sensitivity=Sensitivity(columns.get("data_sensitivity") or "LOW"),
        start_date=columns.get("start_date"),
        deadline=columns.get("deadline"),
    )
