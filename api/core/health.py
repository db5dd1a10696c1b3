"""Readiness: the database answers and its schema is at the migrations' head."""

from __future__ import annotations

import asyncio
from functools import cache

from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

from api.core.migrate import alembic_config
from api.core.outage import database_unavailable

# A probe that hangs is as bad as one that fails; orchestrators time out too.
PROBE_SECONDS = 5.0


@cache
def migration_heads(url: str) -> frozenset[str]:
    """The revisions `vendormatch serve` would migrate to (read from the shipped scripts)."""
    return frozenset(ScriptDirectory.from_config(alembic_config(url)).get_heads())


async def _applied_revisions(engine: AsyncEngine) -> frozenset[str]:
    async with engine.connect() as connection:
        rows = await connection.execute(text("SELECT version_num FROM alembic_version"))
        return frozenset(str(row[0]) for row in rows)


async def unready_reason(engine: AsyncEngine) -> str | None:
    """None when ready; otherwise what an operator should look at."""
    try:
        applied = await asyncio.wait_for(_applied_revisions(engine), PROBE_SECONDS)
    except TimeoutError:
        return "the database did not answer in time"
    except SQLAlchemyError as error:
        if database_unavailable(error):
            return "the database is unreachable"
        return "the database has no migration history; run `vendormatch serve` or migrate"
    except OSError:
        return "the database is unreachable"
    expected = migration_heads(engine.url.render_as_string(hide_password=False))
    if applied != expected:
        return f"migrations are not current (at {sorted(applied)}, expected {sorted(expected)})"
    return None
