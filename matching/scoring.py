"""One pass over all vendors for a scope: hard constraints and the five non-text factors.

Time zone, culture and security depend only on a vendor's time-zone group,
culture profile and security class, so they are computed per group and read
per vendor through the ``tzgroup``, ``geo`` and ``sec`` columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from .calendar import country_of_timezone
from .cost import Budget, budget_of, cost_scores
from .culture import CultureFit, culture_fit
from .security import holds_all, security_lut
from .skill import SkillFit, skill_fit
from .store import VendorStore
from .tables import GeoProfiles, GroupHours
from .timezone import overlap_matrix, sample_days, shift_hours, timezone_scores
from .types import Scope

DEFAULT_WINDOW_DAYS = 90
MAX_WINDOW_DAYS = 366

__all__ = ["Evaluation", "GeoProfiles", "GroupHours", "evaluate", "project_window"]


@dataclass
class Evaluation:
    """Everything computed for one scope: per slot, or per group with the slot's group id.

    ``overlap_mean``, ``overlap_min`` and ``timezone`` are per time-zone group
    (``tzgroup``), ``culture`` per culture profile (``geo``) and ``security``
    per security class (``sec``); ``cost``, ``quality`` and ``eligible`` per slot.
    """

    scope: Scope
    buyer_country: str
    start: date
    end: date
    days: list[date]
    budget: Budget
    skill: SkillFit
    culture: CultureFit
    tzgroup: np.ndarray
    geo: np.ndarray
    sec: np.ndarray
    overlap_mean: np.ndarray
    overlap_min: np.ndarray
    cost: np.ndarray
    timezone: np.ndarray
    quality: np.ndarray
    security: np.ndarray
    eligible: np.ndarray
    excluded: dict[str, int] = field(default_factory=dict)

    def factors(self, slots: np.ndarray) -> tuple[np.ndarray, ...]:
        """Cost, time zone, culture, quality and security of ``slots``."""
        return (
            self.cost[slots],
            self.timezone[self.tzgroup[slots]],
            self.culture.score[self.geo[slots]],
            self.quality[slots],
            self.security[self.sec[slots]],
        )


def project_window(scope: Scope, today: date | None = None) -> tuple[date, date]:
    """Start and end of the project; 90 days from the start when no usable deadline."""
    start = scope.start_date or scope.deadline or today or date.today()
    end = scope.deadline if scope.deadline and scope.deadline >= start else None
    end = end or start + timedelta(days=DEFAULT_WINDOW_DAYS)
    return start, min(end, start + timedelta(days=MAX_WINDOW_DAYS - 1))


def evaluate(
    store: VendorStore, groups: GroupHours, profiles: GeoProfiles, scope: Scope
) -> Evaluation:
    """Hard constraints and factor arrays for every slot (text similarity comes later)."""
    c = store.cols
    start, end = project_window(scope)
    days = sample_days(start, end)
    buyer_country = scope.country.upper() or country_of_timezone(scope.timezone)

    skill = skill_fit(store, scope.skills)
    profiles.refresh(store)
    culture = culture_fit(
        store, profiles, scope.languages, scope.preferred_regions, buyer_country, start, end
    )
    groups.refresh(store)
    per_day = overlap_matrix(
        scope.timezone,
        shift_hours(scope.work_start, scope.work_end),
        groups.zones,
        groups.starts,
        groups.ends,
        days,
        groups.distinct,
    )
    overlap_mean = per_day.mean(axis=1) if groups.count else np.zeros(0, np.float32)
    overlap_min = per_day.min(axis=1) if groups.count else np.zeros(0, np.float32)
    budget = budget_of(scope, store.fx.rate(scope.currency))

    alive = c["alive"]
    excluded: dict[str, int] = {}
    eligible = alive.copy()
    if scope.required_certifications:
        fails = alive & ~holds_all(c["certs"], scope.required_certifications, store.certs)
        excluded["requiredCertifications"] = int(np.count_nonzero(fails))
        eligible &= ~fails
    if scope.languages:
        fails = alive & culture.lacks_language[c["geo"]]
        excluded["languages"] = int(np.count_nonzero(fails))
        eligible &= ~fails
    if skill.must.any():
        fails = alive & skill.missing_must
        excluded["mustHaveSkills"] = int(np.count_nonzero(fails))
        eligible &= ~fails

    return Evaluation(
        scope=scope,
        buyer_country=buyer_country,
        start=start,
        end=end,
        days=days,
        budget=budget,
        skill=skill,
        culture=culture,
        tzgroup=c["tzgroup"],
        geo=c["geo"],
        sec=c["sec"],
        overlap_mean=overlap_mean,
        overlap_min=overlap_min,
        cost=cost_scores(c["rate_min"], c["rate_max"], c["min_budget"], budget),
        timezone=timezone_scores(overlap_mean, scope.min_overlap_hours),
        quality=c["quality"],
        security=security_lut(scope.data_sensitivity),
        eligible=eligible,
        excluded=excluded,
    )
