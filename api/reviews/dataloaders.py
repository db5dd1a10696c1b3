"""Review loaders: the marketplace-wide rating prior, reviews by id, and review pages for
many vendors at once."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlmodel import col

from api.graphql.dataloaders import RequestLoader, RowByKeyLoader
from api.reviews.models import Review
from api.reviews.rating import RatingPrior, load_rating_prior


class RatingPriorLoader(RequestLoader[None, RatingPrior]):
    """One aggregate per request, however many vendors ask."""

    async def batch_load(self, keys: list[None]) -> list[RatingPrior]:
        return [await load_rating_prior(self.session)] * len(keys)


class ReviewByIdLoader(RowByKeyLoader[int, Review]):
    model = Review
    key = Review.id


@dataclass(frozen=True)
class ReviewPageKey:
    vendor_id: int
    offset: int
    limit: int


class ReviewPageByVendorLoader(RequestLoader[ReviewPageKey, list[Review]]):
    """Newest-first review pages for many vendors in one windowed statement."""

    async def batch_load(self, keys: list[ReviewPageKey]) -> list[list[Review]]:
        row_number = (
            func.row_number()
            .over(
                partition_by=col(Review.vendor_id),
                order_by=(col(Review.created_at).desc(), col(Review.id).desc()),
            )
            .label("position")
        )
        ranked = (
            select(col(Review.id), row_number)
            .where(col(Review.vendor_id).in_({key.vendor_id for key in keys}))
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
