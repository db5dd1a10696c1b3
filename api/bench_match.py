"""Benchmark of the matcher on a synthetic population: ``python -m api.bench_match``.

Imports only ``matching`` and the standard library, numpy and psutil. The last
line printed is machine-readable (``RESULT vendors=... p50_ms=... ...``).
"""

from __future__ import annotations

import argparse
import gc
import heapq
import math
import resource
import time
from collections.abc import Iterator
from datetime import date, timedelta
from datetime import time as clock

import numpy as np
import psutil

from matching import (
    FxRates,
    MatchIndex,
    MatchWeights,
    Pricing,
    Proficiency,
    Scope,
    Sensitivity,
    SkillRequirement,
    Taxonomy,
    VendorKind,
    VendorRecord,
)

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


def _popular(rng: np.random.Generator, size: int) -> np.ndarray:
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
            )


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
            )
        )
    return out


def floor_ms(index: MatchIndex, scope_list: list[Scope], k: int) -> float:
    """Median of a bare sparse product plus argpartition over the skill matrix."""
    matrix = index.skill_matrix()
    tax = index.taxonomy
    times = []
    for s in scope_list:
        q = np.zeros(matrix.shape[1], dtype=np.float32)
        for req in s.skills:
            q[tax.index(req.tag)] = req.weight
        t0 = time.perf_counter()
        scores = matrix @ q
        np.argpartition(scores, len(scores) - k)[-k:]
        times.append(time.perf_counter() - t0)
    return float(np.median(times) * 1000)


def loop_scores(index: MatchIndex, s: Scope, ids: list[int], k: int) -> list[tuple[float, int]]:
    """The same weighted score, computed vendor by vendor in plain Python (per-scope
    look-ups such as overlap per time zone are shared, as any sane loop would)."""
    from matching.calendar import country_of_timezone, working_days
    from matching.cost import budget_of
    from matching.scoring import project_window
    from matching.timezone import overlap_matrix, sample_days, shift_hours
    from matching.years import date_range

    st = index._store  # the benchmark reads the columns directly
    tax, w = st.taxonomy, MatchWeights().normalised()
    n_alive, df = st.n_alive, st.skill_df
    reqs = [
        (
            tax.index(r.tag),
            r.weight * (math.log((1 + n_alive) / (1 + df[tax.index(r.tag)])) + 1),
            r.must_have,
            [tax.index(x) for x in tax.related(r.tag)],
        )
        for r in s.skills
    ]
    total_w = sum(r[1] for r in reqs)
    query = st.text_model.vector(f"{s.title} {s.description}")
    qdict = dict(zip(query.indices.tolist(), query.data.tolist(), strict=True))
    start, end = project_window(s)
    keys = st.tzgroups.keys
    hours = [shift_hours(clock(a // 60, a % 60), clock(b // 60, b % 60)) for _, a, b in keys]
    ov = (
        overlap_matrix(
            s.timezone,
            shift_hours(s.work_start, s.work_end),
            [z for z, _, _ in keys],
            np.array([h[0] for h in hours]),
            np.array([h[1] for h in hours]),
            sample_days(start, end),
        )
        .mean(axis=1)
        .tolist()
    )
    window = date_range(start, end)
    buyer = working_days([s.country or country_of_timezone(s.timezone)], window)[0]
    cal = (working_days(st.countries.keys, window) & buyer).sum(axis=1) / max(buyer.sum(), 1)
    budget = budget_of(s, st.fx.rate(s.currency))
    credit = [0.0, 0.25, 0.6, 0.9, 1.0]
    lang_ids = [st.languages.get(c) for c in s.languages]
    wanted = {r.casefold() for r in s.preferred_regions}
    cert_credit = {  # by (strong certification held, privacy certification held)
        Sensitivity.HIGH: {(False, False): 0.0, (False, True): 0.3},
        Sensitivity.MEDIUM: {(False, False): 0.5},
    }.get(s.data_sensitivity, {})
    c = st.cols
    heap: list[tuple[float, int]] = []
    for vid in ids:
        i = st.slots[vid]
        cols, vals = st.skills.row(i)
        row = dict(zip(cols.tolist(), vals.tolist(), strict=True))
        tag, penalty, ok = 0.0, 1.0, True
        for col, weight, must, rel in reqs:
            exact = row.get(col, 0.0)
            near = max((row.get(r, 0.0) for r in rel), default=0.0)
            tag += weight * max(exact, 0.5 * near)
            if must and exact == 0:
                ok, penalty = ok and near > 0, penalty * 0.6
        tcols, tvals = st.text.row(i)
        text = min(
            1.0,
            sum(qdict.get(a, 0.0) * b for a, b in zip(tcols.tolist(), tvals.tolist(), strict=True)),
        )
        skill = ((0.75 * tag / total_w if reqs else 0.0) + (0.25 if reqs else 1.0) * text) * penalty
        lo, hi = float(c["rate_min"][i]), float(c["rate_max"][i])
        if budget.pricing == Pricing.FIXED:
            lo, hi = lo * (budget.hours or 0), hi * (budget.hours or 0)
        b = budget.high
        cost = (
            1.0
            if hi <= b
            else (
                0.6 + 0.4 * (b - lo) / max(hi - lo, 1e-9)
                if lo <= b
                else 0.6 * min(1.0, max(0.0, 1 - (lo - b) / (0.5 * b)))
            )
        )
        total = budget.project_total
        if total is not None and c["min_budget"][i] > total:
            cost *= 0.3
        tz = (
            1.0 if s.min_overlap_hours <= 0 else min(1.0, ov[c["tzgroup"][i]] / s.min_overlap_hours)
        )
        levels = [int(st.cols.langs[i, lid]) if lid is not None else 0 for lid in lang_ids]
        ok = ok and all(lv >= 2 for lv in levels)
        lang = sum(credit[lv] for lv in levels) / len(levels) if levels else 1.0
        places = (
            st.regions.keys[c["region"][i]],
            st.continents.keys[c["continent"][i]],
            st.countries.keys[c["country"][i]],
        )
        region = 1.0 if not wanted or any(p.casefold() in wanted for p in places) else 0.0
        culture = 0.5 * lang + 0.25 * region + 0.25 * cal[c["country"][i]]
        bits = int(c["certs"][i])
        held = {code for b, code in enumerate(st.certs.keys) if bits >> b & 1}
        ok = ok and all(code.upper() in held for code in s.required_certifications)
        strong = "ISO_27001" in held or "SOC_2" in held
        privacy = bool(held & {"GDPR_DPA", "HIPAA", "PCI_DSS"})
        security = 0.5 * bool(c["verified"][i]) + 0.5 * cert_credit.get((strong, privacy), 1.0)
        if not ok or not c["alive"][i]:
            continue
        score = (
            w.skill * skill
            + w.cost * cost
            + w.timezone * tz
            + w.culture * culture
            + w.quality * float(c["quality"][i])
            + w.security * security
        )
        heapq.heappush(heap, (score, vid)) if len(heap) < k else heapq.heappushpop(
            heap, (score, vid)
        )
    return heap


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; prints human lines, then the RESULT line."""
    parser = argparse.ArgumentParser(prog="vendormatch bench match")
    parser.add_argument("--vendors", type=int, default=100_000)
    parser.add_argument("--scopes", type=int, default=200)
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument("--loop-sample", type=int, default=2_000)
    args = parser.parse_args(argv)
    proc = psutil.Process()
    rss0 = proc.memory_info().rss / 2**20

    tax = taxonomy()
    fx = FxRates("USD", CURRENCIES)
    t0 = time.perf_counter()
    for _ in vendors(args.vendors):
        pass
    gen_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    index = MatchIndex(tax, fx).build(vendors(args.vendors))
    build_s = time.perf_counter() - t0 - gen_s
    gc.collect()
    print(
        f"built {len(index):,} vendors in {build_s:.2f} s "
        f"(+{gen_s:.2f} s generating records, excluded); "
        f"RSS {proc.memory_info().rss / 2**20:.0f} MB "
        f"(started at {rss0:.0f} MB)"
    )

    scope_list = scopes(args.scopes)
    for s in scope_list[:20]:  # warm the per-year calendar and offset caches
        index.match(s, k=args.k)
    latencies = []
    for s in scope_list:
        t0 = time.perf_counter()
        result = index.match(s, k=args.k)
        latencies.append(time.perf_counter() - t0)
    p50, p95 = (float(np.percentile(latencies, q) * 1000) for q in (50, 95))
    print(
        f"match top-{args.k} with explanations over {len(scope_list)} scopes: "
        f"p50 {p50:.2f} ms, p95 {p95:.2f} ms; last returned {len(result.matches)}"
    )
    floor = floor_ms(index, scope_list, args.k)
    print(f"floor (sparse product + argpartition): {floor:.2f} ms; p50/floor {p50 / floor:.1f}x")

    sample = list(range(min(args.loop_sample, args.vendors)))
    loop_times = []
    for s in scope_list[:5]:
        t0 = time.perf_counter()
        loop_scores(index, s, sample, args.k)
        loop_times.append((time.perf_counter() - t0) / len(sample) * args.vendors)
    loop_ms = float(np.median(loop_times) * 1000)
    speedup = loop_ms / p50
    print(
        f"per-vendor Python loop: {loop_ms:.0f} ms for {args.vendors:,} vendors (scaled from "
        f"{len(sample):,}); vectorised is {speedup:.0f}x faster"
    )

    records = list(vendors(min(args.vendors, 200), seed=7))
    update_times = []
    for rec in records:
        t0 = time.perf_counter()
        index.upsert(VendorRecord(**{**_fields(rec), "id": rec.id % args.vendors}))
        update_times.append(time.perf_counter() - t0)
    update_ms = float(np.median(update_times) * 1000)
    index.match(scope_list[0], k=args.k)
    print(f"upsert one vendor: median {update_ms:.3f} ms, max {max(update_times) * 1000:.3f} ms")

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {rss_mb:.0f} MB")
    print(
        f"RESULT vendors={args.vendors} p50_ms={p50:.2f} p95_ms={p95:.2f} floor_ms={floor:.2f} "
        f"loop_speedup={speedup:.0f} build_s={build_s:.2f} rss_mb={rss_mb:.0f} "
        f"update_ms={update_ms:.3f}"
    )
    return 0


def _fields(rec: VendorRecord) -> dict[str, object]:
    return {name: getattr(rec, name) for name in rec.__dataclass_fields__}


if __name__ == "__main__":
    raise SystemExit(main())
