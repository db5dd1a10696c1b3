"""Invariants of the data in seeds/: taxonomy, FX table, demo vendors and hiring history."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from collections import Counter
from decimal import Decimal
from functools import cache
from pathlib import Path
from zoneinfo import available_timezones

import babel.core
import pycountry
import pytest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
REQUIRED_CATEGORIES = {
    "languages", "frameworks", "mobile", "cloud-devops", "data-ml", "databases", "design", "qa",
    "security", "e-commerce", "games",
}  # fmt: skip
CERTIFICATIONS = {"ISO_27001", "SOC_2", "GDPR_DPA", "HIPAA", "PCI_DSS", "ISO_9001"}
PROFICIENCIES = {"NATIVE", "FLUENT", "CONVERSATIONAL", "BASIC"}
HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def norm(key: str) -> str:
    """Lower-case and drop spaces and punctuation, keeping + and # (c, c++, c#)."""
    return re.sub(r"[^a-z0-9+#]", "", key.lower())


@cache
def load(name: str) -> dict:
    return json.loads((SEEDS / name).read_text(encoding="utf-8"))


@cache
def all_tags() -> list[dict]:
    """Every tag of every file in seeds/taxonomy/, in file order."""
    return [
        t
        for path in sorted((SEEDS / "taxonomy").glob("*.json"))
        for t in load(str(path.relative_to(SEEDS)))["tags"]
    ]


@cache
def tags() -> dict[str, dict]:
    return {t["slug"]: t for t in all_tags()}


@cache
def resolver() -> dict[str, str]:
    out: dict[str, str] = {}
    for t in tags().values():
        for key in [t["slug"], t["name"], *t["aliases"]]:
            out.setdefault(norm(key), t["slug"])
    return out


@cache
def vendors() -> list[dict]:
    return load("demo_vendors.json")["vendors"]


@cache
def history() -> dict:
    return load("demo_history.json")


# --------------------------------------------------------------------------- taxonomy
def test_taxonomy_size_and_categories():
    assert len(all_tags()) >= 320
    cats = Counter(t["category"] for t in all_tags())
    assert set(cats) >= REQUIRED_CATEGORIES
    for cat in REQUIRED_CATEGORIES:
        assert cats[cat] >= 10, cat
    for cat in cats:
        assert SLUG_RE.match(cat), cat


def test_taxonomy_records_well_formed():
    slugs = [t["slug"] for t in all_tags()]
    assert len(slugs) == len(set(slugs))
    for t in tags().values():
        assert set(t) == {"slug", "name", "category", "aliases", "related"}, t["slug"]
        assert SLUG_RE.match(t["slug"]), t["slug"]
        assert t["name"].strip()
        for alias in t["aliases"]:
            assert alias == alias.lower() and alias.strip() == alias and alias, (t["slug"], alias)


@pytest.mark.parametrize(
    ("typed", "slug"),
    [
        ("ReactJS", "react"), ("react.js", "react"), ("React", "react"), ("k8s", "kubernetes"),
        ("Postgres", "postgresql"), ("psql", "postgresql"), ("JS", "javascript"),
        ("ML", "machine-learning"), ("Golang", "go"), ("NodeJS", "node-js"), ("node", "node-js"),
        ("Node.js", "node-js"), ("sklearn", "scikit-learn"), ("TS", "typescript"),
        ("C#", "c-sharp"), ("c++", "c-plus-plus"), ("C", "c"), ("F#", "f-sharp"),
        (".NET", "dot-net"), ("dotnet", "dot-net"), ("GCP", "google-cloud"), ("AWS", "aws"),
        ("Vue.js", "vue-js"), ("RoR", "ruby-on-rails"), ("Next.js", "next-js"),
        ("tailwindcss", "tailwind-css"), ("Mongo", "mongodb"), ("GenAI", "generative-ai"),
        ("UI/UX", "ux-design"), ("pentest", "penetration-testing"), ("Unity3D", "unity"),
        ("UE5", "unreal-engine"), ("RN", "react-native"), ("MSSQL", "microsoft-sql-server"),
        ("PySpark", "apache-spark"), ("Woo", "woocommerce"), ("SFDC", "salesforce"),
    ],
)  # fmt: skip
def test_aliases_people_type_resolve(typed, slug):
    assert resolver()[norm(typed)] == slug


def test_no_alias_collisions():
    owner: dict[str, str] = {}
    clashes = []
    for t in tags().values():
        for key in {norm(k) for k in [t["slug"], t["name"], *t["aliases"]]}:
            assert key, t["slug"]
            if key in owner and owner[key] != t["slug"]:
                clashes.append((key, owner[key], t["slug"]))
            owner[key] = t["slug"]
    assert clashes == []


def test_related_exist():
    """Related tags may sit in another file; the loader makes every link symmetric."""
    for t in tags().values():
        assert t["slug"] not in t["related"]
        for r in t["related"]:
            assert r in tags(), (t["slug"], r)


# --------------------------------------------------------------------------- FX
def test_fx_rates():
    fx = load("fx_rates.json")
    assert fx["base"] == "USD" and fx["rates"]["USD"] == "1"
    dt.date.fromisoformat(fx["as_of"])
    for code, rate in fx["rates"].items():
        assert pycountry.currencies.get(alpha_3=code) is not None, code
        assert Decimal(rate) > 0, code
    common = ["EUR", "GBP", "CHF", "PLN", "INR", "UAH", "BRL", "MXN", "JPY", "AUD", "CAD", "ZAR"]
    assert set(common) <= set(fx["rates"])


def test_fx_covers_every_currency_in_use():
    rates = load("fx_rates.json")["rates"]
    used = {v["hourly_rate"]["currency"] for v in vendors()}
    used |= {v["min_project_budget"]["currency"] for v in vendors()}
    used |= {p["budget"]["currency"] for p in history()["projects"]}
    assert used <= set(rates), used - set(rates)


# --------------------------------------------------------------------------- vendors
def test_vendor_counts():
    assert len(vendors()) >= 1050
    countries = Counter(v["country"] for v in vendors())
    assert len(countries) >= 45
    assert countries.most_common(1)[0][0] == "IN"


def test_vendor_records_valid():
    zones = available_timezones()
    territory_zones = babel.core.get_global("territory_zones")
    slugs = set()
    emails = set()
    for v in vendors():
        s = v["slug"]
        assert SLUG_RE.match(s) and s not in slugs, s
        slugs.add(s)
        assert v["owner_email"] not in emails
        emails.add(v["owner_email"])
        assert v["kind"] in ("AGENCY", "FREELANCER")
        assert v["name"].strip() and v["description"].strip()
        assert len(v["headline"]) <= 140 and len(v["description"]) <= 2000
        assert pycountry.countries.get(alpha_2=v["country"]) is not None, s
        assert v["timezone"] in zones, s
        assert v["timezone"] in territory_zones[v["country"]], (s, v["timezone"])
        wh = v["working_hours"]
        assert HHMM.match(wh["start"]) and HHMM.match(wh["end"]) and wh["start"] != wh["end"]
        assert v["languages"] and v["languages"][0]["proficiency"] == "NATIVE"
        codes = [lang["code"] for lang in v["languages"]]
        assert len(codes) == len(set(codes)) and "en" in codes, s
        for lang in v["languages"]:
            assert pycountry.languages.get(alpha_2=lang["code"]) is not None, lang
            assert lang["proficiency"] in PROFICIENCIES
        rate = v["hourly_rate"]
        assert Decimal("0") < Decimal(rate["min"]) <= Decimal(rate["max"]), s
        assert pycountry.currencies.get(alpha_3=rate["currency"]) is not None
        assert v["min_project_budget"]["currency"] == rate["currency"]
        assert Decimal(v["min_project_budget"]["amount"]) >= 0
        if v["kind"] == "FREELANCER":
            assert v["team_size"] == 1 and v["founded_year"] is None
        else:
            assert 2 <= v["team_size"] <= 500
        assert 3 <= len(v["expertise"]) <= 12, s
        exp_tags = [e["tag"] for e in v["expertise"]]
        assert len(exp_tags) == len(set(exp_tags))
        for e in v["expertise"]:
            assert e["tag"] in tags(), e
            assert 1 <= e["years"] <= 15
        assert set(v["certifications"]) <= CERTIFICATIONS
        assert isinstance(v["verified"], bool)
        assert v["availability"] in ("AVAILABLE", "LIMITED", "UNAVAILABLE")
        assert v["median_response_hours"] >= 0
        assert 0 <= len(v["portfolio"]) <= 3


def test_vendor_mix_is_plausible():
    vs = vendors()
    night = sum(1 for v in vs if v["working_hours"]["end"] < v["working_hours"]["start"])
    assert 0.03 < night / len(vs) < 0.12
    verified = sum(v["verified"] for v in vs) / len(vs)
    assert 0.45 < verified < 0.8
    eu_gdpr = [v for v in vs if v["country"] in ("PL", "RO", "DE") and v["kind"] == "AGENCY"]
    assert sum("GDPR_DPA" in v["certifications"] for v in eu_gdpr) > len(eu_gdpr) / 2


def test_vendors_cover_outsourcing_beyond_software():
    """Support desks (some staffed 24/7), bookkeeping in Xero or QuickBooks, VAT,
    translation, packaging design, marketing, IT service desks and back offices."""
    held = Counter(e["tag"] for v in vendors() for e in v["expertise"])
    for slug in (
        "customer-support",
        "xero",
        "quickbooks-online",
        "vat-returns",
        "translation",
        "packaging-design",
        "seo",
        "it-service-desk",
        "data-entry",
        "payroll-processing",
    ):
        assert held[slug] >= 5, slug
    round_the_clock = [
        v for v in vendors() if v["staffed_hours"] == {"hours_per_day": 24, "days_per_week": 7}
    ]
    assert len(round_the_clock) >= 5
    assert all(any(e["tag"] == "24-7-support" for e in v["expertise"]) for v in round_the_clock)


def test_declared_capacity_and_coverage_are_plausible():
    declared = 0
    for v in vendors():
        hours, staffed = v["hours_per_week"], v["staffed_hours"]
        if hours is not None:
            declared += 1
            assert 1 <= hours <= 80 * v["team_size"], v["slug"]
        if staffed is not None:
            assert 1 <= staffed["hours_per_day"] <= 24 and 1 <= staffed["days_per_week"] <= 7
            assert v["kind"] == "AGENCY", v["slug"]
    assert 0.1 < declared / len(vendors()) < 0.5
    levels = [p for p in history()["projects"] if "coverage" in p]
    assert {p["coverage"] for p in levels} >= {"BUSINESS_HOURS", "ROUND_THE_CLOCK"}
    assert all(0.25 <= p["max_response_hours"] <= 720 for p in levels)


# --------------------------------------------------------------------------- history
def test_history_references_and_shapes():
    h = history()
    biz = {b["email"]: b for b in h["businesses"]}
    assert len(biz) >= 50 and len({b["country"] for b in biz.values()}) >= 15
    for b in biz.values():
        assert pycountry.countries.get(alpha_2=b["country"]) is not None
        assert b["timezone"] in available_timezones()
    by_slug = {v["slug"]: v for v in vendors()}
    projects = h["projects"]
    assert len(projects) >= 2000
    keys = [p["key"] for p in projects]
    assert len(keys) == len(set(keys))
    as_of = dt.date.fromisoformat(load("fx_rates.json")["as_of"])
    for p in projects:
        assert p["business_email"] in biz
        assert p["timezone"] == biz[p["business_email"]]["timezone"]
        assert 2 <= len(p["skills"]) <= 6
        assert all(s["tag"] in tags() for s in p["skills"])
        assert any(s["must_have"] for s in p["skills"])
        assert p["budget"]["pricing"] in ("FIXED", "HOURLY")
        assert Decimal(p["budget"]["min"]) <= Decimal(p["budget"]["max"])
        assert 0 <= p["min_overlap_hours"] <= 4
        assert set(p["required_certifications"]) <= CERTIFICATIONS
        assert p["data_sensitivity"] in ("LOW", "MEDIUM", "HIGH")
        start, end = (dt.date.fromisoformat(p[k]) for k in ("start_date", "deadline"))
        assert dt.date(2024, 1, 1) <= start < end <= dt.date(2026, 12, 31)
        assert 3 <= len(p["shortlisted"]) <= 6
        assert len(set(p["shortlisted"])) == len(p["shortlisted"])
        assert all(s in by_slug for s in p["shortlisted"])
        assert p["hired"] in p["shortlisted"]
        if p["status"] == "CLOSED":
            r = p["review"]
            assert end < as_of
            for k in ("quality", "communication", "timeliness", "value"):
                assert r[k] in (1, 2, 3, 4, 5)
            assert isinstance(r["on_time"], bool) and r["comment"]
            assert end <= dt.date.fromisoformat(r["created_at"]) < as_of
        else:
            assert p["status"] == "AWARDED" and p["review"] is None
    statuses = Counter(p["status"] for p in projects)
    assert statuses["CLOSED"] > 3 * statuses["AWARDED"] > 0


def test_history_carries_learnable_signal():
    by_slug = {v["slug"]: v for v in vendors()}
    hired_fit = other_fit = 0.0
    n_hired = n_other = 0
    for p in history()["projects"]:
        need = {s["tag"] for s in p["skills"]}
        for slug in p["shortlisted"]:
            have = {e["tag"] for e in by_slug[slug]["expertise"]}
            fit = len(need & have) / len(need)
            if slug == p["hired"]:
                hired_fit, n_hired = hired_fit + fit, n_hired + 1
            else:
                other_fit, n_other = other_fit + fit, n_other + 1
    assert hired_fit / n_hired > other_fit / n_other + 0.03


def test_review_count_spread():
    counts = Counter(p["hired"] for p in history()["projects"] if p["review"])
    per_vendor = [counts.get(v["slug"], 0) for v in vendors()]
    assert sum(1 for c in per_vendor if c <= 2) > len(per_vendor) / 2
    assert max(per_vendor) >= 50
    perfect = Counter()
    for p in history()["projects"]:
        r = p["review"]
        if r and min(r["quality"], r["communication"], r["timeliness"], r["value"]) == 5:
            perfect[p["hired"]] += 1
    assert sum(1 for s, n in perfect.items() if n == counts[s] <= 3) >= 3


# --------------------------------------------------------------------------- generator
def test_generator_is_deterministic_and_matches_committed_files():
    spec = importlib.util.spec_from_file_location("seeds_generate_demo", SEEDS / "generate_demo.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    first = mod.generate()
    second = mod.generate()
    assert first == second
    vendors_doc, history_doc = first
    assert mod.dumps(vendors_doc, "vendors") == (SEEDS / "demo_vendors.json").read_text("utf-8")
    assert mod.dumps(history_doc, ["businesses", "projects"]) == (
        SEEDS / "demo_history.json"
    ).read_text("utf-8")
