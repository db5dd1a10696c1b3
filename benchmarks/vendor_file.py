"""A synthetic vendor file for load tests: ``python -m benchmarks.vendor_file OUT --vendors N``.

The file has the format of ``seeds/demo_vendors.json`` and loads with ``vendormatch seed
--file OUT.json``. It is built from the shipped data, not from hand-typed lists: countries
with their time zones, languages and currencies, and first and last names, are drawn from the
demo vendors; expertise from the real taxonomy (``seeds/taxonomy``); rates are set in US
dollars and converted through ``seeds/fx_rates.json``. Names repeat as they do on a real
marketplace (many people share a name), so the loader has to find suffixed slugs. Records
carry no ``slug``: the loader derives it. Owner e-mails are unique within a file and between
files written with different seeds. Deterministic: one (n, seed) gives the same file.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from api.core.seeds import seeds_dir

CERTIFICATIONS = ("ISO_27001", "SOC_2", "GDPR_DPA", "HIPAA", "PCI_DSS", "ISO_9001")
AVAILABILITY = (("AVAILABLE", 6), ("LIMITED", 3), ("UNAVAILABLE", 1))
AGENCY_SUFFIXES = ("Soft", "Labs", "Digital", "Studio", "Systems", "Tech", "Works", "Partners")
CLIENT_FIELDS = ("fintech", "healthcare", "e-commerce", "logistics", "education", "media")
INITIALS = "ABCDEFGHIJKLMNOPRSTVW"
CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Locale:
    """Where a vendor works, as one demo vendor does: a real country, zone and languages."""

    country: str
    timezone: str
    languages: tuple[dict[str, str], ...]
    currency: str
    working_hours: dict[str, str]


@dataclass(frozen=True, slots=True)
class Tag:
    slug: str
    name: str
    category: str


@dataclass(frozen=True, slots=True)
class Sources:
    """Everything a record is drawn from, read once from the seeds directory."""

    locales: tuple[Locale, ...]
    first_names: dict[str, tuple[str, ...]]  # by country
    last_names: dict[str, tuple[str, ...]]
    agency_words: tuple[str, ...]
    tags_by_category: dict[str, tuple[Tag, ...]]
    usd_rates: dict[str, Decimal]


def read_sources(seeds: Path) -> Sources:
    demo = json.loads((seeds / "demo_vendors.json").read_text("utf-8"))["vendors"]
    locales = tuple(
        Locale(
            country=v["country"],
            timezone=v["timezone"],
            languages=tuple(v["languages"]),
            currency=v["hourly_rate"]["currency"],
            working_hours=v["working_hours"],
        )
        for v in demo
    )
    first: dict[str, set[str]] = {}
    last: dict[str, set[str]] = {}
    words: set[str] = set()
    for v in demo:
        parts = v["name"].split()
        if v["kind"] == "FREELANCER" and len(parts) == 2:
            first.setdefault(v["country"], set()).add(parts[0])
            last.setdefault(v["country"], set()).add(parts[1])
        elif v["kind"] == "AGENCY":
            words.update(p for p in parts if p.isalpha() and p not in AGENCY_SUFFIXES)
    tags: dict[str, list[Tag]] = {}
    for file in sorted((seeds / "taxonomy").glob("*.json")):
        for t in json.loads(file.read_text("utf-8"))["tags"]:
            tags.setdefault(t["category"], []).append(Tag(t["slug"], t["name"], t["category"]))
    fx = json.loads((seeds / "fx_rates.json").read_text("utf-8"))["rates"]
    return Sources(
        locales=locales,
        first_names={c: tuple(sorted(names)) for c, names in first.items()},
        last_names={c: tuple(sorted(names)) for c, names in last.items()},
        agency_words=tuple(sorted(words)),
        # Categories of one or two tags make thin profiles; the rest are real lines of work.
        tags_by_category={c: tuple(ts) for c, ts in sorted(tags.items()) if len(ts) >= 4},
        usd_rates={code: Decimal(rate) for code, rate in fx.items()} | {"USD": Decimal(1)},
    )


def money(usd: float, currency: str, sources: Sources, step: int = 1) -> str:
    """A USD amount in `currency`, rounded to `step` units, as the file writes amounts."""
    amount = Decimal(str(usd)) * sources.usd_rates[currency]
    whole = max(step, int((amount / step).to_integral_value(ROUND_HALF_UP)) * step)
    return str(Decimal(whole).quantize(CENT))


def person_name(rng: random.Random, sources: Sources, country: str) -> str:
    """Mostly a name of the vendor's country, sometimes one from anywhere; some people give
    a middle initial. About one freelancer in five shares a full name with another at 100k."""
    pools = []
    for by_country in (sources.first_names, sources.last_names):
        local = by_country.get(country)
        pools.append(
            local if local and rng.random() < 0.6 else rng.choice(list(by_country.values()))
        )
    first, last = rng.choice(pools[0]), rng.choice(pools[1])
    if rng.random() < 0.3:
        return f"{first} {rng.choice(INITIALS)}. {last}"
    return f"{first} {last}"


def agency_name(rng: random.Random, sources: Sources) -> str:
    """Two words and a suffix ("Granite Orbit Labs"); short ones ("Granite Labs") collide."""
    words = rng.sample(sources.agency_words, 1 if rng.random() < 0.15 else 2)
    return " ".join([*words, rng.choice(AGENCY_SUFFIXES)])


def vendor_record(rng: random.Random, sources: Sources, index: int, seed: int) -> dict[str, Any]:
    locale = rng.choice(sources.locales)
    agency = rng.random() < 0.5
    name = agency_name(rng, sources) if agency else person_name(rng, sources, locale.country)
    category = rng.choice(list(sources.tags_by_category))
    pool = sources.tags_by_category[category]
    tags = rng.sample(pool, min(len(pool), rng.randint(3, 9)))
    if rng.random() < 0.4:  # a second line of work
        other = sources.tags_by_category[rng.choice(list(sources.tags_by_category))]
        tags += [t for t in rng.sample(other, min(len(other), 2)) if t not in tags]
    team = rng.choice((4, 6, 8, 10, 12, 15, 25, 40, 80)) if agency else 1
    rate_min = rng.uniform(15, 60) * (1.3 if agency else 1.0)
    rate_max = rate_min * rng.uniform(1.15, 1.8)
    # Most vendors quote in their own currency; a few in US dollars whatever their country.
    currency = locale.currency if rng.random() < 0.85 else "USD"
    top = ", ".join(t.name for t in tags[:3])
    fields = " and ".join(rng.sample(CLIENT_FIELDS, 2))
    founded = rng.randint(2000, 2025) if agency else None
    description = (
        f"{name} is a team of {team} in {locale.country} building with {top}. "
        f"Since {founded} we have worked with clients in {fields}."
        if agency
        else f"{tags[0].name} specialist with clients in {fields}. I work with {top} "
        "and keep clients updated in writing."
    )
    return {
        "availability": rng.choices(
            [a for a, _ in AVAILABILITY], weights=[w for _, w in AVAILABILITY]
        )[0],
        "certifications": sorted(rng.sample(CERTIFICATIONS, rng.choice((0, 0, 0, 1, 2, 3)))),
        "country": locale.country,
        "description": description,
        "expertise": [{"tag": t.slug, "years": rng.randint(1, 15)} for t in tags],
        "founded_year": founded,
        "headline": f"{top} {'agency' if agency else 'specialist'}"[:160],
        "hourly_rate": {
            "currency": currency,
            "max": money(rate_max, currency, sources),
            "min": money(rate_min, currency, sources),
        },
        "hours_per_week": float(rng.choice((20, 30, 40))) * team if rng.random() < 0.6 else None,
        "kind": "AGENCY" if agency else "FREELANCER",
        "languages": list(locale.languages),
        "median_response_hours": round(rng.uniform(0.5, 30), 1),
        "min_project_budget": {
            "amount": money(rng.choice((500, 2000, 5000, 10000, 25000)), currency, sources, 100),
            "currency": currency,
        },
        "name": name,
        "owner_email": f"vendor-{seed}-{index:07d}@bench.vendormatch.dev",
        "portfolio": [],
        "staffed_hours": None,
        "team_size": team,
        "timezone": locale.timezone,
        "verified": rng.random() < 0.3,
        "working_hours": locale.working_hours,
    }


def write_vendor_file(path: Path, n: int, seed: int = 0) -> None:
    """Write `n` synthetic vendors to `path` in the demo vendors' format."""
    sources = read_sources(seeds_dir())
    rng = random.Random(seed)
    vendors = [vendor_record(rng, sources, i, seed) for i in range(n)]
    path.write_text(json.dumps({"vendors": vendors}, ensure_ascii=False), "utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="the JSON file to write")
    parser.add_argument("--vendors", type=int, default=1000, help="how many vendors")
    parser.add_argument("--seed", type=int, default=0, help="random seed (changes e-mails too)")
    args = parser.parse_args(argv)
    if args.vendors < 0:
        parser.error("--vendors must be at least 0")
    write_vendor_file(args.out, args.vendors, args.seed)


if __name__ == "__main__":
    main()
