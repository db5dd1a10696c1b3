"""Fit the factor weights on the marketplace's own hiring history (`vendormatch fit-weights`).

Each past request with a shortlist is a query: the vendor hired and rated well is grade 3,
hired is 2, shortlisted is 1, and vendors the matcher would have offered but the business
passed over are 0. The learner is fitted on part of the requests and compared
with the default weights on the rest; the fitted weights are stored for every worker.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

import numpy as np
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.clock import today
from api.core.runtime import Runtime
from api.matches.index_cache import IndexCache
from api.matches.service import store_weights
from api.projects.history import hiring_history
from api.reviews.service import overall_by_project
from api.tags.catalog import TagCatalog
from api.tags.service import tag_catalog
from matching import FACTORS, MatchIndex, Outcome, Scope, training_data

# Passed-over candidates per request: some of the matcher's top picks the business did not
# shortlist, and some drawn from further down the list, so the learner also sees what a
# poor overlap or an unaffordable rate costs (top picks alone are already good at both).
TOP_NEGATIVES = 10
DEEP_NEGATIVES = 10
DEEP_POOL = 200
SAMPLE_SEED = 0


@dataclass(frozen=True)
class FitReport:
    learned_ndcg: float
    default_ndcg: float
    weights: dict[str, float]
    train_scopes: int
    test_scopes: int


async def outcomes(
    session: AsyncSession, catalog: TagCatalog, index: MatchIndex
) -> tuple[dict[Hashable, Scope], list[Outcome]]:
    """Scopes of past requests with shortlists, and what happened to each candidate."""
    ratings = await overall_by_project(session)
    # Keyed by each outcome's scope_key (the project id), as `training_data` takes them.
    scopes: dict[Hashable, Scope] = {}
    results: list[Outcome] = []
    rng = np.random.default_rng(SAMPLE_SEED)
    for hiring in await hiring_history(session, catalog):
        scopes[hiring.project_id] = hiring.scope
        for vendor_id in hiring.shortlisted:
            hired = vendor_id == hiring.hired
            results.append(
                Outcome(
                    scope_key=hiring.project_id,
                    vendor_id=vendor_id,
                    shortlisted=True,
                    hired=hired,
                    rating=ratings.get(hiring.project_id) if hired else None,
                )
            )
        offered = index.match(hiring.scope, k=DEEP_POOL, today=today()).matches
        passed_over = [m.vendor_id for m in offered if m.vendor_id not in hiring.shortlisted]
        deeper = passed_over[TOP_NEGATIVES:]
        sampled = rng.choice(deeper, size=min(DEEP_NEGATIVES, len(deeper)), replace=False)
        results += [
            Outcome(scope_key=hiring.project_id, vendor_id=int(v))
            for v in [*passed_over[:TOP_NEGATIVES], *sampled]
        ]
    return scopes, results


async def fit_weights(runtime: Runtime, *, store: bool = True, alpha: float = 0.01) -> FitReport:
    """Fit, evaluate on held-out requests, and (by default) store the fitted weights."""
    async with runtime.sessions() as session:
        catalog = await tag_catalog(runtime)
        index = await runtime.resource(IndexCache).index(session, catalog)
        scopes, results = await outcomes(session, catalog, index)
        X, y, groups = training_data(index, scopes, results, today=today())
        if len(set(groups.tolist())) < 10:
            raise ValueError("Too little hiring history to fit weights (need 10 requests).")
        # The optimisers behind it load here, not with the server (seconds to import).
        from matching import compare_weights

        result = compare_weights(X, y, groups, k=10, alpha=alpha)
        weights = dict(zip(FACTORS, result.weights.as_tuple(), strict=True))
        report = FitReport(
            learned_ndcg=result.learned,
            default_ndcg=result.default,
            weights=weights,
            train_scopes=result.train_groups,
            test_scopes=result.test_groups,
        )
        if store:
            await store_weights(
                session,
                weights=weights,
                learned_ndcg=report.learned_ndcg,
                default_ndcg=report.default_ndcg,
                scopes=len(scopes),
            )
            await session.commit()
    return report
