"""Count the SQL statements an engine sends, for /metrics (`vendormatch_sql_statements_total`).

One integer increment per statement, from SQLAlchemy's `before_cursor_execute` event: the
statements a request costs (round trips, in effect) read as the counter's rise divided by
the requests answered meanwhile. `vendormatch bench api` reads it so; operators see a
request path that starts issuing a statement per item as a jump in its rate.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from api.core.metrics import sql_statements


def count_statements(engine: AsyncEngine) -> None:
    """Count every statement `engine` executes (an executemany counts once: one round trip)."""
    increment = sql_statements.inc

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def _count(
        _connection: Connection,
        _cursor: Any,
        _statement: str,
        _parameters: Any,
        _context: Any,
        _executemany: bool,
    ) -> None:
        increment()
