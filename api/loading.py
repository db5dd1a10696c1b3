"""Batch-loading helpers that DataLoaders share: one statement per batch, results in key order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

Row = TypeVar("Row")


async def by_key(
    session: AsyncSession, model: type[Row], key: InstrumentedAttribute[Any], keys: Sequence[Any]
) -> list[Row | None]:
    """One row per key (or None), in the order of `keys`."""
    rows = (await session.execute(select(model).where(key.in_(keys)))).scalars().all()
    found = {getattr(row, key.key): row for row in rows}
    return [found.get(k) for k in keys]


async def grouped(
    session: AsyncSession,
    model: type[Row],
    key: InstrumentedAttribute[Any],
    keys: Sequence[Any],
    *,
    order_by: Sequence[Any] = (),
) -> list[list[Row]]:
    """All rows per key, in the order of `keys`."""
    statement: Select[Any] = select(model).where(key.in_(keys)).order_by(*order_by)
    rows = (await session.execute(statement)).scalars().all()
    groups: dict[Any, list[Row]] = defaultdict(list)
    for row in rows:
        groups[getattr(row, key.key)].append(row)
    return [groups.get(k, []) for k in keys]
