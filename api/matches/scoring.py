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
from api.matches.freshness import Numbers, read_numbers
from api.matches.index_cache import HeldIndex, IndexCache
from api.matches.service import WeightsCache
from api.tags.catalog import TagCatalog
from api.tags.service import tag_catalog
from matching import FactorScores, MatchIndex, MatchWeights, Scope


@dataclass(frozen=True)
class VendorScore:
    """One vendor's weighted score in [0, 1] and its score per factor."""

    vendor_id: int
    score: float
    factors: FactorScores


async def fitted_weights(context: Context) -> MatchWeights:
    """The fitted weights, brought up to date once per request."""
    await bring_up_to_date(context)
    weights: MatchWeights = context.memo["weights"]
    return weights


async def worker_index(context: Context) -> MatchIndex:
    """This worker's index, brought up to date once per request."""
    await bring_up_to_date(context)
    index: MatchIndex = context.memo["index"]
    return index


@dataclass(frozen=True)
class Held:
    """This worker's index and fitted weights as they stand, and whether they are current
    for numbers read later (see api.matches.freshness)."""

    held_index: HeldIndex
    weights: MatchWeights
    model: int | None  # the fitted set the weights are (None: the defaults)

    @property
    def index(self) -> MatchIndex:
        return self.held_index.index

    def current_for(self, numbers: Numbers) -> bool:
        return self.held_index.current_for(numbers.changes) and numbers.model == self.model


def held(context: Context, catalog: TagCatalog) -> Held | None:
    """The index and weights as they stand, to be confirmed by numbers read afterwards;
    None when this request brought them up to date already (use them as they are) or
    the index must be built first."""
    if "index" in context.memo:
        return None
    index = context.runtime.resource(IndexCache).held(catalog)
    if index is None:
        return None
    model, weights = context.runtime.resource(WeightsCache).held()
    return Held(index, weights, model)


def confirm(context: Context, standing: Held) -> None:
    """`standing` was found current in this request: its other readers use it as it is."""
    context.memo["weights"] = standing.weights
    context.memo["index"] = standing.index


async def bring_up_to_date(context: Context, numbers: Numbers | None = None) -> None:
    """Bring this worker's index and weights up to `numbers` (read here when not given:
    the vendor change counter and the newest fitted weights' id, two primary-key or index
    reads in one round trip); a quiet marketplace costs nothing more. Once per request."""
    if "index" in context.memo:
        return
    session, runtime = context.session, context.runtime
    catalog = await tag_catalog(runtime)
    if numbers is None:
        numbers = await read_numbers(session)
    context.memo["weights"] = await runtime.resource(WeightsCache).weights(session, numbers.model)
    context.memo["index"] = await runtime.resource(IndexCache).index_at(
        session, catalog, numbers.changes
    )


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
