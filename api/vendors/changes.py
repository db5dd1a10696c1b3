"""Vendor change numbers: how each worker's match index learns which vendors changed.

A write that changes what the matcher reads of a vendor numbers its change with
`mark_changed`, in the write's own transaction: it takes the next value of the one-row
counter and stores it as the vendors' `change_seq`. Taking the value locks the counter's
row until the transaction ends, so numbers become visible in the order they were taken:
a reader that sees number n sees every change numbered below n, however long the
transaction holding it ran. A reader remembers the highest number it has seen and asks
only for the vendors numbered above it (an indexed read).
"""

from __future__ import annotations

import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.selectable import ScalarSelect
from sqlmodel import col

from api.vendors.models import Vendor, VendorChangeCounter
from api.vendors.views import KEYS, VIEW_COLUMNS, VendorView

COUNTER_ID = 1

# One statement on SQLite and PostgreSQL alike. Should the row be gone (a test's wipe, an
# operator's DELETE), it comes back numbering from the clock in microseconds: above every
# number handed out before, so no reader that saw those skips a change made after.
_TAKE_NEXT = text(
    "INSERT INTO vendor_change_counter (id, value) VALUES (:id, :restart) "
    "ON CONFLICT (id) DO UPDATE SET value = vendor_change_counter.value + 1 "
    "RETURNING value"
)


async def next_change(session: AsyncSession) -> int:
    """The next vendor change number; its row stays locked until this transaction ends."""
    restart = time.time_ns() // 1000
    number = await session.scalar(_TAKE_NEXT, {"id": COUNTER_ID, "restart": restart})
    assert number is not None  # the statement always returns the row it wrote
    return int(number)


async def mark_changed(session: AsyncSession, vendor_ids: Collection[int]) -> None:
    """Number this transaction's change to `vendor_ids`, so every worker's index re-reads
    them before its next match.

    Call it after the transaction's other writes to those vendors: the counter stays
    locked from here to the commit, so taking it last keeps that short, and every writer
    locks in the same order (vendor rows, then the counter), so none deadlocks another.
    """
    if not vendor_ids:
        return
    number = await next_change(session)
    await session.execute(
        update(Vendor)
        .where(col(Vendor.id).in_(vendor_ids))
        .values(change_seq=number)
        .execution_options(synchronize_session=False)
    )


def newest_change_sql() -> ScalarSelect[int]:
    """The last change number handed out, as a scalar subquery (a primary-key read), to be
    read with whatever else a caller reads in the same round trip; NULL when the counter's
    row is gone, which only a wipe of the data does."""
    return (
        select(col(VendorChangeCounter.value))
        .where(col(VendorChangeCounter.id) == COUNTER_ID)
        .scalar_subquery()
    )


async def newest_change(session: AsyncSession) -> int | None:
    """The last change number handed out; None when the counter's row is gone."""
    value = await session.scalar(select(newest_change_sql()))
    return None if value is None else int(value)


def views_with_newest_change(*also: ColumnElement[Any]) -> Select[Any]:
    """One statement: the last change number handed out and `also` (scalar subqueries a
    caller reads in the same snapshot), then the profiles of the vendors in `keys`; one
    row of NULL profile columns when none is found, so the numbers always come back.
    Build it once and read it with `read_views_with_numbers`."""
    numbers = select(newest_change_sql().label("newest_change"), *also).subquery("numbers")
    return select(*numbers.c, *VIEW_COLUMNS).select_from(
        numbers.outerjoin(Vendor, col(Vendor.id).in_(KEYS))
    )


async def read_views_with_numbers(
    session: AsyncSession, statement: Select[Any], vendor_ids: Sequence[int]
) -> tuple[dict[int, VendorView], tuple[Any, ...]]:
    """The profiles found, by id, and the leading numbers (the newest change number first)
    of a `views_with_newest_change` statement."""
    rows = (await session.execute(statement, {"keys": list(vendor_ids)})).all()
    width = len(rows[0]) - len(VendorView._fields)
    views = {row[width]: VendorView._make(row[width:]) for row in rows if row[width] is not None}
    return views, tuple(rows[0][:width])


@dataclass(frozen=True)
class Changes:
    """The vendors changed after a number, and how many vendors there are now."""

    vendor_ids: list[int]
    newest: int
    vendor_count: int


async def changes_since(session: AsyncSession, seen: int) -> Changes:
    """Vendors numbered above `seen` and the vendor count, in one statement (one snapshot,
    so the count and the changes agree)."""
    total = select(func.count().label("total")).select_from(Vendor).subquery()
    rows = (
        await session.execute(
            select(total.c.total, col(Vendor.id), col(Vendor.change_seq)).select_from(
                total.outerjoin(Vendor, col(Vendor.change_seq) > seen)
            )
        )
    ).all()
    vendor_ids = [vendor_id for _, vendor_id, _ in rows if vendor_id is not None]
    newest = max((number for _, _, number in rows if number is not None), default=seen)
    return Changes(vendor_ids=vendor_ids, newest=newest, vendor_count=int(rows[0][0]))
