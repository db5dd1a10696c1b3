"""Each vendor's stored rating score: its Bayesian average under the published prior
(api.reviews.rating), kept in `vendor.rating_score` so that the RATING order reads an
index instead of computing every vendor's average per request.

The score changes in three places only: a new vendor takes the published mean (the
column's default), a counted review rewrites its vendor's score, and a newly published
prior rewrites every vendor's score in one UPDATE. Lock order, to keep reviews, profile
edits and creates from deadlocking: the prior row first, then vendor rows, then the
vendor change counter.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from api.reviews.rating import RatingPrior, count_review
from api.vendors.models import Vendor


async def prior_for_review(session: AsyncSession, points: int) -> RatingPrior:
    """Count a review in the marketplace prior and return the prior to score its vendor
    under; when that prior is newly published, every vendor is rescored first."""
    counted = await count_review(session, points)
    if counted.republished:
        await rescore_all(session, counted.prior)
    return counted.prior


def score_after_review(prior: RatingPrior, overall: Decimal) -> ColumnElement[Any]:
    """A vendor's score with one more review of `overall`, as an UPDATE's SET value (the
    columns read there still hold the values before the update)."""
    return prior.bayesian_expression(col(Vendor.rating_sum) + overall, col(Vendor.review_count) + 1)


async def rescore_all(session: AsyncSession, prior: RatingPrior) -> None:
    """Every vendor's score under `prior`, in one statement (the profile's version and
    change stamps stay: nothing a client or the matcher reads of a profile changed)."""
    await session.execute(
        update(Vendor)
        .values(
            rating_score=prior.bayesian_expression(col(Vendor.rating_sum), col(Vendor.review_count))
        )
        .execution_options(synchronize_session=False)
    )
