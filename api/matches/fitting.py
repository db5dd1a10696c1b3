"""Fit the factor weights on the marketplace's own hiring history (`vendormatch fit-weights`).

Each past request with a shortlist is a query: the vendor hired and rated well is grade 3,
hired is 2, shortlisted is 1, and vendors the matcher would have offered but the business
passed over are 0. The learner is fitted on part of the requests and compared
with the default weights on the rest; the fitted weights are stored for every worker.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.matches.models import MatchModel
from api.matches.records import scope_from_project
from api.projects.models import ProjectRequest, ProjectShortlist, ProjectSkill
from api.reviews.models import Review
from api.reviews.service import overall
from api.state import AppState
from matching import FACTORS, MatchIndex, Outcome, Scope, compare_weights, training_data

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


async def history(
    session: AsyncSession, state: AppState, index: MatchIndex
) -> tuple[dict[int, Scope], list[Outcome]]:
    """Scopes of past requests with shortlists, and what happened to each candidate."""
    catalog = await state.catalog()
    shortlists: dict[int, set[int]] = defaultdict(set)
    for project_id, vendor_id in await session.execute(
        select(ProjectShortlist.project_id, ProjectShortlist.vendor_id)
    ):
        shortlists[project_id].add(vendor_id)
    ratings = {
        review.project_id: float(overall(review))
        for review in (await session.execute(select(Review))).scalars()
    }
    projects = (
        await session.execute(select(ProjectRequest).where(ProjectRequest.id.in_(list(shortlists))))
    ).scalars()
    skill_rows: dict[int, list[ProjectSkill]] = defaultdict(list)
    for row in (await session.execute(select(ProjectSkill))).scalars():
        skill_rows[row.project_id].append(row)
    scopes: dict[int, Scope] = {}
    outcomes: list[Outcome] = []
    rng = np.random.default_rng(SAMPLE_SEED)
    for project in projects:
        assert project.id is not None
        scope = scope_from_project(project, skill_rows[project.id], catalog)
        scopes[project.id] = scope
        listed = shortlists[project.id]
        for vendor_id in listed:
            # An award the vendor never accepted was an offer, not a hire.
            hired = vendor_id == project.awarded_vendor_id and project.award_accepted_at is not None
            outcomes.append(
                Outcome(
                    scope_key=project.id,
                    vendor_id=vendor_id,
                    shortlisted=True,
                    hired=hired,
                    rating=ratings.get(project.id) if hired else None,
                )
            )
        offered = index.match(scope, k=DEEP_POOL).matches
        passed_over = [m.vendor_id for m in offered if m.vendor_id not in listed]
        deeper = passed_over[TOP_NEGATIVES:]
        sampled = rng.choice(deeper, size=min(DEEP_NEGATIVES, len(deeper)), replace=False)
        outcomes += [
            Outcome(scope_key=project.id, vendor_id=int(v))
            for v in [*passed_over[:TOP_NEGATIVES], *sampled]
        ]
    return scopes, outcomes


async def fit_weights(state: AppState, *, store: bool = True, alpha: float = 0.01) -> FitReport:
    """Fit, evaluate on held-out requests, and (by default) store the fitted weights."""
    async with state.sessions() as session:
        catalog = await state.catalog()
        index = await state.index_cache.index(session, catalog)
        scopes, outcomes = await history(session, state, index)
        X, y, groups = training_data(index, scopes, outcomes)
        if len(set(groups.tolist())) < 10:
            raise ValueError("Too little hiring history to fit weights (need 10 requests).")
        result = compare_weights(X, y, groups, k=10, alpha=alpha)
        learned = result["weights"]
        weights = dict(zip(FACTORS, learned.as_tuple(), strict=True))  # type: ignore[union-attr]
        report = FitReport(
            learned_ndcg=float(result["learned"]),  # type: ignore[arg-type]
            default_ndcg=float(result["default"]),  # type: ignore[arg-type]
            weights=weights,
            train_scopes=int(result["train_groups"]),  # type: ignore[call-overload]
            test_scopes=int(result["test_groups"]),  # type: ignore[call-overload]
        )
        if store:
            session.add(
                MatchModel(
                    weights=weights,
                    learned_ndcg=report.learned_ndcg,
                    default_ndcg=report.default_ndcg,
                    scopes=len(scopes),
                )
            )
            await session.commit()
    return report
