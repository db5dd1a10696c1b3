"""Score a given set of vendors against a scope (no top-k): the factors a proposal shows.

A ranking (ranking.py) asks the index for the best k; comparing proposals needs the
scores of exactly the vendors that proposed, whatever their rank, in one vectorised call.
Hard constraints are not applied: a vendor that proposed is compared, not filtered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from sqlalchemy import Select, select

from api.core.clock import today
from api.graphql.context import Context
from api.matches.index_cache import IndexCache
from api.matches.service import WeightsCache, newest_model_sql
from api.tags.service import tag_catalog
from api.vendors.changes import newest_change_sql
from matching import FactorScores, MatchIndex, MatchWeights, Scope


@dataclass(frozen=True)
class VendorScore:
    """One vendor's weighted score in [0, 1] and its score per factor."""

    vendor_id: int
    score: float
    factors: FactorScores


async def fitted_weights(context: Context) -> MatchWeights:
    """The fitted weights, brought up to date once per request."""
    await _bring_up_to_date(context)
    weights: MatchWeights = context.memo["weights"]
    return weights


async def worker_index(context: Context) -> MatchIndex:
    """This worker's index, brought up to date once per request."""
    await _bring_up_to_date(context)
    index: MatchIndex = context.memo["index"]
    return index


@cache
def _newest_numbers() -> Select[int, int]:
    """The statement `_bring_up_to_date` sends, built once (it has no parameters)."""
    return select(newest_change_sql(), newest_model_sql())


async def _bring_up_to_date(context: Context) -> None:
    """Read the vendor change counter and the newest fitted weights' id in one round trip
    (two primary-key or index reads), then bring this worker's index and weights up to
    them: a quiet marketplace costs a match that one statement."""
    if "index" in context.memo:
        return
    session, runtime = context.session, context.runtime
    catalog = await tag_catalog(runtime)
    changes, model = (await session.execute(_newest_numbers())).one()
    context.memo["weights"] = await runtime.resource(WeightsCache).weights(session, model)
    context.memo["index"] = await runtime.resource(IndexCache).index_at(session, catalog, changes)


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
