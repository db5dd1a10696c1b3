"""The matcher against a hand-judged set, and against a BM25 text ranking of the same set.

Per-scope numbers: ``python -m tests.matching.judged_report``.
"""

from __future__ import annotations

import numpy as np
import pytest

from matching import MatchIndex

from .conftest import TODAY
from .judged import JUDGED, OUTSOURCING_TAGS, TWINS, vendors
from .judged_report import bm25_ndcg, judged_index, matcher_ndcg
from .judged_third_round import THIRD_ROUND


@pytest.fixture(scope="module")
def index() -> MatchIndex:
    return judged_index()


@pytest.fixture(scope="module")
def matcher_scores(index: MatchIndex) -> list[float]:
    return matcher_ndcg(index)


def test_judged_set_is_large_enough() -> None:
    assert len(JUDGED) >= 25
    assert len(vendors()) >= 150


def test_judged_set_reaches_beyond_software() -> None:
    categories = {str(tag["category"]) for tag in OUTSOURCING_TAGS}
    judged_slugs = {r.tag for scope, _ in JUDGED for r in scope.skills}
    outsourcing_slugs = {str(tag["slug"]) for tag in OUTSOURCING_TAGS}
    assert {"support", "finance", "translation", "design", "marketing", "data"} <= categories
    assert len(judged_slugs & outsourcing_slugs) >= 10


def test_every_grade_names_a_judged_vendor() -> None:
    ids = {v.id for v in vendors()}
    for scope, grades in JUDGED:
        assert set(grades) <= ids, scope.title
        assert set(grades.values()) <= {1, 2, 3}, scope.title


def test_the_third_round_was_graded_under_strict_must_haves() -> None:
    # The correction for strict must-haves (judged._strict_must_haves) drops no grade the
    # third round wrote: every vendor it graded holds each must-have.
    corrected = {scope.title: grades for scope, grades in JUDGED}
    for scope, grades in THIRD_ROUND:
        assert corrected[scope.title] == grades, scope.title


def test_every_twin_grades_its_failing_vendor_below_the_fitting_ones() -> None:
    grades = {scope.title: g for scope, g in JUDGED}
    for twin in TWINS:
        g = grades[twin.scope]
        assert max((g.get(v, 0) for v in twin.low), default=0) <= 1, twin
        assert min(g[v] for v in twin.high) >= 2, twin


def test_matcher_ndcg_at_10(matcher_scores: list[float]) -> None:
    assert np.mean(matcher_scores) >= 0.90


def test_every_twin_ranks_the_fitting_vendors_above_the_failing_one(index: MatchIndex) -> None:
    # Each of issue 9's failures, inside a judged scope: the vendor that fails the buyer's
    # need ranks below every vendor that meets it, or is left out.
    scopes = {scope.title: scope for scope, _ in JUDGED}
    for twin in TWINS:
        ranked = [m.vendor_id for m in index.match(scopes[twin.scope], k=50, today=TODAY).matches]
        high = [ranked.index(v) for v in twin.high]
        low = [ranked.index(v) for v in twin.low if v in ranked]
        assert max(high) < min(low, default=len(ranked)), twin


# Issue 9 asks for BM25 + 0.15 over software and non-software scopes alike. Measured at
# 2113f90 + the strict must-have correction: 0.976 against 0.805 (+0.170) over 40 scopes;
# before the correction +0.149, before the third round +0.109.
BM25_MARGIN = 0.15


def test_matcher_beats_bm25_by_fifteen_hundredths(matcher_scores: list[float]) -> None:
    assert np.mean(matcher_scores) >= np.mean(bm25_ndcg()) + BM25_MARGIN
