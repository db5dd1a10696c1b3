"""Match weights: the fitted set every worker reads, or the library's defaults."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.selectable import ScalarSelect
from sqlmodel import col

from api.matches.models import MatchModel
from matching import MatchWeights


def newest_model_sql() -> ScalarSelect[int]:
    """The id of the newest fitted weight set, as a scalar subquery (NULL when none was
    fitted), to be read with whatever else a caller reads in the same round trip."""
    return (
        select(col(MatchModel.id))
        .order_by(col(MatchModel.created_at).desc(), col(MatchModel.id).desc())
        .limit(1)
        .scalar_subquery()
    )


async def current_weights(session: AsyncSession) -> MatchWeights:
    """The newest fitted weights, or the library's defaults when none were fitted."""
    return await weights_of_model(session, await session.scalar(select(newest_model_sql())))


async def weights_of_model(session: AsyncSession, model_id: int | None) -> MatchWeights:
    """The weights fitted as `model_id`; the library's defaults for None (none fitted)."""
    if model_id is None:
        return MatchWeights().normalised()
    weights = await session.scalar(
        select(col(MatchModel.weights)).where(col(MatchModel.id) == model_id)
    )
    if weights is None:  # deleted since its id was read: as if none were fitted
        return MatchWeights().normalised()
    return MatchWeights.from_partial(weights)


class WeightsCache:
    """The fitted weights one process ranks with, read again only when a newer set's id
    shows up; one per process."""

    def __init__(self) -> None:
        self._model_id: int | None = None
        self._weights = MatchWeights().normalised()

    def held(self) -> tuple[int | None, MatchWeights]:
        """The model id the weights were read for (None: the defaults) and the weights,
        without reading anything."""
        return self._model_id, self._weights

    async def weights(self, session: AsyncSession, newest_model_id: int | None) -> MatchWeights:
        """The weights of `newest_model_id` (read by the caller with its other numbers)."""
        if newest_model_id != self._model_id:
            self._weights = await weights_of_model(session, newest_model_id)
            self._model_id = newest_model_id
        return self._weights


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
