"""The index: results, weights, updates without rebuild, exact top-k, reasons and risks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import numpy as np
import pytest

from matching import (
    FxRates,
    MatchIndex,
    MatchWeights,
    Proficiency,
    RiskKind,
    RiskLevel,
    Sensitivity,
    SkillRequirement,
    Taxonomy,
)
from matching.synthetic import CURRENCIES, scopes, taxonomy, vendors

from .conftest import TODAY, index_of, scope, vendor


@pytest.fixture(scope="module")
def synthetic() -> MatchIndex:
    return MatchIndex(taxonomy(), FxRates("USD", CURRENCIES)).build(vendors(600))


def test_top_k_is_exact_and_scores_are_the_weighted_factors(synthetic: MatchIndex) -> None:
    ids = list(range(600))
    for s in scopes(8):
        for weights in (MatchWeights(), MatchWeights.from_partial({"timezone": 1.0, "skill": 0.1})):
            result = synthetic.match(s, k=10, weights=weights, today=TODAY)
            # The weights the scores were summed with (coverage raised when asked for).
            w = np.array(result.weights.as_tuple())
            full = synthetic.factor_matrix(s, ids, today=TODAY) @ w
            eligible = synthetic.match(s, k=600, weights=weights, today=TODAY)
            expected = sorted(
                (m.vendor_id for m in eligible.matches), key=lambda v: (-round(full[v], 6), v)
            )[:10]
            assert [m.vendor_id for m in result.matches] == expected
            for m in result.matches:
                assert 0.0 <= m.score <= 1.0
                assert m.score == pytest.approx(float(np.dot(w, m.factors.as_tuple())), abs=1e-5)
            assert [m.rank for m in result.matches] == list(range(1, len(result.matches) + 1))
            assert result.considered == len(eligible.matches)


def test_upsert_replaces_and_adds_without_rebuild(taxonomy: Taxonomy, fx: FxRates) -> None:
    index = index_of(taxonomy, fx, vendor(1), vendor(2, expertise=(("aws", 5.0),)))
    s = scope(skills=(SkillRequirement("aws"),))
    assert index.match(s, today=TODAY).matches[0].vendor_id == 2
    index.upsert(vendor(1, expertise=(("aws", 9.0),), review_count=300, review_mean=4.9))
    index.upsert(vendor(3, expertise=(("aws", 1.0),)))
    assert len(index) == 3 and 3 in index
    result = index.match(s, today=TODAY)
    assert [m.vendor_id for m in result.matches][:1] == [1]
    assert index.remove(1) and not index.remove(1)
    assert 1 not in index and len(index) == 2
    assert [m.vendor_id for m in index.match(s, today=TODAY).matches] == [2, 3]


def test_many_updates_fold_into_the_index(synthetic: MatchIndex) -> None:
    index = MatchIndex(taxonomy(), FxRates("USD", CURRENCIES)).build(vendors(300))
    fresh = MatchIndex(taxonomy(), FxRates("USD", CURRENCIES))
    changed = list(vendors(900, seed=5))
    for rec in changed:  # > 512 pending rows, so the next match compacts
        index.upsert(replace(rec, id=rec.id % 700))
    fresh_records = {r.id % 700: replace(r, id=r.id % 700) for r in changed}
    base = {r.id: r for r in vendors(300)}
    fresh.build(list({**base, **fresh_records}.values()))
    s = scopes(3)[2]
    got = index.match(s, k=15, today=TODAY)
    assert len(index) == len(fresh) == 700
    # Text IDF differs between the two (frozen at build), so compare skill-free rankings.
    no_text = MatchWeights.from_partial({"skill": 0.0})
    assert [m.vendor_id for m in index.match(s, k=15, weights=no_text, today=TODAY).matches] == [
        m.vendor_id for m in fresh.match(s, k=15, weights=no_text, today=TODAY).matches
    ]
    assert len(got.matches) == 15


def test_risks_carry_levels_and_concrete_mitigations(taxonomy: Taxonomy, fx: FxRates) -> None:
    index = index_of(
        taxonomy,
        fx,
        vendor(
            1,
            country="US",
            timezone="America/New_York",
            review_count=2,
            verified=False,
            languages=(("en", Proficiency.CONVERSATIONAL),),
            median_response_hours=60.0,
        ),
        vendor(
            2,
            country="IL",
            timezone="Asia/Jerusalem",
            region="Western Asia",
            certifications=frozenset({"ISO_27001"}),
        ),
    )
    day = date(2026, 1, 14)
    s = scope(
        min_overlap_hours=4,
        languages=("en",),
        data_sensitivity=Sensitivity.HIGH,
        start_date=day,
        deadline=date(2026, 1, 20),
        work_start=time(9),
        work_end=time(17),
    )
    by_id = {m.vendor_id: m for m in index.match(s, today=TODAY).matches}
    risks_1 = {(r.kind, r.level): r for r in by_id[1].risks}
    mitigations = [r.mitigation for r in by_id[1].risks if r.kind == RiskKind.COMMUNICATION]
    assert "Agree a daily check-in at 14:00-15:00 UTC" in mitigations
    assert (RiskKind.COMMUNICATION, RiskLevel.HIGH) in risks_1  # 60 h to answer
    assert (RiskKind.QUALITY, RiskLevel.MEDIUM) in risks_1
    security = risks_1[(RiskKind.SECURITY, RiskLevel.HIGH)]
    assert "ISO 27001" in security.mitigation and "NDA" in security.mitigation
    kinds_2 = {r.kind for r in by_id[2].risks}
    assert RiskKind.SECURITY not in kinds_2
    assert any("Weekend in IL is Fri-Sat" in r.detail for r in by_id[2].risks)


def test_holidays_inside_the_timeline_are_a_cultural_risk(taxonomy: Taxonomy, fx: FxRates) -> None:
    index = index_of(taxonomy, fx, vendor(1, country="US", timezone="America/New_York"))
    s = scope(start_date=date(2026, 11, 23), deadline=date(2026, 11, 27))  # Thanksgiving week
    risks = index.match(s, today=TODAY).matches[0].risks
    cultural = [r for r in risks if r.kind == RiskKind.CULTURAL]
    assert len(cultural) == 1 and "Thanksgiving" in cultural[0].detail
    assert cultural[0].level == RiskLevel.LOW


def test_seed_taxonomy_loads_when_present() -> None:
    import json
    from pathlib import Path

    folder = Path(__file__).parents[2] / "seeds" / "taxonomy"
    records = [t for p in sorted(folder.glob("*.json")) for t in json.loads(p.read_text())["tags"]]
    tax = Taxonomy.from_records(records)
    assert len(tax) >= 300
