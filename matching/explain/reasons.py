"""Reasons a buyer reads for one match, computed only for the top k."""

from __future__ import annotations

import math
from collections.abc import Callable
from operator import attrgetter, itemgetter

from ..core.factor import FACTORS, Factor, FactorScores
from ..core.records import Coverage, Pricing
from ..core.results import Risk
from ..core.taxonomy import skill_key
from ..factors.capacity import LIMITED, UNAVAILABLE
from ..factors.coverage import NAMES
from ..factors.evaluation import Evaluation
from ..factors.skill import Need
from ..store.groups import GroupHours
from ..store.vendors import VendorStore
from .facts import Facts
from .format import num, short
from .risks import assess

LEVEL_NAMES = ("", "basic", "conversational", "fluent", "native")
SCORES = attrgetter(*FACTORS)  # FactorScores -> its scores in Factor order, in one call
_FIRST = itemgetter(0)
# explain() lists its reasons in this order, without a dict keyed by factor per vendor.
if tuple(Factor) != (
    Factor.SKILL,
    Factor.COST,
    Factor.TIMEZONE,
    Factor.CULTURE,
    Factor.QUALITY,
    Factor.SECURITY,
    Factor.CAPACITY,
    Factor.RESPONSIVENESS,
    Factor.COVERAGE,
):
    raise TypeError("explain() must list its reasons in FACTORS order")


def skill_reason(store: VendorStore, ev: Evaluation, v: Facts) -> str | None:
    """'Covers 2 of 3 required skills (Rasa as listed); missing HealthKit'.

    A requirement met by an alternative or by a free-text skill says which, so a
    buyer sees what the vendor actually lists.
    """
    needs = ev.skill.needs
    if not needs:
        return None
    met = [d > 0 for d in v.exact]
    how = [
        _met_as(need, listed)
        for need, listed, ok in zip(needs, v.listed, met, strict=True)
        if ok and _met_as(need, listed)
    ]
    related = [not e and r > 0 for e, r in zip(met, v.related, strict=True)]
    missing = [n.label for n, e, r in zip(needs, met, related, strict=True) if not e and not r]
    text = f"Covers {sum(met)} of {len(needs)} required skills"
    if how:
        text += f" ({', '.join(how)})"
    if missing:
        text += "; missing " + ", ".join(missing)
    near = [n.label for n, r in zip(needs, related, strict=True) if r]
    if near:
        text += "; related experience for " + ", ".join(near)
    return text


def _met_as(need: Need, listed: str) -> str:
    """'' when the requirement's first skill, a tag, met it, else how: 'Rasa as listed',
    'Chatbots as "Chatbot"', 'C# for React Native or C#'."""
    if listed in need.names:
        return "" if listed == need.options[0] else f"{listed} for {need.label}"
    key = skill_key(listed)
    same = [text for text in need.texts if skill_key(text) == key]
    return f"{same[0]} as listed" if same else f'{need.label} as "{listed}"'


def overlap_reason(store: VendorStore, ev: Evaluation, v: Facts) -> str:
    """'3.5 h overlap with Europe/Berlin 09:00-17:00; you asked for 4 h'."""
    return ev.memo(("overlap", v.tzgroup), lambda: _overlap_text(ev, v.tzgroup))


def _overlap_text(ev: Evaluation, group: int) -> str:
    return (
        f"{num(float(ev.overlap_mean[group]))} h overlap with {ev.memo('hours', _hours_asked(ev))}"
    )


def _hours_asked(ev: Evaluation) -> Callable[[], str]:
    """The scope's side of the overlap reason: 'Europe/Berlin 09:00-17:00; you asked for 4 h'."""

    def text() -> str:
        s = ev.scope
        asked = f"; you asked for {num(s.min_overlap_hours)} h" if s.min_overlap_hours > 0 else ""
        return f"{s.timezone} {s.work_start:%H:%M}-{s.work_end:%H:%M}{asked}"

    return text


def cost_reason(store: VendorStore, ev: Evaluation, v: Facts) -> str | None:
    """'Rate 45-60 EUR/h is inside your 40-70 EUR budget'."""
    s, b = ev.scope, ev.budget
    if b.high <= 0:
        return None
    rate = store.fx.rate(s.currency)
    lo = v.rate_min * rate
    hi = v.rate_max * rate
    budget = ev.memo("budget", lambda: f"{num(s.budget_min)}-{num(s.budget_max)} {s.currency}")
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
    return text


def language_reason(store: VendorStore, ev: Evaluation, v: Facts) -> str | None:
    """'Speaks EN (native), DE (fluent)'."""
    codes = ev.scope.languages
    if not codes:
        return None
    return ev.memo(("speaks", v.geo), lambda: _speaks(codes, ev.culture.levels[:, v.geo].tolist()))


def _speaks(codes: tuple[str, ...], levels: list[int]) -> str:
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


def capacity_reason(store: VendorStore, ev: Evaluation, v: Facts) -> str:
    """'Team of 40, about 1,400 h a week: 640 h by 27 Mar 2026 fits' (or what it needs)."""
    who = "Solo" if v.team_size <= 1 else f"Team of {v.team_size}"
    text = f"{who}, about {num(v.hours_week)} h a week"
    if v.availability == LIMITED:
        text += " (limited availability: counted at half)"
    elif v.availability == UNAVAILABLE:
        return text + "; not taking new work"
    need = ev.needed_hours
    if need is None:
        return text
    when = ev.memo(
        "when",
        lambda: f"by {ev.end:%d %b %Y}" if ev.scope.deadline else f"in {num(ev.weeks)} weeks",
    )
    if v.capacity * ev.weeks >= need:
        return f"{text}: {num(need)} h {when} fits"
    return f"{text}: {num(need)} h {when} needs {num(need / ev.weeks)} h a week"


def response_reason(store: VendorStore, ev: Evaluation, v: Facts) -> str | None:
    """'Replies in 3 h (median); you asked for 4 h'."""
    asked = ev.scope.max_response_hours
    wanted = f"; you asked for {short(asked)} h" if asked else ""
    if math.isnan(v.response_hours):
        return f"No response time measured yet{wanted}" if asked else None
    return f"Replies in {short(v.response_hours)} h (median){wanted}"


def coverage_reason(store: VendorStore, ev: Evaluation, v: Facts) -> str | None:
    """'Staffed 24 h a day, 7 days a week; you asked for 24/7 cover'."""
    coverage = ev.scope.coverage
    if coverage == Coverage.BUSINESS_HOURS:
        return None
    hours, days = store.coverages.keys[v.cov]
    return f"Staffed {short(hours)} h a day, {days} days a week; you asked for {NAMES[coverage]}"


def security_reason(store: VendorStore, ev: Evaluation, v: Facts) -> str:
    """'Holds ISO_27001, SOC_2; verified'."""
    return ev.memo(("security", v.certs, v.verified), lambda: _security_text(store, v))


def _security_text(store: VendorStore, v: Facts) -> str:
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
    by_factor = (  # in Factor order (checked at import)
        skill_reason(store, ev, v),
        cost_reason(store, ev, v),
        overlap_reason(store, ev, v),
        language_reason(store, ev, v) or region,
        quality_reason(store, ev, v),
        security_reason(store, ev, v),
        capacity_reason(store, ev, v),
        response_reason(store, ev, v),
        coverage_reason(store, ev, v),
    )
    # strongest factor first; sorted() keeps Factor order among equal scores
    ranked = sorted(zip(SCORES(factors), by_factor, strict=True), key=_FIRST, reverse=True)
    reasons = tuple(r for _, r in ranked if r)
    if region and region not in reasons:
        reasons += (region,)
    return reasons, assess(store, groups, ev, v)
