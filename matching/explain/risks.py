"""The four outsourcing risks of one match, each with a level and a concrete mitigation.

Delivery risks (availability, a deadline the team cannot meet) count as quality
risks; slow replies and uncovered hours as communication risks.
"""

from __future__ import annotations

import math
from datetime import date
from functools import lru_cache

from ..core.records import Sensitivity
from ..core.results import Risk, RiskKind, RiskLevel
from ..factors.calendar import holidays_between, weekend_of
from ..factors.capacity import LIMITED, UNAVAILABLE, finish_date
from ..factors.coverage import NAMES, coverage_share, uncovered_hours
from ..factors.evaluation import Evaluation
from ..factors.security import PRIVACY, STRONG
from ..factors.timezone import overlap_window_utc, shift_hours
from ..store.groups import GroupHours
from ..store.vendors import VendorStore
from .facts import Facts
from .format import clock, num, short

FLUENT = 3
LOW_RATING = 3.5
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def communication(store: VendorStore, groups: GroupHours, ev: Evaluation, v: Facts) -> list[Risk]:
    """Little overlap, no shared fluent language, slow responses."""
    s = ev.scope
    out = list(ev.memo(("overlap-risk", v.tzgroup), lambda: _overlap_risk(groups, ev, v.tzgroup)))
    if s.languages and _not_fluent(ev, v.geo):
        out.append(
            Risk(
                RiskKind.COMMUNICATION,
                RiskLevel.MEDIUM,
                "No shared language at a fluent level",
                "Keep requirements and acceptance criteria in writing; have them read back",
            )
        )
    out += responses(ev, v) + coverage(store, ev, v)
    return out


def _not_fluent(ev: Evaluation, geo: int) -> bool:
    """Whether culture profile ``geo`` speaks none of the scope's languages fluently."""
    fluent: bool = ev.memo(("fluent", geo), lambda: bool(ev.culture.levels[:, geo].max() >= FLUENT))
    return not fluent


def _overlap_risk(groups: GroupHours, ev: Evaluation, g: int) -> tuple[Risk, ...]:
    """Less overlap than the scope asks for with time-zone group ``g``, and a check-in time."""
    s = ev.scope
    mean, low = float(ev.overlap_mean[g]), float(ev.overlap_min[g])
    if s.min_overlap_hours <= 0 or low >= s.min_overlap_hours:
        return ()
    hours = (float(groups.starts[g]), float(groups.ends[g]))
    window = overlap_window_utc(s.timezone, _scope_hours(ev), groups.zones[g], hours, ev.days[0])
    if window:
        end = min(window[1], window[0] + 1.0)
        fix = f"Agree a daily check-in at {clock(window[0])}-{clock(end)} UTC"
    else:
        fix = "Agree written daily hand-offs and one weekly call outside office hours"
    level = RiskLevel.HIGH if mean < s.min_overlap_hours / 2 else RiskLevel.MEDIUM
    detail = (
        f"{short(mean)} h overlap on average (as low as {short(low)} h); you asked for "
        f"{short(s.min_overlap_hours)} h"
    )
    return (Risk(RiskKind.COMMUNICATION, level, detail, fix),)


def responses(ev: Evaluation, v: Facts) -> list[Risk]:
    """Replies slower than the scope asks for (or than a day when it does not say)."""
    response, asked = v.response_hours, ev.scope.max_response_hours
    if math.isnan(response):
        return []
    if asked:
        if response <= asked:
            return []
        level = RiskLevel.HIGH if response > 2 * asked else RiskLevel.MEDIUM
        detail = f"Median response time is {short(response)} h; you asked for {short(asked)} h"
        fix = f"Agree a {short(asked)} h response time in the contract, with a named backup contact"
        return [Risk(RiskKind.COMMUNICATION, level, detail, fix)]
    if response <= 24:
        return []
    level = RiskLevel.HIGH if response > 48 else RiskLevel.MEDIUM
    detail = f"Median response time is {short(response)} h"
    fix = "Agree a response time (for example one working day) in the contract"
    return [Risk(RiskKind.COMMUNICATION, level, detail, fix)]


def coverage(store: VendorStore, ev: Evaluation, v: Facts) -> list[Risk]:
    """Staffed hours short of the cover the scope asks for."""
    return list(ev.memo(("coverage-risk", v.cov), lambda: _coverage_risk(store, ev, v.cov)))


def _coverage_risk(store: VendorStore, ev: Evaluation, cov: int) -> tuple[Risk, ...]:
    asked = ev.scope.coverage
    hours, days = store.coverages.keys[cov]
    gap = uncovered_hours(hours, days, asked)
    if gap <= 0:
        return ()
    share = coverage_share(hours, days, asked)
    level = RiskLevel.HIGH if share < 0.5 else RiskLevel.MEDIUM
    detail = (
        f"Staffed {short(hours)} h a day, {days} days a week: {num(gap)} h a week of "
        f"the {NAMES[asked]} you asked for are not covered"
    )
    fix = (
        f"Agree an on-call rota for the {num(gap)} uncovered hours a week, or pair them "
        "with a second vendor in another time zone"
    )
    return (Risk(RiskKind.COMMUNICATION, level, detail, fix),)


def quality(store: VendorStore, ev: Evaluation, v: Facts) -> list[Risk]:
    """Few or poor reviews, late deliveries, an unverified profile."""
    out: list[Risk] = []
    count, mean = int(v.review_count), v.review_mean
    pilot = "Start with a small paid pilot milestone before committing the full budget"
    reviews = f"{count} review{'s' * (count > 1)}"
    if count and mean < LOW_RATING:
        detail = f"Average rating {mean:.1f}/5 from {'only ' * (count < 5)}{reviews}"
        fix = "Read the low reviews and ask what changed; " + pilot[0].lower() + pilot[1:]
        out.append(Risk(RiskKind.QUALITY, RiskLevel.HIGH, detail, fix))
    elif count < 5:
        detail = "No reviews yet" if count == 0 else f"Only {reviews}"
        out.append(Risk(RiskKind.QUALITY, RiskLevel.MEDIUM, detail, pilot))
    on_time = v.on_time
    if not math.isnan(on_time) and on_time < 0.8:
        out.append(
            Risk(
                RiskKind.QUALITY,
                RiskLevel.MEDIUM,
                f"Delivered {on_time:.0%} of projects on time",
                "Tie payments to milestones with acceptance criteria and dates",
            )
        )
    if not v.verified:
        out.append(
            Risk(
                RiskKind.QUALITY,
                RiskLevel.MEDIUM,
                "Profile not verified",
                "Ask for references from two recent clients and check the company registration",
            )
        )
    return out


def delivery(ev: Evaluation, v: Facts) -> list[Risk]:
    """Little or no availability for new work, a deadline the team's hours cannot meet."""
    if v.availability == UNAVAILABLE:
        fix = "Ask whether and when they could start before you invite them"
        return [Risk(RiskKind.QUALITY, RiskLevel.HIGH, "Not taking new work at the moment", fix)]
    out: list[Risk] = []
    if v.availability == LIMITED:
        fix = "Confirm the start date and the named people in writing before you award"
        detail = "Limited availability for new work"
        out.append(Risk(RiskKind.QUALITY, RiskLevel.MEDIUM, detail, fix))
    need, deadline = ev.needed_hours, ev.scope.deadline
    supply = v.capacity * ev.weeks
    if need is None or deadline is None or supply >= need:
        return out
    finish = finish_date(ev.start, need, v.capacity)
    level = RiskLevel.HIGH if supply < need / 2 else RiskLevel.MEDIUM
    detail = (
        f"About {num(v.capacity)} h a week covers {num(supply)} of the {num(need)} h "
        f"by the deadline ({ev.end:%d %b %Y})"
    )
    fix = (
        f"Move the deadline to {finish:%d %b %Y}, cut the scope to about {num(supply)} h, "
        "or split the work with a second vendor"
        if finish
        else "Ask when they could start before you invite them"
    )
    out.append(Risk(RiskKind.QUALITY, level, detail, fix))
    return out


def security(store: VendorStore, ev: Evaluation, v: Facts) -> list[Risk]:
    """Sensitive data without the certifications to match."""
    if ev.scope.data_sensitivity == Sensitivity.LOW:
        return []
    key = ("security-risk", v.certs, v.verified)
    return list(ev.memo(key, lambda: _security_risks(store, ev, v.certs, v.verified)))


def _security_risks(
    store: VendorStore, ev: Evaluation, certs: int, verified: bool
) -> tuple[Risk, ...]:
    sensitivity = ev.scope.data_sensitivity
    held = {code for i, code in enumerate(store.certs.keys) if certs >> i & 1}
    fix = "Ask for ISO 27001 evidence and an NDA before sharing data; share anonymised data first"
    if not held & set(STRONG):
        level = RiskLevel.HIGH if sensitivity == Sensitivity.HIGH else RiskLevel.MEDIUM
        if sensitivity == Sensitivity.MEDIUM and held & set(PRIVACY):
            level = RiskLevel.LOW
        detail = f"{sensitivity.title()}-sensitivity data, and no ISO 27001 or SOC 2"
        return (Risk(RiskKind.SECURITY, level, detail, fix),)
    if not verified:
        return (
            Risk(
                RiskKind.SECURITY,
                RiskLevel.LOW,
                "Certifications not verified yet",
                "Ask for the certificate and check it with the issuing body",
            ),
        )
    return ()


def cultural(store: VendorStore, ev: Evaluation, v: Facts) -> list[Risk]:
    """A different working week, public holidays inside the timeline."""
    return list(ev.memo(("cultural", v.country), lambda: _country_risks(store, ev, v.country)))


def _country_risks(store: VendorStore, ev: Evaluation, country_id: int) -> tuple[Risk, ...]:
    lost = ev.culture.buyer_days - int(ev.culture.shared_days[country_id])
    country = store.countries.keys[country_id]
    return _cultural(ev.buyer_country, country, ev.start, ev.end, lost)


@lru_cache(maxsize=4096)
def _cultural(
    buyer_country: str, country: str, start: date, end: date, lost: int
) -> tuple[Risk, ...]:
    """Cultural risks of a vendor in ``country``, cached per country and project window."""
    out: list[Risk] = []
    mine, theirs = weekend_of(buyer_country, start.year), weekend_of(country, start.year)
    if mine != theirs:
        days = "-".join(WEEKDAYS[d] for d in sorted(theirs))
        out.append(
            Risk(
                RiskKind.CULTURAL,
                RiskLevel.MEDIUM,
                f"Weekend in {country} is {days}",
                "Agree which days hand-offs and reviews happen, and who covers the gap",
            )
        )
    if lost <= 0:  # no working day of the buyer's lost: the holidays are not listed
        return tuple(out)
    off = [(d, n) for d, n in holidays_between(country, start, end) if d.weekday() not in theirs]
    if off:
        level = RiskLevel.LOW if lost <= 3 else RiskLevel.MEDIUM if lost <= 10 else RiskLevel.HIGH
        names = ", ".join(f"{n} ({_day_month(d)})" for d, n in off[:3])
        out.append(
            Risk(
                RiskKind.CULTURAL,
                level,
                f"{lost} of your working days are days off in {country}: {names}",
                f"Plan milestones around {names.split(' (')[0]} and the rest; agree cover",
            )
        )
    return tuple(out)


@lru_cache(maxsize=4096)
def _day_month(day: date) -> str:
    """'25 Dec': holidays recur, and strftime costs more than the look-up."""
    return f"{day:%d %b}"


def _scope_hours(ev: Evaluation) -> tuple[float, float]:
    """The scope's working hours as local (start, end) hours."""
    return shift_hours(ev.scope.work_start, ev.scope.work_end)


def assess(store: VendorStore, groups: GroupHours, ev: Evaluation, v: Facts) -> tuple[Risk, ...]:
    """All risks of one match."""
    return tuple(
        communication(store, groups, ev, v)
        + quality(store, ev, v)
        + delivery(ev, v)
        + security(store, ev, v)
        + cultural(store, ev, v)
    )
