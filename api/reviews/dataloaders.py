"""Review loaders: reviews by id, review pages and counts for many vendors (or businesses)
at once, and businesses' ratings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sqlalchemy import ColumnElement, func, select
from sqlmodel import col

from api.graphql.dataloaders import RequestLoader, RowByKeyLoader
from api.graphql.pagination import Position, after_position, datetime_key, encode_position
from api.reviews.fields import ReviewDirection
from api.reviews.models import Review
from api.reviews.service import business_ratings


class ReviewByIdLoader(RowByKeyLoader[int, Review]):
    model = Review
    key = Review.id


# Reviews list newest first, the only order they have.
REVIEW_ORDER = "reviews:NEWEST:DESC"


@dataclass(frozen=True)
class ReviewPageKey:
    """A page of the reviews about one party: a vendor, or a business account."""

    vendor_id: int
    after: Position | None
    limit: int


class ReviewPageByVendorLoader(RequestLoader[ReviewPageKey, list[tuple[Review, str]]]):
    """Newest-first pages of the reviews about many vendors (business-to-vendor reviews,
    counted or not), in one windowed statement per distinct `after`."""

    # The column naming the party reviewed.
    about: ClassVar[str] = "vendor_id"
    direction: ClassVar[ReviewDirection] = ReviewDirection.BUSINESS_TO_VENDOR

    async def batch_load(self, keys: list[ReviewPageKey]) -> list[list[tuple[Review, str]]]:
        pages: dict[ReviewPageKey, list[tuple[Review, str]]] = {}
        for after in dict.fromkeys(key.after for key in keys):
            group = [key for key in keys if key.after == after]
            pages |= await self._pages(group, after)
        return [pages[key] for key in keys]

    async def _pages(
        self, keys: list[ReviewPageKey], after: Position | None
    ) -> dict[ReviewPageKey, list[tuple[Review, str]]]:
        name = type(self).about
        about = col(getattr(Review, name))
        row_number = (
            func.row_number()
            .over(
                partition_by=about,
                order_by=(col(Review.created_at).desc(), col(Review.id).desc()),
            )
            .label("position")
        )
        conditions: list[ColumnElement[bool]] = [
            about.in_({key.vendor_id for key in keys}),
            col(Review.direction) == type(self).direction,
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
        by_party: dict[int, list[tuple[int, Review]]] = {}
        for review, position in rows:
            by_party.setdefault(getattr(review, name), []).append((position, review))
        pages = {}
        for key in keys:
            ordered = [r for _, r in sorted(by_party.get(key.vendor_id, []), key=lambda p: p[0])]
            pages[key] = [(r, _cursor(r)) for r in ordered[: key.limit]]
        return pages


class ReviewPageByBusinessLoader(ReviewPageByVendorLoader):
    """The same pages for the reviews vendors wrote about businesses (key: the account)."""

    about = "business_id"
    direction = ReviewDirection.VENDOR_TO_BUSINESS


class ReviewCountByVendorLoader(RequestLoader[int, int]):
    """How many reviews (counted or not) vendors' pages list."""

    async def batch_load(self, keys: list[int]) -> list[int]:
        rows = await self.session.execute(
            select(col(Review.vendor_id), func.count())
            .where(
                col(Review.vendor_id).in_(keys),
                col(Review.direction) == ReviewDirection.BUSINESS_TO_VENDOR,
            )
            .group_by(col(Review.vendor_id))
        )
        counts = {vendor_id: int(count) for vendor_id, count in rows}
        return [counts.get(key, 0) for key in keys]


class ReviewCountByBusinessLoader(RequestLoader[int, int]):
    async def batch_load(self, keys: list[int]) -> list[int]:
        rows = await self.session.execute(
            select(col(Review.business_id), func.count())
            .where(
                col(Review.business_id).in_(keys),
                col(Review.direction) == ReviewDirection.VENDOR_TO_BUSINESS,
            )
            .group_by(col(Review.business_id))
        )
        counts = {business_id: int(count) for business_id, count in rows}
        return [counts.get(key, 0) for key in keys]


class BusinessRatingLoader(RequestLoader[int, tuple[int, float | None]]):
    """(counted reviews, mean overall score) per business account, in one statement."""

    async def batch_load(self, keys: list[int]) -> list[tuple[int, float | None]]:
        ratings = await business_ratings(self.session, list(keys))
        return [ratings[key] for key in keys]


def _cursor(review: Review) -> str:
    assert review.id is not None
    return encode_position(review.created_at.isoformat(), review.id, REVIEW_ORDER)
