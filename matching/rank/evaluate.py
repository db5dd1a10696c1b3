"""One pass over all vendors for a scope: hard constraints and the non-text factors.

Time zone, culture, security and coverage depend only on a vendor's time-zone group,
culture profile, security class and coverage group, so they are computed per group
and read per vendor through the ``tzgroup``, ``geo``, ``sec`` and ``cov`` columns.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from ..core.records import Scope
from ..factors.calendar import country_of_timezone
from ..factors.capacity import UNAVAILABLE, capacity_scores, window_weeks
from ..factors.cost import below_minimum, budget_of, cost_scores
from ..factors.coverage import coverage_lut
from ..factors.culture import culture_fit
from ..factors.evaluation import Evaluation
from ..factors.responsiveness import responsiveness_scores
from ..factors.security import holds_all, security_lut
from ..factors.skill import skill_fit, tag_idf
from ..factors.timezone import overlap_matrix, sample_days, shift_hours, timezone_scores
from ..store.groups import GeoProfiles, GroupHours
from ..store.tag_columns import TagColumns
from ..store.vendors import VendorStore

DEFAULT_WINDOW_DAYS = 90
MAX_WINDOW_DAYS = 366


def project_window(scope: Scope, today: date) -> tuple[date, date]:
    """Start and end of the project; 90 days from the start when no usable deadline.

    ``today`` is the start when the scope gives neither a start date nor a
    deadline; the caller passes it so results never depend on the clock.
    """
    start = scope.start_date or scope.deadline or today
    end = scope.deadline if scope.deadline and scope.deadline >= start else None
    end = end or start + timedelta(days=DEFAULT_WINDOW_DAYS)
    return start, min(end, start + timedelta(days=MAX_WINDOW_DAYS - 1))


def evaluate(
    store: VendorStore, groups: GroupHours, profiles: GeoProfiles, scope: Scope, *, today: date
) -> Evaluation:
    """Hard constraints and factor arrays for every slot (text similarity comes later)."""
    c = store.cols
    start, end = project_window(scope, today)
    days = sample_days(start, end)
    buyer_country = scope.country.upper() or country_of_timezone(scope.timezone)

    skill = skill_fit(
        scope.skills,
        store.taxonomy,
        TagColumns(store.skills),
        tag_idf(store.n_alive, store.skill_df),
        store.size,
        store.free.lookup(),
    )
    profiles.refresh(store)
    culture = culture_fit(
        profiles, scope.languages, scope.preferred_regions, buyer_country, start, end
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
        fails = alive & ~holds_all(c["certs"], scope.required_certifications, store.certs.ids)
        excluded["requiredCertifications"] = int(np.count_nonzero(fails))
        eligible &= ~fails
    if scope.languages and not culture.lacks_language.any():
        excluded["languages"] = 0  # every culture profile speaks them: no pass over slots
    elif scope.languages:
        # take with mode="clip" skips the bounds check's buffering; geo ids are in range
        fails = alive & np.take(culture.lacks_language, c["geo"], mode="clip")
        excluded["languages"] = int(np.count_nonzero(fails))
        eligible &= ~fails
    if skill.must.any():
        fails = alive & skill.missing_must
        excluded["mustHaveSkills"] = int(np.count_nonzero(fails))
        eligible &= ~fails
    if not scope.include_unavailable:
        fails = alive & (c["availability"] == UNAVAILABLE)
        excluded["availability"] = int(np.count_nonzero(fails))
        eligible &= ~fails
    below = below_minimum(c["min_budget"], budget)
    if below is not None:
        fails = alive & below
        excluded["minProjectSize"] = int(np.count_nonzero(fails))
        eligible &= ~fails
    weeks = window_weeks(start, end)

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
        cov=c["cov"],
        joint=c["joint"],
        joint_parts=store.joint_parts(),
        overlap_mean=overlap_mean,
        overlap_min=overlap_min,
        cost=cost_scores(c["rate_min"], c["rate_max"], c["span_inv"], budget),
        timezone=timezone_scores(overlap_mean, scope.min_overlap_hours),
        quality=c["quality"],
        security=security_lut(scope.data_sensitivity),
        capacity=capacity_scores(c["capacity"], c["capacity_cap"], weeks, budget.hours),
        responsiveness=responsiveness_scores(
            c["response_hours"], c["responsiveness"], scope.max_response_hours
        ),
        coverage=coverage_lut(store.coverages.keys, scope.coverage),
        needed_hours=budget.hours,
        weeks=weeks,
        below_minimum=below,
        eligible=eligible,
        excluded=excluded,
    )
