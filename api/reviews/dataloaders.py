"""Review loaders: the marketplace-wide rating prior, reviews by id, and review pages for
many vendors at once."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlmodel import col

from api.graphql.dataloaders import RequestLoader, RowByKeyLoader
from api.graphql.pagination import Position, after_position, datetime_key, encode_position
from api.reviews.models import Review
from api.reviews.rating import RatingPrior, load_rating_prior


class RatingPriorLoader(RequestLoader[None, RatingPrior]):
    """One aggregate per request, however many vendors ask."""

    async def batch_load(self, keys: list[None]) -> list[RatingPrior]:
        return [await load_rating_prior(self.session)] * len(keys)


class ReviewByIdLoader(RowByKeyLoader[int, Review]):
    model = Review
    key = Review.id


# Reviews list newest first, the only order they have.
REVIEW_ORDER = "reviews:NEWEST:DESC"


@dataclass(frozen=True)
class ReviewPageKey:
    vendor_id: int
    after: Position | None
    limit: int


class ReviewPageByVendorLoader(RequestLoader[ReviewPageKey, list[tuple[Review, str]]]):
    """Newest-first review pages (each review with its cursor) for many vendors, in one
    windowed statement per distinct `after` (a list of vendors asks with none)."""

    async def batch_load(self, keys: list[ReviewPageKey]) -> list[list[tuple[Review, str]]]:
        pages: dict[ReviewPageKey, list[tuple[Review, str]]] = {}
        for after in dict.fromkeys(key.after for key in keys):
            group = [key for key in keys if key.after == after]
            pages |= await self._pages(group, after)
        return [pages[key] for key in keys]

    async def _pages(
        self, keys: list[ReviewPageKey], after: Position | None
    ) -> dict[ReviewPageKey, list[tuple[Review, str]]]:
        row_number = (
            func.row_number()
            .over(
                partition_by=col(Review.vendor_id),
                order_by=(col(Review.created_at).desc(), col(Review.id).desc()),
            )
            .label("position")
        )
        conditions: list[ColumnElement[bool]] = [
            col(Review.vendor_id).in_({key.vendor_id for key in keys})
        ]
        if after is not None:
            conditions.append(
                after_position(
                    col(Review.created_at),
                    datetime_key(after.require_order(REVIEW_ORDER)),
                    col(Review.id),
                    after.id,
                    key_descending=True,
                    id_descending=True,
                )
            )
        ranked = select(col(Review.id), row_number).where(*conditions).subquery()
        deepest = max(key.limit for key in keys)
        statement = (
            select(Review, ranked.c.position)
            .join(ranked, ranked.c.id == Review.id)
            .where(ranked.c.position <= deepest)
        )
        rows = (await self.session.execute(statement)).all()
        by_vendor: dict[int, list[tuple[int, Review]]] = {}
        for review, position in rows:
            by_vendor.setdefault(review.vendor_id, []).append((position, review))
        pages = {}
        for key in keys:
            ordered = [r for _, r in sorted(by_vendor.get(key.vendor_id, []), key=lambda p: p[0])]
            pages[key] = [(r, _cursor(r)) for r in ordered[: key.limit]]
        return pages


def _cursor(review: Review) -> str:
    assert review.id is not None
    return encode_position(review.created_at.isoformat(), review.id, REVIEW_ORDER)
