"""A checked or stored scope of work as the matching library's Scope."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import time
from typing import Any

from api.scopes.rules import ScopeValues
from api.scopes.skills import Requirement
from matching import Coverage, Pricing, Scope, Sensitivity


def library_scope(columns: Mapping[str, Any], skills: Iterable[Requirement]) -> Scope:
    """The library's Scope from scope columns and skill requirements (checked or stored)."""
    requirements = tuple(requirement.for_matching() for requirement in skills)
    return Scope(
        title=columns.get("title") or "",
        description=columns.get("description") or "",
        skills=requirements,
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
        coverage=Coverage(columns.get("coverage") or Coverage.BUSINESS_HOURS),
        max_response_hours=columns.get("max_response_hours"),
    )


def scope_from_values(values: ScopeValues) -> Scope:
    """A checked ad-hoc scope (matchVendors) as the library's Scope."""
    return library_scope(values.columns, values.skills or [])
