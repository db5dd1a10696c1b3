"""The one rating rule: a Bayesian average that pulls few reviews towards the marketplace
mean. The `vendors` page shows and sorts by it, and the matcher's quality factor uses the
same prior, so a rating reads the same everywhere."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import SQLColumnExpression, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from api.reviews.fields import ReviewDirection
from api.reviews.models import Review
from matching import RatingPrior as LibraryRatingPrior

# How many reviews' worth of belief the marketplace mean carries.
PRIOR_WEIGHT = 10
# Before there are any reviews, assume a middling-good vendor.
DEFAULT_PRIOR_MEAN = Decimal("3.5")
SCORES = ("quality", "communication", "timeliness", "value")


@dataclass(frozen=True)
class RatingPrior:
    """The marketplace's mean overall score, and how many reviews it is worth."""

    mean: Decimal = DEFAULT_PRIOR_MEAN
    weight: int = PRIOR_WEIGHT

    def bayesian_average(self, total: Decimal, count: int) -> Decimal:
        """(weight * prior mean + sum of scores) / (weight + count)."""
        return (self.weight * self.mean + total) / (self.weight + count)

    def for_matching(self) -> LibraryRatingPrior:
        """The same prior for the matcher's quality factor."""
        return LibraryRatingPrior(mean=float(self.mean), weight=float(self.weight))

    def bayesian_expression(
        self, total: SQLColumnExpression[Any], count: SQLColumnExpression[Any]
    ) -> ColumnElement[Any]:
        """The same average as SQL over a running total and count (to filter and sort)."""
        return (self.mean * self.weight + total) / (self.weight + count)


def overall(scores: Any) -> Decimal:
    """A review's overall score: the mean of its four dimensions."""
    return Decimal(sum(getattr(scores, name) for name in SCORES)) / 4


async def load_rating_prior(session: AsyncSession) -> RatingPrior:
    """The mean overall score of every counted review of a vendor (one aggregate)."""
    points = (
        col(Review.quality) + col(Review.communication) + col(Review.timeliness) + col(Review.value)
    )
    # Only reviews that move ratings shape the prior: vendors' reviews, counted ones.
    total, count = (
        await session.execute(
            select(func.sum(points), func.count(col(Review.id))).where(
                col(Review.direction) == ReviewDirection.BUSINESS_TO_VENDOR,
                col(Review.counted).is_(True),
            )
        )
    ).one()
    if not count:
        return RatingPrior()
    return RatingPrior(mean=Decimal(total) / (Decimal(count) * len(SCORES)))
