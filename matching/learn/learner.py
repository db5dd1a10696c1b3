"""A scikit-learn estimator that learns factor weights from graded outcomes."""

from __future__ import annotations

from typing import Any, Self

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import minimize
from scipy.special import expit, softmax
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted, validate_data

from ..core.factor import Factor, MatchWeights
from .ndcg import mean_ndcg

Floats = NDArray[np.float64]


def ranked_pairs(
    y: NDArray[Any], groups: NDArray[Any], max_pairs: int, rng: np.random.Generator
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Index pairs (better, worse) within each group, subsampled to ``max_pairs``."""
    better: list[NDArray[np.intp]] = []
    worse: list[NDArray[np.intp]] = []
    for g in np.unique(groups):
        idx = np.flatnonzero(groups == g)
        i, j = np.meshgrid(idx, idx, indexing="ij")
        mask = y[i] > y[j]
        better.append(i[mask])
        worse.append(j[mask])
    hi, lo = np.concatenate(better), np.concatenate(worse)
    if len(hi) > max_pairs:
        pick = rng.choice(len(hi), max_pairs, replace=False)
        hi, lo = hi[pick], lo[pick]
    return hi, lo


class WeightLearner(BaseEstimator):
    """Learns non-negative factor weights summing to 1 from graded match outcomes.

    Pairwise ranking (RankNet-style logistic loss on score differences within a
    scope), with weights parameterised as a softmax so they stay on the simplex,
    and an L2 pull towards the default weights.

    Parameters
    ----------
    alpha : float, default 0.01
        Strength of the pull towards the default weights.
    max_pairs : int, default 200_000
        Pairs sampled for training.
    random_state : int or None, default 0
        Seed for pair sampling.
    k : int, default 10
        Cut-off of the NDCG that :meth:`score` reports.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
        Learned weights, non-negative, summing to 1.
    weights_ : MatchWeights or None
        ``coef_`` as match weights when there is one feature per factor, in ``Factor`` order.
    n_features_in_ : int
        Number of features seen in :meth:`fit`.
    """

    def __init__(
        self,
        alpha: float = 0.01,
        max_pairs: int = 200_000,
        random_state: int | None = 0,
        k: int = 10,
    ) -> None:
        self.alpha = alpha
        self.max_pairs = max_pairs
        self.random_state = random_state
        self.k = k

    def fit(self, X: NDArray[Any], y: NDArray[Any], groups: NDArray[Any] | None = None) -> Self:
        """Fit on factor vectors ``X``, graded relevance ``y`` and scope ids ``groups``.

        Returns
        -------
        self
        """
        X, y = validate_data(self, X, y, y_numeric=True)
        groups = np.zeros(len(y), dtype=int) if groups is None else np.asarray(groups)
        d = X.shape[1]
        prior = np.array(MatchWeights().normalised().as_tuple()) if d == len(Factor) else None
        prior = np.full(d, 1.0 / d) if prior is None else prior
        hi, lo = ranked_pairs(y, groups, self.max_pairs, np.random.default_rng(self.random_state))
        diffs = X[hi] - X[lo]
        gain = (y[hi] - y[lo]).astype(float)
        theta0 = np.append(np.log(prior), np.log(10.0))
        if len(diffs):
            res = minimize(
                _loss, theta0, args=(diffs, gain, prior, self.alpha), jac=True, method="L-BFGS-B"
            )
            theta = res.x
        else:
            theta = theta0
        self.coef_ = softmax(theta[:-1])
        self.temperature_ = float(np.exp(theta[-1]))
        self.weights_ = MatchWeights(*self.coef_.tolist()) if d == len(Factor) else None
        return self

    def predict(self, X: NDArray[Any]) -> Floats:
        """Match score of each row: the weighted sum of its factors."""
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        scores: Floats = X @ self.coef_
        return scores

    def score(self, X: NDArray[Any], y: NDArray[Any], groups: NDArray[Any] | None = None) -> float:
        """Mean NDCG@k over groups."""
        groups = np.zeros(len(y), dtype=int) if groups is None else np.asarray(groups)
        return mean_ndcg(self.predict(X), np.asarray(y), groups, self.k)


def _loss(
    theta: Floats, diffs: Floats, gain: Floats, prior: Floats, alpha: float
) -> tuple[float, Floats]:
    """Gain-weighted pairwise logistic loss and its gradient in (softmax logits, log scale)."""
    w, beta = softmax(theta[:-1]), np.exp(theta[-1])
    s = diffs @ w
    m = beta * s
    total = gain.sum()
    loss = float((gain * np.logaddexp(0.0, -m)).sum() / total + alpha * ((w - prior) ** 2).sum())
    dm = -gain * expit(-m) / total
    grad_w = beta * (diffs.T @ dm) + 2 * alpha * (w - prior)
    grad_theta = w * (grad_w - w @ grad_w)
    grad_b = beta * float(s @ dm)
    return loss, np.append(grad_theta, grad_b)
