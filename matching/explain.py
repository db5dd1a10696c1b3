"""Reasons a buyer reads for one match, computed only for the top k."""

from __future__ import annotations

import numpy as np

from .risks import assess
from .scoring import Evaluation, GroupHours
from .store import VendorStore
from .types import FactorScores, Pricing, Risk

LEVEL_NAMES = ("", "basic", "conversational", "fluent", "native")


def num(x: float) -> str:
    """3.5 -> '3.5', 4.0 -> '4', 12000 -> '12,000'."""
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{x:.1f}".removesuffix(".0")


def clock(hours: float) -> str:
    """Hours as HH:MM (wrapping at 24)."""
    minutes = round(hours * 60) % (24 * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def skill_reason(store: VendorStore, ev: Evaluation, slot: int) -> str | None:
    """'Covers 4 of 5 required skills; missing Terraform'."""
    fit = ev.skill
    if not fit.tags:
        return None
    names = [store.taxonomy.name(t) for t in fit.tags]
    exact = fit.exact[:, slot] > 0
    related = ~exact & (fit.related[:, slot] > 0)
    missing = [n for n, e, r in zip(names, exact, related, strict=True) if not e and not r]
    text = f"Covers {int(exact.sum())} of {len(names)} required skills"
    if missing:
        text += "; missing " + ", ".join(missing)
    near = [n for n, r in zip(names, related, strict=True) if r]
    if near:
        text += "; related experience for " + ", ".join(near)
    return text


def overlap_reason(store: VendorStore, ev: Evaluation, slot: int) -> str:
    """'3.5 h overlap with Europe/Berlin 09:00-17:00; you asked for 4 h'."""
    s = ev.scope
    text = (
        f"{num(float(ev.overlap_mean[slot]))} h overlap with {s.timezone} "
        f"{s.work_start:%H:%M}-{s.work_end:%H:%M}"
    )
    if s.min_overlap_hours > 0:
        text += f"; you asked for {num(s.min_overlap_hours)} h"
    return text


def cost_reason(store: VendorStore, ev: Evaluation, slot: int) -> str | None:
    """'Rate 45-60 EUR/h is inside your 40-70 EUR budget'."""
    s, b = ev.scope, ev.budget
    if b.high <= 0:
        return None
    rate = store.fx.rate(s.currency)
    lo = float(store.cols["rate_min"][slot]) * rate
    hi = float(store.cols["rate_max"][slot]) * rate
    budget = f"{num(s.budget_min)}-{num(s.budget_max)} {s.currency}"
    if s.pricing == Pricing.FIXED:
        if b.hours is None:
            return None
        lo, hi = lo * b.hours, hi * b.hours
        what = f"Estimated {num(lo)}-{num(hi)} {s.currency} for {num(b.hours)} h"
    else:
        what = f"Rate {num(lo)}-{num(hi)} {s.currency}/h"
    if hi <= s.budget_max:
        text = f"{what} is inside your {budget} budget"
    elif lo <= s.budget_max:
        text = f"{what} reaches above your {budget} budget"
    else:
        text = f"{what} is above your {budget} budget"
    total = b.project_total
    min_budget = float(store.cols["min_budget"][slot])
    if total is not None and min_budget > total:
        text += f"; minimum project is {num(min_budget * rate)} {s.currency}"
    return text


def language_reason(store: VendorStore, ev: Evaluation, slot: int) -> str | None:
    """'Speaks EN (native), DE (fluent)'."""
    codes = ev.scope.languages
    if not codes:
        return None
    levels = ev.culture.levels[:, slot]
    spoken = [f"{c.upper()} ({LEVEL_NAMES[int(lv)]})" for c, lv in zip(codes, levels, strict=True)]
    return "Speaks " + ", ".join(spoken)


def region_reason(store: VendorStore, ev: Evaluation, slot: int) -> str | None:
    """'Based in PL, Eastern Europe: a preferred region'."""
    if not ev.scope.preferred_regions or not ev.culture.region[slot]:
        return None
    country = store.countries.keys[store.cols["country"][slot]]
    region = store.regions.keys[store.cols["region"][slot]]
    return f"Based in {country}, {region}: a preferred region" if region else f"Based in {country}"


def quality_reason(store: VendorStore, ev: Evaluation, slot: int) -> str:
    """'4.8/5 from 200 reviews'."""
    count = int(store.cols["review_count"][slot])
    if count == 0:
        return "No reviews yet"
    mean = float(store.cols["review_mean"][slot])
    text = f"{mean:.1f}/5 from {count} review{'s' if count > 1 else ''}"
    on_time = float(store.cols["on_time"][slot])
    if not np.isnan(on_time):
        text += f", {on_time:.0%} delivered on time"
    return text


def security_reason(store: VendorStore, ev: Evaluation, slot: int) -> str:
    """'Holds ISO_27001, SOC_2; verified'."""
    bits = int(store.cols["certs"][slot])
    held = [code for i, code in enumerate(store.certs.keys) if bits >> i & 1]
    verified = "verified" if store.cols["verified"][slot] else "not verified"
    return (
        f"Holds {', '.join(sorted(held))}; {verified}" if held else f"No certifications; {verified}"
    )


def explain(
    store: VendorStore, groups: GroupHours, ev: Evaluation, slot: int, factors: FactorScores
) -> tuple[tuple[str, ...], tuple[Risk, ...]]:
    """Reasons (strongest factor first) and risks for one vendor."""
    by_factor = {
        "skill": skill_reason(store, ev, slot),
        "cost": cost_reason(store, ev, slot),
        "timezone": overlap_reason(store, ev, slot),
        "culture": language_reason(store, ev, slot) or region_reason(store, ev, slot),
        "quality": quality_reason(store, ev, slot),
        "security": security_reason(store, ev, slot),
    }
    order = sorted(by_factor, key=lambda f: -getattr(factors, f))
    reasons = tuple(r for f in order if (r := by_factor[f]))
    region = region_reason(store, ev, slot)
    if region and region not in reasons:
        reasons += (region,)
    return reasons, assess(store, groups, ev, slot)
