"""The weight learner, training data from outcomes, NDCG and the held-out comparison."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks
from sklearn.utils.validation import check_is_fitted

from matching import (
    FACTORS,
    FxRates,
    MatchIndex,
    MatchWeights,
    Outcome,
    WeightLearner,
    compare_weights,
    ndcg_at_k,
    training_data,
)
from matching.synthetic import CURRENCIES, scopes, taxonomy, vendors

from .conftest import TODAY


def test_ndcg_by_hand() -> None:
    assert ndcg_at_k([3, 2, 0], 3) == pytest.approx(1.0)
    dcg = (2**0 - 1) + (2**3 - 1) / np.log2(3) + (2**2 - 1) / np.log2(4)
    idcg = (2**3 - 1) + (2**2 - 1) / np.log2(3)
    assert ndcg_at_k([0, 3, 2], 3) == pytest.approx(dcg / idcg)
    assert ndcg_at_k([0, 0], 2) == 0.0
    assert ndcg_at_k([1], 5, ideal=[3, 1]) == pytest.approx(1 / (7 + 1 / np.log2(3)))


def test_outcome_grades() -> None:
    assert Outcome("s", 1, hired=True, rating=4.5).grade == 3
    assert Outcome("s", 1, hired=True, rating=3.0).grade == 2
    assert Outcome("s", 1, shortlisted=True).grade == 1
    assert Outcome("s", 1).grade == 0


def test_learner_recovers_hidden_weights() -> None:
    rng = np.random.default_rng(0)
    hidden = np.array([0.1, 0.1, 0.5, 0.05, 0.1, 0.05, 0.04, 0.03, 0.03])
    X = rng.random((3000, len(hidden)))
    groups = np.repeat(np.arange(100), 30)
    utility = X @ hidden + rng.normal(0, 0.01, len(X))
    y = np.zeros(len(X), dtype=int)
    for g in range(100):
        idx = np.flatnonzero(groups == g)
        order = idx[np.argsort(-utility[idx])]
        y[order[:2]], y[order[2:5]], y[order[5:10]] = 3, 2, 1
    learner = WeightLearner().fit(X, y, groups)
    check_is_fitted(learner)
    assert isinstance(learner.weights_, MatchWeights)
    assert sum(learner.weights_.as_tuple()) == pytest.approx(1.0)
    assert int(np.argmax(learner.coef_)) == 2
    result = compare_weights(X, y, groups)
    assert result.learned > result.default


def test_training_data_from_outcomes() -> None:
    index = MatchIndex(taxonomy(), FxRates("USD", CURRENCIES)).build(vendors(200))
    past = dict(enumerate(scopes(4)))
    outcomes = [
        Outcome(0, 1, hired=True, rating=5),
        Outcome(0, 2, shortlisted=True),
        Outcome(0, 3),
        Outcome(1, 4, hired=True),
        Outcome(9, 1),
        Outcome(1, 10_000),
    ]
    X, y, groups = training_data(index, past, outcomes, today=TODAY)
    assert (
        X.shape == (4, len(FACTORS))
        and y.tolist() == [3, 1, 0, 2]
        and groups.tolist() == [0, 0, 0, 1]
    )
    assert ((X >= 0) & (X <= 1)).all()


@parametrize_with_checks([WeightLearner()])
def test_weight_learner_follows_the_scikit_learn_contract(estimator, check) -> None:  # type: ignore[no-untyped-def]
    """Pipelines, grid searches and clones work on it like on any scikit-learn estimator."""
    check(estimator)
