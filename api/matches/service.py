"""Match weights: the fitted set every worker reads, or the library's defaults."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.matches.models import MatchModel
from matching import MatchWeights


async def current_weights(session: AsyncSession) -> MatchWeights:
    """The newest fitted weights, or the library's defaults when none were fitted."""
    fitted = await session.scalar(
        select(MatchModel)
        .order_by(col(MatchModel.created_at).desc(), col(MatchModel.id).desc())
        .limit(1)
    )
    if fitted is None:
        return MatchWeights().normalised()
    return MatchWeights.from_partial(fitted.weights)


async def store_weights(
    session: AsyncSession,
    *,
    weights: dict[str, float],
    learned_ndcg: float,
    default_ndcg: float,
    scopes: int,
) -> None:
    """Keep a fitted weight set; from now on it is the one every worker ranks with."""
    session.add(
        MatchModel(
            weights=weights, learned_ndcg=learned_ndcg, default_ndcg=default_ndcg, scopes=scopes
        )
    )
