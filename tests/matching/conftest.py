"""Small inline taxonomy, rates and record builders for the matching tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from typing import Any

import pytest

from matching import FxRates, MatchIndex, Proficiency, Scope, Taxonomy, VendorRecord

TAGS = [
    {"slug": "python", "name": "Python", "category": "languages", "aliases": ["py", "python3"]},
    {"slug": "django", "name": "Django", "category": "frameworks", "related": ["python"]},
    {
        "slug": "react",
        "name": "React",
        "category": "frameworks",
        "aliases": ["reactjs", "react.js"],
        "related": ["javascript", "next-js"],
    },
    {"slug": "next-js", "name": "Next.js", "category": "frameworks", "aliases": ["nextjs"]},
    {"slug": "javascript", "name": "JavaScript", "category": "languages", "aliases": ["js"]},
    {"slug": "terraform", "name": "Terraform", "category": "devops"},
    {"slug": "aws", "name": "AWS", "category": "cloud", "aliases": ["amazon-web-services"]},
    {"slug": "kubernetes", "name": "Kubernetes", "category": "devops", "aliases": ["k8s"]},
    {"slug": "c-sharp", "name": "C#", "category": "languages", "aliases": ["csharp"]},
]
RATES = {"EUR": "0.8", "GBP": "0.5", "PLN": "4.0", "INR": "80"}
# The library never reads the clock: undated scopes start on the day the caller passes.
TODAY = date(2026, 3, 2)


@pytest.fixture
def taxonomy() -> Taxonomy:
    return Taxonomy.from_records(TAGS)


@pytest.fixture
def fx() -> FxRates:
    return FxRates("USD", RATES)


BASE_VENDOR = VendorRecord(
    id=0,
    name="Vendor",
    description="Software development agency",
    country="DE",
    region="Western Europe",
    continent="Europe",
    timezone="Europe/Berlin",
    work_start=time(9),
    work_end=time(17),
    languages=(("en", Proficiency.FLUENT),),
    rate_min=50,
    rate_max=60,
    currency="USD",
    expertise=(("python", 5.0),),
    verified=True,
    review_count=20,
    review_mean=4.5,
)


def vendor(id: int, **changes: Any) -> VendorRecord:
    """A vendor like BASE_VENDOR with ``changes``."""
    return replace(BASE_VENDOR, id=id, name=f"Vendor {id}", **changes)


def scope(**changes: Any) -> Scope:
    """A plain scope with ``changes``."""
    return replace(Scope(title="Project", timezone="Europe/Berlin"), **changes)


def index_of(taxonomy: Taxonomy, fx: FxRates, *records: VendorRecord) -> MatchIndex:
    return MatchIndex(taxonomy, fx).build(records)


def factors_of(index: MatchIndex, s: Scope, vendor_id: int) -> dict[str, float]:
    """Factor scores of one vendor by name."""
    from matching import FACTORS

    row = index.factor_matrix(s, [vendor_id], today=TODAY)[0]
    return dict(zip(FACTORS, row.tolist(), strict=True))
