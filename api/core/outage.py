"""Which exceptions mean "the database cannot be reached right now" (answered with 503)."""

from __future__ import annotations

import asyncpg
from sqlalchemy import exc as sa

# Connection refused or reset, DNS, timeouts (TimeoutError is an OSError).
_UNREACHABLE: tuple[type[BaseException], ...] = (
    OSError,
    sa.OperationalError,  # SQLite cannot open the file or is locked; PostgreSQL went away
    sa.DisconnectionError,
    sa.TimeoutError,  # the pool had no connection to give in time
    asyncpg.PostgresConnectionError,  # includes "connection was closed" mid-statement
    asyncpg.CannotConnectNowError,
    asyncpg.TooManyConnectionsError,
    asyncpg.AdminShutdownError,
    asyncpg.CrashShutdownError,
)


def database_unavailable(error: BaseException) -> bool:
    """True when `error`, or what it was raised from, says the database is unreachable.

    Such failures are the operator's, not the client's: the client should retry later,
    so they are answered 503 with Retry-After rather than masked as a bug.
    """
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, sa.DBAPIError) and current.connection_invalidated:
            return True
        if isinstance(current, _UNREACHABLE):
            return True
        current = current.__cause__ or current.__context__
    return False
