"""Async engine and session factory for SQLite (default) and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.pool import ConnectionPoolEntry

from api.core.sql_metrics import count_statements

T = TypeVar("T")

# Connections each process keeps open to PostgreSQL, and how many more a burst may open.
POOL_SIZE = 10
POOL_OVERFLOW = 20


def create_engine(url: str) -> AsyncEngine:
    """An engine for `url`; SQLite gets foreign keys, WAL and a busy timeout.

    `hide_parameters`: an error's message (and so its logged traceback) leaves out the
    statement's bound values, which may be a client's email or password hash.

    No `pool_pre_ping`: with asyncpg it costs two round trips (a BEGIN and a ROLLBACK) on
    every checkout, as many as a vendors page's own statements. A connection the server
    dropped fails its statement instead; SQLAlchemy then discards every pooled connection
    older than the failure, and the request is answered 503 (api.core.outage), once.
    `pool_size`: one connection per request in flight; a larger steady pool keeps bursts
    of concurrent requests from opening (and closing) overflow connections.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        engine = create_async_engine(
            url, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW, hide_parameters=True
        )
        count_statements(engine)
        return engine
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(url, connect_args={"timeout": 30}, hide_parameters=True)
    count_statements(engine)

    @event.listens_for(engine.sync_engine, "connect")
    def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "savepoint")
    def _begin_before_savepoint(connection: Connection, _name: str) -> None:
        """The sqlite3 driver opens a transaction only at the first INSERT/UPDATE/DELETE,
        so a SAVEPOINT after nothing but reads would open one of SQLite's own, which its
        RELEASE commits at once: work the request later rolls back would stay written.
        Open the real transaction first."""
        driver = connection.connection.dbapi_connection
        if driver is not None and not _in_transaction(driver):
            connection.exec_driver_sql("BEGIN")

    return engine


def _in_transaction(driver: Any) -> bool:
    """Whether the sqlite3 connection under aiosqlite's adapter has a transaction open."""
    return bool(driver._connection.in_transaction)


class SerialSession(AsyncSession):
    """An AsyncSession that queues concurrent callers instead of failing.

    GraphQL resolves sibling fields (and their DataLoader batches) concurrently, but one
    session owns one connection, which takes one statement at a time.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._serial_lock = asyncio.Lock()
        self._serial_owner: asyncio.Task[Any] | None = None

    async def _serially(self, call: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any) -> T:
        task = asyncio.current_task()
        if task is not None and task is self._serial_owner:
            return await call(*args, **kwargs)  # re-entry, e.g. scalars() calling execute()
        async with self._serial_lock:
            self._serial_owner = task
            try:
                return await call(*args, **kwargs)
            finally:
                self._serial_owner = None

    async def execute(self, *args: Any, **kwargs: Any) -> Any:
        return await self._serially(super().execute, *args, **kwargs)

    async def scalar(self, *args: Any, **kwargs: Any) -> Any:
        return await self._serially(super().scalar, *args, **kwargs)

    async def scalars(self, *args: Any, **kwargs: Any) -> Any:
        return await self._serially(super().scalars, *args, **kwargs)

    async def get(self, *args: Any, **kwargs: Any) -> Any:
        return await self._serially(super().get, *args, **kwargs)

    async def flush(self, *args: Any, **kwargs: Any) -> None:
        await self._serially(super().flush, *args, **kwargs)

    async def commit(self) -> None:
        await self._serially(super().commit)

    async def rollback(self) -> None:
        await self._serially(super().rollback)

    async def close(self) -> None:
        await self._serially(super().close)


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit and tolerate concurrent fields."""
    return async_sessionmaker(engine, expire_on_commit=False, class_=SerialSession)


# Set in a read session's `info` while it holds a transaction it opened for a write.
_WRITING = "read_session_writing"


class _ReadSyncSession(Session):
    """The synchronous half of a ReadSession, where the write checks listen."""


def _begin_before_writing(session: Session) -> None:
    """Open a transaction on the autocommit connection before a read session's first
    write, so the write stays atomic and is undone at close unless committed."""
    if not session.info.get(_WRITING):
        session.connection().exec_driver_sql("BEGIN")
        session.info[_WRITING] = True


@event.listens_for(_ReadSyncSession, "do_orm_execute")
def _before_statement(state: ORMExecuteState) -> None:
    if state.statement.is_dml:
        _begin_before_writing(state.session)


@event.listens_for(_ReadSyncSession, "before_flush")
def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    _begin_before_writing(session)


class ReadSession(SerialSession):
    """A session for read-only operations, on a connection in autocommit mode: no BEGIN
    before its first statement, no ROLLBACK when it closes (two round trips a request).

    A read path may still write (settling a lapsed award, say). Before its first write
    the session sends BEGIN itself; close (or rollback) sends ROLLBACK and commit sends
    COMMIT, so such writes behave exactly as in a transactional session.
    """

    async def _end_writes(self, verb: str) -> None:
        if self.info.pop(_WRITING, False):
            connection = await self.connection()
            await connection.exec_driver_sql(verb)

    async def commit(self) -> None:
        await self._serially(self._end_writes, "COMMIT")
        await super().commit()

    async def rollback(self) -> None:
        await self._serially(self._end_writes, "ROLLBACK")
        await super().rollback()

    async def close(self) -> None:
        try:
            await self._serially(self._end_writes, "ROLLBACK")
        finally:
            await super().close()


def create_read_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions for read-only operations (GraphQL queries): like create_session_factory's,
    on the same pool, but each connection runs in autocommit mode while checked out.

    Not on SQLite: its driver sends no BEGIN before reads anyway, and switching a
    connection's mode costs two trips to aiosqlite's thread and a PRAGMA (measured: a
    two-SELECT session 0.8-1.0 -> 1.1-1.5 ms CPU), so there it is the usual factory.
    """
    if engine.dialect.name == "sqlite":
        return create_session_factory(engine)
    autocommit = engine.execution_options(isolation_level="AUTOCOMMIT")
    return async_sessionmaker(
        autocommit,
        expire_on_commit=False,
        class_=ReadSession,
        sync_session_class=_ReadSyncSession,
    )


@asynccontextmanager
async def transaction(
    sessions: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    """A session inside one transaction: committed on success, rolled back on error."""
    async with sessions() as session, session.begin():
        yield session
