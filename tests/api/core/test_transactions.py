"""A request's transaction is all or nothing on SQLite too, savepoints included."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import async_sessionmaker

from api.core.db import create_engine


class Refused(Exception):
    pass


def test_work_in_a_savepoint_after_reads_rolls_back_with_the_transaction(
    tmp_path: Path,
) -> None:
    """sqlite3 opens its transaction at the first write; a savepoint after only reads
    once opened one of SQLite's own, committed by its RELEASE (a vendor's slug insert, a
    thread created for a refused message), so a refused request left rows behind."""

    async def rows_left() -> list[str]:
        engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'savepoint.db'}")
        async with engine.begin() as connection:
            await connection.execute(text("CREATE TABLE t (v TEXT)"))
        sessions = async_sessionmaker(engine)
        with pytest.raises(Refused):
            async with sessions() as session, session.begin():
                await session.execute(text("SELECT 1"))
                async with session.begin_nested():
                    await session.execute(text("INSERT INTO t VALUES ('in the savepoint')"))
                await session.execute(text("INSERT INTO t VALUES ('after it')"))
                raise Refused
        async with sessions() as session:
            left = list((await session.execute(text("SELECT v FROM t"))).scalars())
        await engine.dispose()
        return left

    assert asyncio.run(rows_left()) == []
