"""One pass over all vendors for a scope: hard constraints and the five non-text factors."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta

import numpy as np

from .calendar import country_of_timezone
from .cost import Budget, budget_of, cost_scores
from .culture import MIN_REQUIRED_LEVEL, CultureFit, culture_fit
from .security import holds_all, security_scores
from .skill import SkillFit, skill_fit
from .store import VendorStore
from .timezone import overlap_matrix, sample_days, shift_hours, timezone_scores
from .types import Scope
from .years import date_range

DEFAULT_WINDOW_DAYS = 90
MAX_WINDOW_DAYS = 366


@dataclass
class Evaluation:
    """Everything computed for one scope over every slot."""

    scope: Scope
    buyer_country: str
    window: list[date]
    days: list[date]
    budget: Budget
    skill: SkillFit
    culture: CultureFit
    overlap_mean: np.ndarray
    overlap_min: np.ndarray
    cost: np.ndarray
    timezone: np.ndarray
    quality: np.ndarray
    security: np.ndarray
    eligible: np.ndarray
    excluded: dict[str, int] = field(default_factory=dict)


def project_window(scope: Scope, today: date | None = None) -> tuple[date, date]:
    """Start and end of the project; 90 days from the start when no usable deadline."""
    start = scope.start_date or scope.deadline or today or date.today()
    end = scope.deadline if scope.deadline and scope.deadline >= start else None
    end = end or start + timedelta(days=DEFAULT_WINDOW_DAYS)
    return start, min(end, start + timedelta(days=MAX_WINDOW_DAYS - 1))


class GroupHours:
    """Working-hour arrays per (zone, start, end) group, refreshed as groups are added."""

    def __init__(self) -> None:
        self.count = -1
        self.zones: list[str] = []
        self.starts = np.zeros(0)
        self.ends = np.zeros(0)

    def refresh(self, store: VendorStore) -> None:
        """Recompute when the store has new groups."""
        keys = store.tzgroups.keys
        if len(keys) == self.count:
            return
        hours = [shift_hours(time(s // 60, s % 60), time(e // 60, e % 60)) for _, s, e in keys]
        self.zones = [tz for tz, _, _ in keys]
        self.starts = np.array([h[0] for h in hours], dtype=np.float32)
        self.ends = np.array([h[1] for h in hours], dtype=np.float32)
        self.count = len(keys)


def evaluate(store: VendorStore, groups: GroupHours, scope: Scope) -> Evaluation:
    """Hard constraints and factor arrays for every slot (text similarity comes later)."""
    c = store.cols
    start, end = project_window(scope)
    window = date_range(start, end)
    days = sample_days(start, end)
    buyer_country = scope.country.upper() or country_of_timezone(scope.timezone)

    skill = skill_fit(store, scope.skills)
    culture = culture_fit(store, scope.languages, scope.preferred_regions, buyer_country, window)
    groups.refresh(store)
    per_day = overlap_matrix(
        scope.timezone,
        shift_hours(scope.work_start, scope.work_end),
        groups.zones,
        groups.starts,
        groups.ends,
        days,
    )
    overlap_mean = per_day.mean(axis=1)[c["tzgroup"]] if groups.count else np.zeros(store.size)
    overlap_min = per_day.min(axis=1)[c["tzgroup"]] if groups.count else np.zeros(store.size)
    budget = budget_of(scope, store.fx.rate(scope.currency))

    alive = c["alive"]
    excluded: dict[str, int] = {}
    eligible = alive.copy()
    if scope.required_certifications:
        fails = alive & ~holds_all(c["certs"], scope.required_certifications, store.certs)
        excluded["requiredCertifications"] = int(fails.sum())
        eligible &= ~fails
    if scope.languages:
        fails = alive & (culture.levels < MIN_REQUIRED_LEVEL).any(axis=0)
        excluded["languages"] = int(fails.sum())
        eligible &= ~fails
    if skill.must.any():
        fails = alive & skill.missing_must
        excluded["mustHaveSkills"] = int(fails.sum())
        eligible &= ~fails

    return Evaluation(
        scope=scope,
        buyer_country=buyer_country,
        window=window,
        days=days,
        budget=budget,
        skill=skill,
        culture=culture,
        overlap_mean=overlap_mean,
        overlap_min=overlap_min,
        cost=cost_scores(c["rate_min"], c["rate_max"], c["min_budget"], budget),
        timezone=timezone_scores(overlap_mean, scope.min_overlap_hours),
        quality=c["quality"],
        security=security_scores(c["certs"], c["verified"], scope.data_sensitivity, store.certs),
        eligible=eligible,
        excluded=excluded,
    )
