"""The public API's contracts: one factor declaration, no clock, a rating prior parameter,
typed comparison results, and a top-k that leaves its arguments as they were."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, timedelta

import numpy as np
import pytest

from matching import (
    FACTORS,
    Factor,
    FactorScores,
    FxRates,
    MatchIndex,
    MatchWeights,
    RatingPrior,
    Taxonomy,
    WeightComparison,
    compare_weights,
)
from matching.rank.evaluate import project_window
from matching.rank.topk import best_with_text, kth_floor

from .conftest import TODAY, factors_of, index_of, scope, vendor


def test_factor_is_the_one_declaration_of_the_factor_names() -> None:
    assert tuple(Factor) == FACTORS
    assert FACTORS == (
        "skill",
        "cost",
        "timezone",
        "culture",
        "quality",
        "security",
        "capacity",
        "responsiveness",
        "coverage",
    )
    for cls in (MatchWeights, FactorScores):
        assert tuple(f.name for f in fields(cls)) == FACTORS


def test_match_needs_today_and_undated_scopes_start_on_it(taxonomy: Taxonomy, fx: FxRates) -> None:
    index = index_of(taxonomy, fx, vendor(1))
    with pytest.raises(TypeError):
        index.match(scope())  # type: ignore[call-arg]
    assert project_window(scope(), TODAY) == (TODAY, TODAY + timedelta(days=90))
    dated = scope(start_date=date(2026, 5, 11), deadline=date(2026, 5, 15))
    assert project_window(dated, TODAY) == (date(2026, 5, 11), date(2026, 5, 15))


def test_rating_prior_defaults_to_four_stars_worth_ten_reviews() -> None:
    prior = RatingPrior()
    assert (prior.mean, prior.weight) == (4.0, 10.0)
    assert prior.bayesian_average(0.0, 0.0) == pytest.approx(4.0)
    assert prior.bayesian_average(50.0, 10.0) == pytest.approx(4.5)
    counts = np.array([0.0, 10.0, 1000.0])
    got = RatingPrior(mean=3.0, weight=10.0).bayesian_average(counts * 5.0, counts)
    assert got.tolist() == pytest.approx([3.0, 4.0, 5.0], abs=0.02)


def test_the_rating_prior_moves_the_quality_of_vendors_with_few_reviews(
    taxonomy: Taxonomy, fx: FxRates
) -> None:
    records = (vendor(1, review_count=2, review_mean=5.0), vendor(2, review_count=0))
    default = index_of(taxonomy, fx, *records)
    strict = MatchIndex(taxonomy, fx, rating_prior=RatingPrior(mean=3.0)).build(records)
    s = scope()
    for vid in (1, 2):
        assert factors_of(strict, s, vid)["quality"] < factors_of(default, s, vid)["quality"]
    default.set_rating_prior(RatingPrior(mean=3.0))
    assert default.rating_prior == strict.rating_prior
    for vid in (1, 2):
        assert factors_of(default, s, vid) == factors_of(strict, s, vid)


def test_compare_weights_returns_a_typed_result() -> None:
    rng = np.random.default_rng(1)
    X = rng.random((600, len(Factor)))
    groups = np.repeat(np.arange(30), 20)
    y = (X[:, 0] > 0.7).astype(int)
    result = compare_weights(X, y, groups)
    assert isinstance(result, WeightComparison)
    assert isinstance(result.weights, MatchWeights)
    assert result.train_groups + result.test_groups == 30
    assert 0.0 <= result.default <= 1.0 and 0.0 <= result.learned <= 1.0
    with pytest.raises(ValueError, match="one column per factor"):
        compare_weights(X[:, :5], y, groups)


def test_top_k_steps_leave_their_arguments_unchanged() -> None:
    rng = np.random.default_rng(4)
    n = 20_000
    lower = rng.random(n).astype(np.float32)
    eligible = rng.random(n) < 0.5
    upper = lower + np.float32(0.1)
    ids = np.arange(n, dtype=np.int64)
    before = (lower.copy(), eligible.copy(), upper.copy())
    kth_floor(lower, eligible, 10)
    best_with_text(
        lower, upper, np.flatnonzero(eligible), lambda p: (lower[p], np.zeros(len(p))), ids, 10
    )
    for arg, copy in zip((lower, eligible, upper), before, strict=True):
        assert np.array_equal(arg, copy)
