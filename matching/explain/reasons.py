"""Reasons a buyer reads for one match, computed only for the top k."""

from __future__ import annotations

import math

from ..core.factor import Factor, FactorScores
from ..core.records import Pricing
from ..core.results import Risk
from ..factors.evaluation import Evaluation
from ..store.groups import GroupHours
from ..store.vendors import VendorStore
from .facts import Facts
from .format import num
from .risks import assess

LEVEL_NAMES = ("", "basic", "conversational", "fluent", "native")


def skill_reason(store: VendorStore, ev: Evaluation, v: Facts) -> str | None:
    """'Covers 4 of 5 required skills; missing Terraform'."""
    fit = ev.skill
    if not fit.tags:
        return None
    names = [store.taxonomy.name(t) for t in fit.tags]
    exact = [d > 0 for d in v.exact]
    related = [not e and r > 0 for e, r in zip(exact, v.related, strict=True)]
    missing = [n for n, e, r in zip(names, exact, related, strict=True) if not e and not r]
    text = f"Covers {sum(exact)} of {len(names)} required skills"
    if missing:
        text += "; missing " + ", ".join(missing)
    near = [n for n, r in zip(names, related, strict=True) if r]
    if near:
        text += "; related experience for " + ", ".join(near)
    return text


def overlap_reason(store: VendorStore, ev: Evaluation, v: Facts) -> str:
    """'3.5 h overlap with Europe/Berlin 09:00-17:00; you asked for 4 h'."""
    s = ev.scope
    text = (
        f"{num(float(ev.overlap_mean[v.tzgroup]))} h overlap with {s.timezone} "
        f"{s.work_start:%H:%M}-{s.work_end:%H:%M}"
    )
    if s.min_overlap_hours > 0:
        text += f"; you asked for {num(s.min_overlap_hours)} h"
    return text


def cost_reason(store: VendorStore, ev: Evaluation, v: Facts) -> str | None:
    """'Rate 45-60 EUR/h is inside your 40-70 EUR budget'."""
    s, b = ev.scope, ev.budget
    if b.high <= 0:
        return None
    rate = store.fx.rate(s.currency)
    lo = v.rate_min * rate
    hi = v.rate_max * rate
    budget = f"{num(s.budget_min)}-{num(s.budget_max)} {s.currency}"
    if s.pricing == Pricing.FIXED:
        if b.hours is None:
            return None
        lo, hi = lo * b.hours, hi * b.hours
        what = f"Estimated {num(lo)}-{num(hi)} {s.currency} for {num(b.hours)} h"
    else:
        what = f"Rate {num(lo)}-{num(hi)} {s.currency}/h"
    if hi < s.budget_min:
        text = f"{what} is below your {budget} budget"
    elif hi <= s.budget_max and lo < s.budget_min:
        text = f"{what} fits your {budget} budget, starting below it"
    elif hi <= s.budget_max:
        text = f"{what} is inside your {budget} budget"
    elif lo <= s.budget_max:
        text = f"{what} reaches above your {budget} budget"
    else:
        text = f"{what} is above your {budget} budget"
    total = b.project_total
    if total is not None and v.min_budget > total:
        text += f"; minimum project is {num(v.min_budget * rate)} {s.currency}"
    return text


def language_reason(store: VendorStore, ev: Evaluation, v: Facts) -> str | None:
    """'Speaks EN (native), DE (fluent)'."""
    codes = ev.scope.languages
    if not codes:
        return None
    levels = ev.culture.levels[:, v.geo].tolist()
    spoken = [f"{c.upper()} ({LEVEL_NAMES[lv]})" for c, lv in zip(codes, levels, strict=True)]
    return "Speaks " + ", ".join(spoken)


def region_reason(store: VendorStore, ev: Evaluation, v: Facts) -> str | None:
    """'Based in PL, Eastern Europe: a preferred region'."""
    if not ev.scope.preferred_regions or not ev.culture.region[v.geo]:
        return None
    country = store.countries.keys[v.country]
    region = store.regions.keys[v.region]
    return f"Based in {country}, {region}: a preferred region" if region else f"Based in {country}"


def quality_reason(store: VendorStore, ev: Evaluation, v: Facts) -> str:
    """'4.8/5 from 200 reviews'."""
    count = int(v.review_count)
    if count == 0:
        return "No reviews yet"
    text = f"{v.review_mean:.1f}/5 from {count} review{'s' if count > 1 else ''}"
    if not math.isnan(v.on_time):
        text += f", {v.on_time:.0%} delivered on time"
    return text


def security_reason(store: VendorStore, ev: Evaluation, v: Facts) -> str:
    """'Holds ISO_27001, SOC_2; verified'."""
    held = [code for i, code in enumerate(store.certs.keys) if v.certs >> i & 1]
    verified = "verified" if v.verified else "not verified"
    return (
        f"Holds {', '.join(sorted(held))}; {verified}" if held else f"No certifications; {verified}"
    )


def explain(
    store: VendorStore, groups: GroupHours, ev: Evaluation, v: Facts, factors: FactorScores
) -> tuple[tuple[str, ...], tuple[Risk, ...]]:
    """Reasons (strongest factor first) and risks for one vendor."""
    region = region_reason(store, ev, v)
    by_factor = {
        Factor.SKILL: skill_reason(store, ev, v),
        Factor.COST: cost_reason(store, ev, v),
        Factor.TIMEZONE: overlap_reason(store, ev, v),
        Factor.CULTURE: language_reason(store, ev, v) or region,
        Factor.QUALITY: quality_reason(store, ev, v),
        Factor.SECURITY: security_reason(store, ev, v),
    }
    order = sorted(by_factor, key=lambda f: -getattr(factors, f))
    reasons = tuple(r for f in order if (r := by_factor[f]))
    if region and region not in reasons:
        reasons += (region,)
    return reasons, assess(store, groups, ev, v)
