"""The `vendors` order as SQL, and its keyset: where a page ends and the next begins.

Every order is (key, id), the id breaking ties. A cursor stores the last row's key as
the database returned it (a lower-cased name, a rate, a creation time) and its id.
The RATING key is each vendor's stored lift (api.vendors.scores), which an index serves.
A lift moves when its vendor is reviewed, and reviewed vendors' lifts move when a new
prior is published; the next page therefore continues from the cursor row's lift as it is now,
read in the same statement (the cursor's value is only the fallback when that row has
gone), so that a page boundary follows its vendor.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from functools import cache, cached_property
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import SQLColumnExpression
from sqlmodel import col

from api.graphql.pagination import KeyValue, Position, after_position, aware_datetime
from api.values.checks import has_control_characters
from api.values.money import MONEY_DIGITS, MONEY_PLACES
from api.vendors.models import Vendor


class VendorOrderField(enum.Enum):
    RATING = "RATING"
    RATE = "RATE"
    NAME = "NAME"
    NEWEST = "NEWEST"


class OrderDirection(enum.Enum):
    ASC = "ASC"
    DESC = "DESC"


@dataclass(frozen=True)
class VendorOrdering:
    key: SQLColumnExpression[Any]
    descending: bool
    # The key as the database returned it, as JSON for a cursor; and back (ValueError
    # when a cursor holds something this order cannot have written).
    to_json: Callable[[Any], KeyValue]
    anchor: Callable[[Position], Any]

    def apply(self, statement: Select[Any]) -> Select[Any]:
        return statement.order_by(*self._order_by)

    @cached_property
    def _order_by(self) -> tuple[ColumnElement[Any], ColumnElement[Any]]:
        """The ORDER BY clauses, built once per ordering (and orderings once each)."""
        key = self.key.desc() if self.descending else self.key.asc()
        return key, col(Vendor.id).asc()  # ties: the oldest id first

    def after(self, position: Position) -> ColumnElement[bool]:
        anchor = self.anchor(position)
        # The first condition alone is redundant; it gives an index on the key a range to
        # start from, where the OR below would have it scan from the first row.
        return and_(
            self.key <= anchor if self.descending else self.key >= anchor,
            after_position(
                self.key,
                anchor,
                col(Vendor.id),
                position.id,
                key_descending=self.descending,
                id_descending=False,
            ),
        )


@cache
def vendor_ordering(field_: VendorOrderField, direction: OrderDirection | None) -> VendorOrdering:
    """The order for a field and direction; built once each (an ordering holds immutable
    SQL expressions and functions only)."""
    if field_ is VendorOrderField.RATING:
        return _rating((direction or OrderDirection.DESC) is OrderDirection.DESC)
    if field_ is VendorOrderField.RATE:
        descending = direction is OrderDirection.DESC
        return VendorOrdering(col(Vendor.rate_min_base), descending, str, _stored(_decimal))
    if field_ is VendorOrderField.NAME:
        descending = direction is OrderDirection.DESC
        return VendorOrdering(func.lower(Vendor.name), descending, str, _stored(_text))
    descending = (direction or OrderDirection.DESC) is OrderDirection.DESC
    return VendorOrdering(col(Vendor.created_at), descending, _datetime_json, _stored(_datetime))


def _rating(descending: bool) -> VendorOrdering:
    key = col(Vendor.rating_lift)
    last = aliased(Vendor)

    def anchor(position: Position) -> Any:
        fallback = _number(position.key)
        row_key = select(col(last.rating_lift)).where(col(last.id) == position.id).scalar_subquery()
        return func.coalesce(row_key, fallback)

    return VendorOrdering(key, descending, float, anchor)


def _stored(parse: Callable[[KeyValue], Any]) -> Callable[[Position], Any]:
    return lambda position: parse(position.key)


# What NUMERIC(MONEY_DIGITS, MONEY_PLACES) holds: PostgreSQL refuses a bind beyond it.
MONEY_BOUND = Decimal(10) ** (MONEY_DIGITS - MONEY_PLACES)
MONEY_STEP = Decimal(1).scaleb(-MONEY_PLACES)


def _text(value: KeyValue) -> str:
    """Text a stored name could be (no NUL or other control characters)."""
    if not isinstance(value, str) or has_control_characters(value):
        raise ValueError(value)
    return value


def _decimal(value: KeyValue) -> Decimal:
    """An amount the rate column could hold: finite, within its digits and places."""
    text = _text(value)
    if len(text) > 2 * MONEY_DIGITS:
        raise ValueError(value)
    try:
        number = Decimal(text)
        if not number.is_finite() or not -MONEY_BOUND < number < MONEY_BOUND:
            raise ValueError(value)
        if number != number.quantize(MONEY_STEP):
            raise ValueError(value)
    except InvalidOperation as error:
        raise ValueError(value) from error
    return number


def _number(value: KeyValue) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise ValueError(value)
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(value)
    return number


def _datetime_json(value: datetime) -> str:
    return value.isoformat()


def _datetime(value: KeyValue) -> datetime:
    return aware_datetime(value)
