"""The matcher against a hand-judged set, and against a BM25 text ranking of the same set."""

from __future__ import annotations

import re

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from matching import FxRates, MatchIndex, Scope, Taxonomy, VendorRecord, ndcg_at_k

from .conftest import TODAY
from .judged import JUDGED, RATES, TAGS, vendors

K = 10


def tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def vendor_text(v: VendorRecord) -> str:
    return " ".join([v.name, v.description, *(tag for tag, _ in v.expertise)])


def scope_text(s: Scope) -> str:
    return " ".join([s.title, s.description, *(r.tag for r in s.skills)])


@pytest.fixture(scope="module")
def judged_index() -> MatchIndex:
    return MatchIndex(Taxonomy.from_records(TAGS), FxRates("USD", RATES)).build(vendors())


def matcher_ndcg(index: MatchIndex) -> list[float]:
    out = []
    for scope, grades in JUDGED:
        ranked = [m.vendor_id for m in index.match(scope, k=K, today=TODAY).matches]
        out.append(ndcg_at_k([grades.get(v, 0) for v in ranked], K, ideal=grades.values()))
    return out


def bm25_ndcg() -> list[float]:
    records = vendors()
    bm25 = BM25Okapi([tokens(vendor_text(v)) for v in records])
    out = []
    for scope, grades in JUDGED:
        scores = bm25.get_scores(tokens(scope_text(scope)))
        ranked = [records[i].id for i in np.argsort(-scores, kind="stable")[:K]]
        out.append(ndcg_at_k([grades.get(v, 0) for v in ranked], K, ideal=grades.values()))
    return out


def test_judged_set_is_large_enough() -> None:
    assert len(JUDGED) >= 10
    assert len(vendors()) >= 50


def test_matcher_ndcg_at_10(judged_index: MatchIndex) -> None:
    assert np.mean(matcher_ndcg(judged_index)) >= 0.85


def test_matcher_beats_bm25_by_a_tenth(judged_index: MatchIndex) -> None:
    assert np.mean(matcher_ndcg(judged_index)) >= np.mean(bm25_ndcg()) + 0.10
