"""The one rating rule: a Bayesian average that pulls few reviews towards the marketplace
mean. The `vendors` page shows and sorts by it, and the matcher's quality factor uses the
same prior, so a rating reads the same everywhere.

The prior is published, not recomputed per read: one row (`rating_prior`) holds the mean
every rating is read under, with the marketplace's running totals beside it. Each
counted review adds to the totals; when their mean drifts from the published one by more
than PUBLISH_TOLERANCE the new mean is published, and the caller rescores the reviewed
vendors in the same transaction. Readers take the published row as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import SQLColumnExpression, func, literal, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from api.reviews.fields import ReviewDirection
from api.reviews.models import PublishedRatingPrior, Review
from matching import RatingPrior as LibraryRatingPrior

# How many reviews' worth of belief the marketplace mean carries.
PRIOR_WEIGHT = 10
# Before there are any reviews, assume a middling-good vendor.
DEFAULT_PRIOR_MEAN = Decimal("3.5")
SCORES = ("quality", "communication", "timeliness", "value")
# A published mean keeps four places; a drift below half a cent moves no shown average
# (rounded to cents) by more than one cent, so scores are rewritten only beyond it.
MEAN_PLACES = Decimal("0.0001")
PUBLISH_TOLERANCE = Decimal("0.005")
PRIOR_ROW = 1


@dataclass(frozen=True)
class RatingPrior:
    """The marketplace's mean overall score, and how many reviews it is worth."""

    mean: Decimal = DEFAULT_PRIOR_MEAN
    weight: int = PRIOR_WEIGHT

    def for_matching(self) -> LibraryRatingPrior:
        """The same prior for the matcher's quality factor."""
        return LibraryRatingPrior(mean=float(self.mean), weight=float(self.weight))

    def lift_expression(
        self, total: SQLColumnExpression[Any], count: SQLColumnExpression[Any]
    ) -> ColumnElement[Any]:
        """The Bayesian average (weight * mean + total) / (weight + count) less the mean,
        i.e. (total - count * mean) / (weight + count), as SQL over a running total and
        count: a vendor's stored lift, 0 for every vendor without reviews."""
        return (total - literal(self.mean) * count) / (self.weight + count)


@dataclass(frozen=True)
class CountedReview:
    """What counting a review did to the prior: the one to score under, and whether it
    was published just now (then every vendor's score must be rewritten)."""

    prior: RatingPrior
    republished: bool


def overall(scores: Any) -> Decimal:
    """A review's overall score: the mean of its four dimensions."""
    return Decimal(sum(getattr(scores, name) for name in SCORES)) / 4


def published_mean_sql() -> ColumnElement[Any]:
    """The published mean as SQL, to read in the same statement as the vendors whose
    lifts it completes (one snapshot: a lift never meets another prior's mean)."""
    published = (
        select(col(PublishedRatingPrior.mean))
        .where(col(PublishedRatingPrior.id) == PRIOR_ROW)
        .scalar_subquery()
    )
    return func.coalesce(published, DEFAULT_PRIOR_MEAN)


async def load_rating_prior(session: AsyncSession) -> RatingPrior:
    """The published prior (one primary-key read); the default before any is published."""
    row = (
        await session.execute(
            select(col(PublishedRatingPrior.mean), col(PublishedRatingPrior.weight)).where(
                col(PublishedRatingPrior.id) == PRIOR_ROW
            )
        )
    ).first()
    return RatingPrior() if row is None else RatingPrior(mean=Decimal(row[0]), weight=row[1])


async def count_review(session: AsyncSession, points: int) -> CountedReview:
    """Add a counted review (its four scores summed) to the marketplace totals, publishing
    their mean when it has drifted past the tolerance.

    The UPDATE locks the prior row until the transaction ends, so reviews count one at a
    time and a publication is never interleaved with another review's score. Call this
    before taking any vendor row lock (see api.vendors.scores)."""
    prior = PublishedRatingPrior
    counted = (
        await session.execute(
            update(prior)
            .where(col(prior.id) == PRIOR_ROW)
            .values(
                review_count=col(prior.review_count) + 1,
                points_total=col(prior.points_total) + points,
            )
            .returning(
                col(prior.mean), col(prior.weight), col(prior.review_count), col(prior.points_total)
            )
            .execution_options(synchronize_session=False)
        )
    ).first()
    if counted is None:
        # The row is gone (a wiped database): start it again from the reviews themselves,
        # the one just recorded included. A concurrent restart may win; then count on it.
        restarted = await _restart_totals(session)
        if restarted is None:
            return await count_review(session, points)
        return await _publish_if_drifted(session, DEFAULT_PRIOR_MEAN, PRIOR_WEIGHT, *restarted)
    published, weight, count, total = counted
    return await _publish_if_drifted(session, Decimal(published), weight, count, total)


async def _publish_if_drifted(
    session: AsyncSession, published: Decimal, weight: int, count: int, points_total: int
) -> CountedReview:
    current = marketplace_mean(count, points_total)
    if abs(current - published) <= PUBLISH_TOLERANCE:
        return CountedReview(RatingPrior(mean=published, weight=weight), republished=False)
    await session.execute(
        update(PublishedRatingPrior)
        .where(col(PublishedRatingPrior.id) == PRIOR_ROW)
        .values(mean=current)
        .execution_options(synchronize_session=False)
    )
    return CountedReview(RatingPrior(mean=current, weight=weight), republished=True)


def marketplace_mean(count: int, points_total: int) -> Decimal:
    """The mean overall score of `count` reviews, as published (four places)."""
    if not count:
        return DEFAULT_PRIOR_MEAN
    mean = Decimal(points_total) / (Decimal(count) * len(SCORES))
    return mean.quantize(MEAN_PLACES, ROUND_HALF_UP)


def _review_totals() -> Any:
    """(count, sum of the four scores) over every counted review of a vendor, as SQL."""
    points = (
        col(Review.quality) + col(Review.communication) + col(Review.timeliness) + col(Review.value)
    )
    return select(func.count(col(Review.id)), func.coalesce(func.sum(points), 0)).where(
        col(Review.direction) == ReviewDirection.BUSINESS_TO_VENDOR,
        col(Review.counted).is_(True),
    )


async def _restart_totals(session: AsyncSession) -> tuple[int, int] | None:
    """Insert the prior row from the reviews' totals (count, points), which it returns;
    None when another transaction inserted it first."""
    count, total = (await session.execute(_review_totals())).one()
    values = {
        "id": PRIOR_ROW,
        "mean": DEFAULT_PRIOR_MEAN,
        "weight": PRIOR_WEIGHT,
        "review_count": int(count),
        "points_total": int(total),
    }
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    inserted = await session.execute(
        insert(PublishedRatingPrior)
        .values(values)
        .on_conflict_do_nothing(index_elements=["id"])
        .returning(col(PublishedRatingPrior.id))
    )
    return (int(count), int(total)) if inserted.first() is not None else None
