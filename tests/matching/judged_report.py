"""NDCG@10 of the matcher and of BM25 on the hand-judged set, per scope.

The tests assert on the means (tests/matching/test_judged.py); this prints the
table behind them, for finding which scopes pull the mean down::

    .venv/bin/python -m tests.matching.judged_report
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from rank_bm25 import BM25Okapi

from matching import FxRates, MatchIndex, Scope, Taxonomy, VendorRecord, ndcg_at_k

from .conftest import TODAY
from .judged import JUDGED, RATES, TAGS, TWINS, vendors

K = 10


def tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def vendor_text(v: VendorRecord) -> str:
    """What BM25 sees of a vendor: name, description and expertise skill names."""
    return " ".join([v.name, v.description, *(tag for tag, _ in v.expertise)])


def scope_text(s: Scope) -> str:
    """What BM25 sees of a scope: title, description and the skills asked for."""
    return " ".join([s.title, s.description, *(t for r in s.skills for t in (r.tag, *r.any_of))])


def judged_index() -> MatchIndex:
    return MatchIndex(Taxonomy.from_records(TAGS), FxRates("USD", RATES)).build(vendors())


def _ndcg(ranked: list[int], grades: dict[int, int]) -> float:
    return ndcg_at_k([grades.get(v, 0) for v in ranked], K, ideal=grades.values())


def matcher_rankings(index: MatchIndex) -> list[list[int]]:
    """The matcher's top K vendor ids for each judged scope."""
    return [
        [m.vendor_id for m in index.match(scope, k=K, today=TODAY).matches] for scope, _ in JUDGED
    ]


def bm25_rankings() -> list[list[int]]:
    """BM25's top K vendor ids for each judged scope, over the same vendors."""
    records = vendors()
    bm25 = BM25Okapi([tokens(vendor_text(v)) for v in records])
    out = []
    for scope, _ in JUDGED:
        scores = bm25.get_scores(tokens(scope_text(scope)))
        out.append([records[i].id for i in np.argsort(-scores, kind="stable")[:K]])
    return out


def matcher_ndcg(index: MatchIndex) -> list[float]:
    return [_ndcg(r, g) for r, (_, g) in zip(matcher_rankings(index), JUDGED, strict=True)]


def bm25_ndcg() -> list[float]:
    return [_ndcg(r, g) for r, (_, g) in zip(bm25_rankings(), JUDGED, strict=True)]


@dataclass(frozen=True)
class ScopeRow:
    title: str
    matcher: float
    bm25: float
    matcher_top: list[int]
    best: list[int]


def report_rows(index: MatchIndex | None = None) -> list[ScopeRow]:
    """One row per judged scope: both NDCGs, the matcher's top 5 and the best-graded ids."""
    index = index or judged_index()
    rows = []
    for (scope, grades), mine, theirs in zip(
        JUDGED, matcher_rankings(index), bm25_rankings(), strict=True
    ):
        best = sorted(grades, key=lambda v: (-grades[v], v))[:5]
        rows.append(
            ScopeRow(scope.title, _ndcg(mine, grades), _ndcg(theirs, grades), mine[:5], best)
        )
    return rows


def print_report(index: MatchIndex | None = None) -> None:
    """Print the per-scope table and the means."""
    rows = report_rows(index)
    print(f"{'scope':<52} {'matcher':>7} {'bm25':>6}  matcher top 5 / best graded")
    for r in rows:
        flag = " <" if r.matcher < 0.9 else "  "
        print(f"{r.title[:52]:<52} {r.matcher:7.3f} {r.bm25:6.3f}{flag} {r.matcher_top} / {r.best}")
    mean_m = float(np.mean([r.matcher for r in rows]))
    mean_b = float(np.mean([r.bm25 for r in rows]))
    print(f"{'mean over ' + str(len(rows)) + ' scopes':<52} {mean_m:7.3f} {mean_b:6.3f}")
    print(f"margin over BM25: {mean_m - mean_b:+.3f}")


def _rank(order: list[int], vid: int) -> str:
    return str(order.index(vid) + 1) if vid in order else "-"


def print_twins(index: MatchIndex | None = None) -> None:
    """Where each twin's vendors rank, matcher / BM25 ('-': left out by the matcher)."""
    index = index or judged_index()
    records = vendors()
    bm25 = BM25Okapi([tokens(vendor_text(v)) for v in records])
    scopes = {scope.title: scope for scope, _ in JUDGED}
    print(f"\n{'twin':<22} {'scope':<46} should rank low | high  (matcher/bm25)")
    for twin in TWINS:
        scope = scopes[twin.scope]
        mine = [m.vendor_id for m in index.match(scope, k=len(records), today=TODAY).matches]
        scores = bm25.get_scores(tokens(scope_text(scope)))
        theirs = [records[i].id for i in np.argsort(-scores, kind="stable")]
        low = " ".join(f"{v}@{_rank(mine, v)}/{_rank(theirs, v)}" for v in twin.low)
        high = " ".join(f"{v}@{_rank(mine, v)}/{_rank(theirs, v)}" for v in twin.high)
        print(f"{twin.failure:<22} {twin.scope[:46]:<46} {low or '-'} | {high}")


if __name__ == "__main__":
    print_report()
    print_twins()
