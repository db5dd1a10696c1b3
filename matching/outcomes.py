"""Past outcomes as training data, NDCG, and learned-versus-default comparison."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from sklearn.model_selection import GroupShuffleSplit

from .types import MatchWeights, Scope

if TYPE_CHECKING:
    from .index import MatchIndex

GOOD_RATING = 4.0


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one vendor on one past scope."""

    scope_key: Hashable
    vendor_id: int
    shortlisted: bool = False
    hired: bool = False
    rating: float | None = None

    @property
    def grade(self) -> int:
        """3 hired and rated >= 4, 2 hired, 1 shortlisted, 0 neither."""
        if self.hired:
            return 3 if self.rating is not None and self.rating >= GOOD_RATING else 2
        return 1 if self.shortlisted else 0


def training_data(
    index: MatchIndex, scopes: Mapping[Hashable, Scope], outcomes: Iterable[Outcome]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Factor vectors, grades and group numbers for :class:`WeightLearner`.

    Parameters
    ----------
    index : MatchIndex
        Holds the vendors; outcomes for vendors it lacks are skipped.
    scopes : mapping
        Scope per ``Outcome.scope_key``; outcomes of unknown scopes are skipped.
    outcomes : iterable of Outcome
        One per (scope, vendor) considered; the best grade wins on repeats.

    Returns
    -------
    X : ndarray of shape (n, 6)
        Factor scores in ``FACTORS`` order.
    y : ndarray of shape (n,)
        Grades 0-3.
    groups : ndarray of shape (n,)
        Group number per scope.
    """
    by_scope: dict[Hashable, dict[int, int]] = {}
    for o in outcomes:
        if o.scope_key in scopes and o.vendor_id in index:
            grades = by_scope.setdefault(o.scope_key, {})
            grades[o.vendor_id] = max(grades.get(o.vendor_id, 0), o.grade)
    xs, ys, gs = [], [], []
    for g, (key, grades) in enumerate(by_scope.items()):
        ids = list(grades)
        xs.append(index.factor_matrix(scopes[key], ids))
        ys.append(np.array([grades[v] for v in ids]))
        gs.append(np.full(len(ids), g))
    if not xs:
        return np.zeros((0, 6)), np.zeros(0, dtype=int), np.zeros(0, dtype=int)
    return np.vstack(xs), np.concatenate(ys), np.concatenate(gs)


def ndcg_at_k(
    relevance: Iterable[float], k: int = 10, ideal: Iterable[float] | None = None
) -> float:
    """NDCG@k of relevance grades listed in ranked order (gain 2^rel - 1).

    Parameters
    ----------
    relevance : iterable of float
        Grades of the ranked items, best-ranked first.
    k : int, default 10
        Cut-off.
    ideal : iterable of float, optional
        All grades available for the query (defaults to ``relevance``), for
        when relevant items may be missing from the ranking.

    Returns
    -------
    float
        In [0, 1]; 0 when nothing is relevant.
    """
    rel = np.asarray(list(relevance), dtype=float)[:k]
    best = np.sort(np.asarray(list(rel if ideal is None else ideal), dtype=float))[::-1][:k]
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    idcg = float(((2.0**best - 1.0) * discounts[: len(best)]).sum())
    if idcg == 0:
        return 0.0
    return float(((2.0**rel - 1.0) * discounts[: len(rel)]).sum() / idcg)


def mean_ndcg(scores: np.ndarray, y: np.ndarray, groups: np.ndarray, k: int = 10) -> float:
    """Mean NDCG@k over groups that hold a relevant item, ranking each group by score."""
    values = []
    for g in np.unique(groups):
        idx = np.flatnonzero(groups == g)
        if y[idx].max() > 0:
            order = idx[np.argsort(-scores[idx], kind="stable")]
            values.append(ndcg_at_k(y[order], k))
    return float(np.mean(values)) if values else 0.0


def compare_weights(
    X: np.ndarray,
    y: np.ndarray,
    groups: np.ndarray,
    *,
    k: int = 10,
    test_size: float = 0.3,
    random_state: int = 0,
    default: MatchWeights | None = None,
    alpha: float = 0.01,
) -> dict[str, object]:
    """Held-out NDCG@k of learned versus default weights, split by scope.

    ``alpha`` is the learner's pull towards the default weights (see WeightLearner).

    Returns
    -------
    dict
        ``learned`` and ``default`` (mean NDCG@k on the held-out scopes),
        ``weights`` (the learned MatchWeights), ``train_groups``, ``test_groups``.
    """
    from .learn import WeightLearner

    split = GroupShuffleSplit(n_splits=1, test_size=test_size, random_state=random_state)
    train, test = next(split.split(X, y, groups))
    learner = WeightLearner(alpha=alpha, k=k).fit(X[train], y[train], groups[train])
    base = np.array((default or MatchWeights()).normalised().as_tuple())
    return {
        "learned": mean_ndcg(learner.predict(X[test]), y[test], groups[test], k),
        "default": mean_ndcg(X[test] @ base, y[test], groups[test], k),
        "weights": learner.weights_,
        "train_groups": len(np.unique(groups[train])),
        "test_groups": len(np.unique(groups[test])),
    }
