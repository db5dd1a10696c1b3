"""DataLoader base classes: one instance per request, one statement per batch, results in
key order. Domains declare `<Thing>By<Key>Loader` subclasses in their dataloaders.py."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any, ClassVar, Generic, Self, TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute
from strawberry.dataloader import DataLoader

from api.graphql.context import Context

Key = TypeVar("Key")
Value = TypeVar("Value")
Row = TypeVar("Row")


class RequestLoader(DataLoader[Key, Value]):
    """A DataLoader made once per request: `VendorByIdLoader.of(info.context).load(pk)`."""

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(load_fn=self.batch_load)
        self.session = session

    @classmethod
    def of(cls, context: Context) -> Self:
        loader = context.loaders.get(cls)
        if loader is None:
            loader = context.loaders[cls] = cls(context.session)
        assert isinstance(loader, cls)
        return loader

    async def batch_load(self, keys: list[Key]) -> Sequence[Value]:
        raise NotImplementedError


class RowByKeyLoader(RequestLoader[Key, Row | None], Generic[Key, Row]):
    """One row per key (or None): subclasses name the `model` and its `key` column."""

    model: ClassVar[type[Any]]
    key: ClassVar[InstrumentedAttribute[Any]]

    async def batch_load(self, keys: list[Key]) -> list[Row | None]:
        # Read the column from the class: on an instance it would act as a descriptor.
        cls = type(self)
        return await rows_by_key(self.session, cls.model, cls.key, keys)


class RowsByKeyLoader(RequestLoader[Key, list[Row]], Generic[Key, Row]):
    """All rows per key, in `order_by` order: subclasses name `model`, `key`, `order_by`."""

    model: ClassVar[type[Any]]
    key: ClassVar[InstrumentedAttribute[Any]]
    order_by: ClassVar[tuple[Any, ...]] = ()

    async def batch_load(self, keys: list[Key]) -> list[list[Row]]:
        cls = type(self)  # as above: columns are read from the class
        statement = select(cls.model).where(cls.key.in_(keys)).order_by(*cls.order_by)
        groups: dict[Any, list[Row]] = defaultdict(list)
        for row in (await self.session.execute(statement)).scalars():
            groups[getattr(row, cls.key.key)].append(row)
        return [groups.get(k, []) for k in keys]


async def rows_by_key(
    session: AsyncSession, model: type[Row], key: InstrumentedAttribute[Any], keys: Sequence[Any]
) -> list[Row | None]:
    """One row per key (or None), in the order of `keys`, in one statement."""
    rows = (await session.execute(select(model).where(key.in_(keys)))).scalars().all()
    found = {getattr(row, key.key): row for row in rows}
    return [found.get(k) for k in keys]
