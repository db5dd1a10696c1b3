"""The numbers a worker's index and weights are current for, read alone or together with
the profiles of the vendors a ranking returned.

A match checks the numbers once per request. Read before ranking, they cost a round trip
of their own and the profiles another; read with the profiles after ranking on the index
as it stands, the common case (nothing changed since the worker last looked) costs one.
When they moved, the ranking is done again on the updated index (see ranking.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.matches.service import newest_model_sql
from api.vendors.changes import (
    newest_change_sql,
    read_views_with_numbers,
    views_with_newest_change,
)
from api.vendors.views import VendorView


@dataclass(frozen=True)
class Numbers:
    """The vendor change counter (None when its row is gone) and the newest fitted weight
    set's id (None when none was fitted), from one snapshot."""

    changes: int | None
    model: int | None

    @classmethod
    def of(cls, changes: Any, model: Any) -> Numbers:
        return cls(None if changes is None else int(changes), None if model is None else int(model))


@cache
def _numbers() -> Select[int, int]:
    """Two primary-key or index reads, built once (the statement has no parameters)."""
    return select(newest_change_sql(), newest_model_sql())


@cache
def _views_with_numbers() -> Select[Any]:
    return views_with_newest_change(newest_model_sql().label("newest_model"))


async def read_numbers(session: AsyncSession) -> Numbers:
    changes, model = (await session.execute(_numbers())).one()
    return Numbers.of(changes, model)


async def views_with_numbers(
    session: AsyncSession, vendor_ids: Sequence[int]
) -> tuple[dict[int, VendorView], Numbers]:
    """The profiles of `vendor_ids` found, by id, and the numbers, in one statement."""
    views, (changes, model) = await read_views_with_numbers(
        session, _views_with_numbers(), vendor_ids
    )
    return views, Numbers.of(changes, model)
