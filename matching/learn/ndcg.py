"""NDCG of a ranking against graded relevance."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from numpy.typing import NDArray


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


def mean_ndcg(scores: NDArray[Any], y: NDArray[Any], groups: NDArray[Any], k: int = 10) -> float:
    """Mean NDCG@k over groups that hold a relevant item, ranking each group by score."""
    values = []
    for g in np.unique(groups):
        idx = np.flatnonzero(groups == g)
        if y[idx].max() > 0:
            order = idx[np.argsort(-scores[idx], kind="stable")]
            values.append(ndcg_at_k(y[order], k))
    return float(np.mean(values)) if values else 0.0
