"""The four outsourcing risks of one match, each with a level and a concrete mitigation."""

from __future__ import annotations

import math
from datetime import date
from functools import lru_cache

from ..core.records import Sensitivity
from ..core.results import Risk, RiskKind, RiskLevel
from ..factors.calendar import holidays_between, weekend_of
from ..factors.evaluation import Evaluation
from ..factors.security import PRIVACY, STRONG
from ..factors.timezone import overlap_window_utc, shift_hours
from ..store.groups import GroupHours
from ..store.vendors import VendorStore
from .facts import Facts
from .format import clock, short

FLUENT = 3
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def communication(store: VendorStore, groups: GroupHours, ev: Evaluation, v: Facts) -> list[Risk]:
    """Little overlap, no shared fluent language, slow responses."""
    s, out = ev.scope, list[Risk]()
    mean, low = float(ev.overlap_mean[v.tzgroup]), float(ev.overlap_min[v.tzgroup])
    if s.min_overlap_hours > 0 and low < s.min_overlap_hours:
        g = v.tzgroup
        hours = (float(groups.starts[g]), float(groups.ends[g]))
        window = overlap_window_utc(
            s.timezone, _scope_hours(ev), groups.zones[g], hours, ev.days[0]
        )
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
        out.append(Risk(RiskKind.COMMUNICATION, level, detail, fix))
    if s.languages:
        levels = ev.culture.levels[:, v.geo]
        if levels.max() < FLUENT:
            out.append(
                Risk(
                    RiskKind.COMMUNICATION,
                    RiskLevel.MEDIUM,
                    "No shared language at a fluent level",
                    "Keep requirements and acceptance criteria in writing; have them read back",
                )
            )
    response = v.response_hours
    if not math.isnan(response) and response > 24:
        level = RiskLevel.HIGH if response > 48 else RiskLevel.MEDIUM
        out.append(
            Risk(
                RiskKind.COMMUNICATION,
                level,
                f"Median response time is {short(response)} h",
                "Agree a response time (for example one working day) in the contract",
            )
        )
    return out


def quality(store: VendorStore, ev: Evaluation, v: Facts) -> list[Risk]:
    """Few or poor reviews, late deliveries, an unverified profile."""
    out: list[Risk] = []
    count, mean = int(v.review_count), v.review_mean
    pilot = "Start with a small paid pilot milestone before committing the full budget"
    if count < 5:
        detail = "No reviews yet" if count == 0 else f"Only {count} review{'s' * (count > 1)}"
        out.append(Risk(RiskKind.QUALITY, RiskLevel.MEDIUM, detail, pilot))
    elif mean < 3.5:
        out.append(Risk(RiskKind.QUALITY, RiskLevel.HIGH, f"Average rating {mean:.1f}/5", pilot))
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


def security(store: VendorStore, ev: Evaluation, v: Facts) -> list[Risk]:
    """Sensitive data without the certifications to match."""
    sensitivity = ev.scope.data_sensitivity
    if sensitivity == Sensitivity.LOW:
        return []
    held = {code for i, code in enumerate(store.certs.keys) if v.certs >> i & 1}
    fix = "Ask for ISO 27001 evidence and an NDA before sharing data; share anonymised data first"
    if not held & set(STRONG):
        level = RiskLevel.HIGH if sensitivity == Sensitivity.HIGH else RiskLevel.MEDIUM
        if sensitivity == Sensitivity.MEDIUM and held & set(PRIVACY):
            level = RiskLevel.LOW
        detail = f"{sensitivity.title()}-sensitivity data, and no ISO 27001 or SOC 2"
        return [Risk(RiskKind.SECURITY, level, detail, fix)]
    if not v.verified:
        return [
            Risk(
                RiskKind.SECURITY,
                RiskLevel.LOW,
                "Certifications not verified yet",
                "Ask for the certificate and check it with the issuing body",
            )
        ]
    return []


def cultural(store: VendorStore, ev: Evaluation, v: Facts) -> list[Risk]:
    """A different working week, public holidays inside the timeline."""
    lost = ev.culture.buyer_days - int(ev.culture.shared_days[v.country])
    country = store.countries.keys[v.country]
    return list(_cultural(ev.buyer_country, country, ev.start, ev.end, lost))


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
    off = [(d, n) for d, n in holidays_between(country, start, end) if d.weekday() not in theirs]
    if lost > 0 and off:
        level = RiskLevel.LOW if lost <= 3 else RiskLevel.MEDIUM if lost <= 10 else RiskLevel.HIGH
        names = ", ".join(f"{n} ({d:%d %b})" for d, n in off[:3])
        out.append(
            Risk(
                RiskKind.CULTURAL,
                level,
                f"{lost} of your working days are days off in {country}: {names}",
                f"Plan milestones around {names.split(' (')[0]} and the rest; agree cover",
            )
        )
    return tuple(out)


def _scope_hours(ev: Evaluation) -> tuple[float, float]:
    """The scope's working hours as local (start, end) hours."""
    return shift_hours(ev.scope.work_start, ev.scope.work_end)


def assess(store: VendorStore, groups: GroupHours, ev: Evaluation, v: Facts) -> tuple[Risk, ...]:
    """All risks of one match."""
    return tuple(
        communication(store, groups, ev, v)
        + quality(store, ev, v)
        + security(store, ev, v)
        + cultural(store, ev, v)
    )
