"""A synthetic vendor population and varied scopes, for benchmarks and tests.

Deterministic for a seed, generated chunk by chunk so a million vendors need not be held
at once. No I/O: the numbers only have to look like a marketplace, not be one.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from datetime import time as clock

import numpy as np
from numpy.typing import NDArray

from .core.records import (
    Availability,
    Coverage,
    Pricing,
    Proficiency,
    Scope,
    Sensitivity,
    SkillRequirement,
    VendorKind,
    VendorRecord,
)
from .core.taxonomy import Taxonomy

N_TAGS, CATEGORY = 400, 20
PLACES = [  # timezone, country, region, continent, local language
    ("Europe/Berlin", "DE", "Western Europe", "Europe", "de"),
    ("Europe/Warsaw", "PL", "Eastern Europe", "Europe", "pl"),
    ("Europe/Kyiv", "UA", "Eastern Europe", "Europe", "uk"),
    ("Europe/Bucharest", "RO", "Eastern Europe", "Europe", "ro"),
    ("Europe/Lisbon", "PT", "Southern Europe", "Europe", "pt"),
    ("Europe/Madrid", "ES", "Southern Europe", "Europe", "es"),
    ("Europe/London", "GB", "Northern Europe", "Europe", "en"),
    ("America/New_York", "US", "Northern America", "Americas", "en"),
    ("America/Chicago", "US", "Northern America", "Americas", "en"),
    ("America/Los_Angeles", "US", "Northern America", "Americas", "en"),
    ("America/Sao_Paulo", "BR", "South America", "Americas", "pt"),
    ("America/Argentina/Buenos_Aires", "AR", "South America", "Americas", "es"),
    ("America/Mexico_City", "MX", "Central America", "Americas", "es"),
    ("America/Bogota", "CO", "South America", "Americas", "es"),
    ("Asia/Kolkata", "IN", "Southern Asia", "Asia", "hi"),
    ("Asia/Manila", "PH", "South-eastern Asia", "Asia", "tl"),
    ("Asia/Ho_Chi_Minh", "VN", "South-eastern Asia", "Asia", "vi"),
    ("Asia/Jerusalem", "IL", "Western Asia", "Asia", "he"),
    ("Asia/Dubai", "AE", "Western Asia", "Asia", "ar"),
    ("Africa/Lagos", "NG", "Western Africa", "Africa", "en"),
    ("Africa/Cairo", "EG", "Northern Africa", "Africa", "ar"),
    ("Australia/Sydney", "AU", "Australia and New Zealand", "Oceania", "en"),
]
CURRENCIES = {"USD": 1.0, "EUR": 0.92, "GBP": 0.79, "INR": 83.0, "PLN": 4.0, "BRL": 5.0}
CERTS = ["ISO_27001", "SOC_2", "GDPR_DPA", "HIPAA", "PCI_DSS", "ISO_9001"]
SHIFTS = [(9, 17), (8, 16), (10, 18), (9, 18), (12, 20), (21, 6), (14, 22)]
AVAILABILITY_SHARES = {
    Availability.AVAILABLE: 0.8,
    Availability.LIMITED: 0.15,
    Availability.UNAVAILABLE: 0.05,
}
# Declared staffed cover (hours a day, days a week) and its share; the rest staff their shift.
STAFFED = [((24.0, 7), 0.05), ((24.0, 5), 0.03), ((12.0, 6), 0.08), ((10.0, 5), 0.07)]
STAFFED_OPTIONS: list[tuple[float | None, int]] = [*(cover for cover, _ in STAFFED), (None, 5)]
WORDS = [
    f"{a}{b}"
    for a in (
        "data",
        "web",
        "app",
        "cloud",
        "shop",
        "pay",
        "ml",
        "api",
        "ui",
        "ops",
        "test",
        "sec",
        "game",
        "iot",
        "crm",
        "erp",
    )
    for b in (
        "platform",
        "system",
        "service",
        "portal",
        "engine",
        "tool",
        "suite",
        "pipeline",
        "backend",
        "frontend",
        "mobile",
        "dashboard",
    )
]


def taxonomy() -> Taxonomy:
    """400 synthetic skills in categories of 20, each related to its two neighbours."""
    return Taxonomy.from_records(
        {
            "slug": f"skill-{i}",
            "name": f"Skill{i}",
            "category": f"cat-{i // CATEGORY}",
            "related": [f"skill-{j}" for j in (i - 1, i + 1) if j // CATEGORY == i // CATEGORY],
        }
        for i in range(N_TAGS)
    )


def _popular(rng: np.random.Generator, size: int) -> NDArray[np.int64]:
    """Tag ids with a long tail: a few skills are common, most are rare."""
    return np.minimum(rng.zipf(1.3, size) - 1, N_TAGS - 1) * 7919 % N_TAGS


def vendors(n: int, seed: int = 0, chunk: int = 10_000) -> Iterator[VendorRecord]:
    """``n`` synthetic vendors, generated chunk by chunk so they need not all be held."""
    for start in range(0, n, chunk):
        rng = np.random.default_rng([seed, start])
        m = min(chunk, n - start)
        places = rng.integers(0, len(PLACES), m)
        shifts = rng.integers(0, len(SHIFTS), m)
        cur = rng.choice(list(CURRENCIES), m)
        rate = rng.lognormal(3.7, 0.5, m)
        n_skills = rng.integers(3, 11, m)
        tags = _popular(rng, int(n_skills.sum()))
        years = rng.uniform(0, 10, len(tags)).round(1)
        offs = np.concatenate([[0], np.cumsum(n_skills)])
        reviews = rng.poisson(rng.choice([0, 3, 30], m))
        words = rng.integers(0, len(WORDS), (m, 12))
        certs = rng.random((m, len(CERTS))) < 0.12
        # Availability, declared hours and staffed cover from their own stream, so the
        # fields above stay what they were before these existed.
        extra = np.random.default_rng([seed, start, 1])
        availability = extra.choice(
            list(AVAILABILITY_SHARES), m, p=list(AVAILABILITY_SHARES.values())
        )
        declared = extra.random(m) < 0.3
        per_head = extra.uniform(15.0, 45.0, m).round()
        shares = [share for _, share in STAFFED]
        cover_pick = extra.choice(len(STAFFED_OPTIONS), m, p=[*shares, 1 - sum(shares)])
        for i in range(m):
            tz, country, region, continent, lang = PLACES[places[i]]
            sk = tags[offs[i] : offs[i + 1]]
            fx = CURRENCIES[cur[i]]
            text = " ".join(WORDS[w] for w in words[i])
            yield VendorRecord(
                id=start + i,
                name=f"Vendor {start + i}",
                description=f"{text} skill{sk[0]} skill{sk[-1]}",
                kind=VendorKind.AGENCY if i % 3 else VendorKind.FREELANCER,
                country=country,
                region=region,
                continent=continent,
                timezone=tz,
                work_start=clock(SHIFTS[shifts[i]][0]),
                work_end=clock(SHIFTS[shifts[i]][1]),
                languages=(
                    ("en", Proficiency.FLUENT if i % 4 else Proficiency.CONVERSATIONAL),
                    (lang, Proficiency.NATIVE),
                ),
                rate_min=round(rate[i] * fx, 2),
                rate_max=round(rate[i] * fx * 1.3, 2),
                currency=str(cur[i]),
                min_project_budget=float(reviews[i] % 5) * 2000 * fx,
                team_size=1 + i % 40,
                expertise=tuple(
                    (f"skill-{t}", float(y))
                    for t, y in zip(sk, years[offs[i] : offs[i + 1]], strict=True)
                ),
                certifications=frozenset(
                    c for c, held in zip(CERTS, certs[i], strict=True) if held
                ),
                verified=bool(i % 5),
                review_count=int(reviews[i]),
                review_mean=float(np.clip(rng.normal(4.3, 0.5), 1, 5)) if reviews[i] else 0.0,
                on_time_rate=float(rng.uniform(0.6, 1.0)) if reviews[i] else None,
                last_review_days=float(rng.integers(1, 700)) if reviews[i] else None,
                median_response_hours=float(rng.gamma(2.0, 6.0)),
                availability=Availability(availability[i]),
                hours_per_week=float(per_head[i] * (1 + i % 40)) if declared[i] else None,
                coverage_hours=STAFFED_OPTIONS[cover_pick[i]][0],
                coverage_days=STAFFED_OPTIONS[cover_pick[i]][1],
            )


# Cover asked for by the synthetic scopes, in turn: mostly business hours.
COVERAGES = [Coverage.BUSINESS_HOURS] * 4 + [
    Coverage.EXTENDED,
    Coverage.BUSINESS_HOURS,
    Coverage.FOLLOW_THE_SUN,
    Coverage.BUSINESS_HOURS,
    Coverage.ROUND_THE_CLOCK,
]


def scopes(n: int, seed: int = 1) -> list[Scope]:
    """``n`` varied scopes."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        tags = list(dict.fromkeys(_popular(rng, int(rng.integers(2, 7))).tolist()))
        tz, country, region, _, _ = PLACES[int(rng.integers(0, len(PLACES)))]
        start = date(2026, 1, 5) + timedelta(days=int(rng.integers(0, 500)))
        hourly = i % 2 == 0
        out.append(
            Scope(
                title=f"{WORDS[int(rng.integers(0, len(WORDS)))]} for skill{tags[0]}",
                description=" ".join(WORDS[w] for w in rng.integers(0, len(WORDS), 20)),
                skills=tuple(
                    SkillRequirement(
                        f"skill-{t}",
                        must_have=(j == 0 and i % 3 == 0),
                        weight=float(rng.integers(1, 4)),
                    )
                    for j, t in enumerate(tags)
                ),
                budget_min=20.0 if hourly else 5000.0,
                budget_max=float(rng.integers(30, 120))
                if hourly
                else float(rng.integers(8, 80)) * 1000,
                currency=["USD", "EUR", "GBP"][i % 3],
                pricing=Pricing.HOURLY if hourly else Pricing.FIXED,
                estimated_hours=float(rng.integers(80, 800)),
                timezone=tz,
                work_start=clock(9),
                work_end=clock(17),
                min_overlap_hours=float(rng.integers(0, 6)),
                languages=("en",) if i % 4 else (),
                preferred_regions=(region,) if i % 5 == 0 else (),
                required_certifications=("ISO_27001",) if i % 10 == 0 else (),
                data_sensitivity=[Sensitivity.LOW, Sensitivity.MEDIUM, Sensitivity.HIGH][i % 3],
                start_date=start,
                deadline=start + timedelta(days=int(rng.integers(14, 200))),
                country=country,
                coverage=COVERAGES[i % len(COVERAGES)],
                max_response_hours=float(4 + i % 5 * 4) if i % 4 == 1 else None,
                include_unavailable=i % 13 == 0,
            )
        )
    return out
