"""Held-out comparison of learned against default factor weights."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sklearn.model_selection import GroupShuffleSplit

from ..core.factor import Factor, MatchWeights
from .learner import WeightLearner
from .ndcg import mean_ndcg


@dataclass(frozen=True, slots=True)
class WeightComparison:
    """Learned versus default weights on scopes held out of training.

    Attributes
    ----------
    learned : float
        Mean NDCG@k of the learned weights on the held-out scopes.
    default : float
        Mean NDCG@k of the default weights on the same scopes.
    weights : MatchWeights
        The learned weights (summing to 1).
    train_groups : int
        Scopes the weights were learned on.
    test_groups : int
        Scopes held out for the comparison.
    """

    learned: float
    default: float
    weights: MatchWeights
    train_groups: int
    test_groups: int


def compare_weights(
    X: NDArray[Any],
    y: NDArray[Any],
    groups: NDArray[Any],
    *,
    k: int = 10,
    test_size: float = 0.3,
    random_state: int = 0,
    default: MatchWeights | None = None,
    alpha: float = 0.01,
) -> WeightComparison:
    """Held-out NDCG@k of learned versus default weights, split by scope.

    Parameters
    ----------
    X : ndarray of shape (n, 6)
        Factor scores in ``Factor`` order (see :func:`training_data`).
    y : ndarray of shape (n,)
        Grades.
    groups : ndarray of shape (n,)
        Scope of each row; whole scopes go to either side of the split.
    k : int, default 10
        NDCG cut-off.
    test_size : float, default 0.3
        Share of scopes held out.
    random_state : int, default 0
        Seed of the split.
    default : MatchWeights, optional
        The weights to beat; ``MatchWeights()`` when not given.
    alpha : float, default 0.01
        The learner's pull towards the default weights (see WeightLearner).

    Returns
    -------
    WeightComparison

    Raises
    ------
    ValueError
        When ``X`` does not have one column per factor.
    """
    if X.ndim != 2 or X.shape[1] != len(Factor):
        raise ValueError(f"X must have one column per factor ({len(Factor)}), got {X.shape}")
    split = GroupShuffleSplit(n_splits=1, test_size=test_size, random_state=random_state)
    train, test = next(split.split(X, y, groups))
    learner = WeightLearner(alpha=alpha, k=k).fit(X[train], y[train], groups[train])
    assert learner.weights_ is not None  # one column per factor, checked above
    base = np.array((default or MatchWeights()).normalised().as_tuple())
    return WeightComparison(
        learned=mean_ndcg(learner.predict(X[test]), y[test], groups[test], k),
        default=mean_ndcg(X[test] @ base, y[test], groups[test], k),
        weights=learner.weights_,
        train_groups=len(np.unique(groups[train])),
        test_groups=len(np.unique(groups[test])),
    )
