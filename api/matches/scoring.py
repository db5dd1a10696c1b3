"""Score a given set of vendors against a scope (no top-k): the factors a proposal shows.

A ranking (ranking.py) asks the index for the best k; comparing proposals needs the
scores of exactly the vendors that proposed, whatever their rank, in one vectorised call.
Hard constraints are not applied: a vendor that proposed is compared, not filtered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from api.core.clock import today
from api.graphql.context import Context
from api.matches.index_cache import IndexCache
from api.matches.service import current_weights
from api.tags.service import tag_catalog
from matching import FactorScores, MatchIndex, MatchWeights, Scope


@dataclass(frozen=True)
class VendorScore:
    """One vendor's weighted score in [0, 1] and its score per factor."""

    vendor_id: int
    score: float
    factors: FactorScores


async def fitted_weights(context: Context) -> MatchWeights:
    """The stored weights, read once per request however many rankings it holds."""
    if "weights" not in context.memo:
        context.memo["weights"] = await current_weights(context.session)
    weights: MatchWeights = context.memo["weights"]
    return weights


async def worker_index(context: Context) -> MatchIndex:
    """This worker's index, brought up to date once per request."""
    if "index" not in context.memo:
        catalog = await tag_catalog(context.runtime)
        cache = context.runtime.resource(IndexCache)
        context.memo["index"] = await cache.index(context.session, catalog)
    index: MatchIndex = context.memo["index"]
    return index


async def score_vendors(
    context: Context, scope: Scope, vendor_ids: Sequence[int]
) -> dict[int, VendorScore]:
    """Scores of `vendor_ids` for `scope` with the fitted weights; ids the index does not
    hold (none, once it is refreshed) are left out."""
    index = await worker_index(context)
    known = list(dict.fromkeys(v for v in vendor_ids if v in index))
    if not known:
        return {}
    weights = (await fitted_weights(context)).normalised()
    matrix = index.factor_matrix(scope, known, today=today())
    totals = np.clip(matrix @ np.array(weights.as_tuple()), 0.0, 1.0)
    return {
        vendor_id: VendorScore(vendor_id, float(total), FactorScores(*row))
        for vendor_id, row, total in zip(known, matrix.tolist(), totals.tolist(), strict=True)
    }
