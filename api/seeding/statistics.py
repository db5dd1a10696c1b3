"""Planner statistics kept current while a bulk load grows the vendor tables.

The load looks owners and slugs up by batch (`IN` over a thousand keys) through statements
the driver prepares once. PostgreSQL plans a prepared statement for the table as it was:
planned against a few hundred rows, with no statistics (autovacuum off, or too slow to
catch up with the load), it keeps a sequential scan comparing every row with every key
long after the table has grown, which at 60,000 vendors cost 2-4 s per lookup. ANALYZE
gives the planner the table's real size and invalidates those plans; doing it each time
the table has doubled costs a handful of ANALYZEs per load. At the end every table is
analyzed once, so the API's reads (a page's skills by vendor id, say) are planned for the
loaded tables too rather than for an estimate of tens of thousands of rows per key.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.auth.models import Account
from api.vendors.bulk_rows import model_table
from api.vendors.models import Vendor

FIRST_AT = 1000  # vendors loaded before the first ANALYZE
# The tables whose keys each batch reads: accounts by e-mail, vendors by owner and slug.
LOOKED_UP = (Account, Vendor)


class StatisticsSchedule:
    """Says when a load has grown the tables enough to analyze them again: at FIRST_AT
    vendors, then each time the count has doubled."""

    def __init__(self) -> None:
        self.next_at = FIRST_AT

    def due(self, loaded: int) -> bool:
        if loaded < self.next_at:
            return False
        self.next_at = 2 * loaded
        return True


async def analyze_looked_up_tables(sessions: async_sessionmaker[AsyncSession]) -> None:
    """ANALYZE the tables a batch looks keys up in (PostgreSQL; SQLite plans each statement
    afresh and picks the unique indexes without statistics)."""
    tables = ", ".join(model_table(model).name for model in LOOKED_UP)
    await _analyze(sessions, f"ANALYZE {tables}")


async def analyze_after_load(sessions: async_sessionmaker[AsyncSession]) -> None:
    """ANALYZE every table once a load has written (PostgreSQL; samples, so a few seconds
    at 100,000 vendors)."""
    await _analyze(sessions, "ANALYZE")


async def _analyze(sessions: async_sessionmaker[AsyncSession], statement: str) -> None:
    async with sessions() as session, session.begin():
        if session.get_bind().dialect.name == "postgresql":
            await session.execute(text(statement))
