"""Review loaders: the marketplace-wide prior, and review pages for many vendors at once."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader

from api.reviews.models import Review
from api.vendors.models import Vendor

# How many reviews' worth of belief the marketplace mean carries in a Bayesian average.
PRIOR_WEIGHT = 10
# Before there are any reviews, assume a middling-good vendor.
DEFAULT_PRIOR_MEAN = Decimal("3.5")


@dataclass(frozen=True)
class RatingPrior:
    mean: Decimal
    weight: int = PRIOR_WEIGHT

    def bayesian_average(self, total: Decimal, count: int) -> Decimal:
        """(weight * prior mean + sum of scores) / (weight + count)."""
        return (self.weight * self.mean + total) / (self.weight + count)


class RatingPriorLoader(DataLoader[None, RatingPrior]):
    """One aggregate per request, however many vendors ask."""

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(load_fn=self._load)
        self.session = session

    async def _load(self, keys: list[None]) -> list[RatingPrior]:
        total, count = (
            await self.session.execute(
                select(func.sum(Vendor.rating_sum), func.sum(Vendor.review_count))
            )
        ).one()
        mean = Decimal(total) / Decimal(count) if count else DEFAULT_PRIOR_MEAN
        return [RatingPrior(mean=mean)] * len(keys)


@dataclass(frozen=True)
class ReviewPageKey:
    vendor_id: int
    offset: int
    limit: int


class ReviewPageLoader(DataLoader[ReviewPageKey, list[Review]]):
    """Newest-first review pages for many vendors in one windowed statement."""

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(load_fn=self._load)
        self.session = session

    async def _load(self, keys: list[ReviewPageKey]) -> list[list[Review]]:
        row_number = (
            func.row_number()
            .over(
                partition_by=Review.vendor_id, order_by=(Review.created_at.desc(), Review.id.desc())
            )
            .label("position")
        )
        ranked = (
            select(Review.id, row_number)
            .where(Review.vendor_id.in_({key.vendor_id for key in keys}))
            .subquery()
        )
        deepest = max(key.offset + key.limit for key in keys)
        statement = (
            select(Review, ranked.c.position)
            .join(ranked, ranked.c.id == Review.id)
            .where(ranked.c.position <= deepest)
        )
        rows = (await self.session.execute(statement)).all()
        by_vendor: dict[int, list[tuple[int, Review]]] = {}
        for review, position in rows:
            by_vendor.setdefault(review.vendor_id, []).append((position, review))
        pages = []
        for key in keys:
            ordered = [r for _, r in sorted(by_vendor.get(key.vendor_id, []), key=lambda p: p[0])]
            pages.append(ordered[key.offset : key.offset + key.limit])
        return pages
