"""Each worker's in-memory MatchIndex, kept in step with writes made through any worker.

Before every match the worker asks the database which vendors changed since the newest
`updated_at` it has seen (less a safety margin, because a transaction stamps `updated_at`
before it commits) and upserts only those. Many workers behind one PostgreSQL therefore
each see a write made through any of them before their next match.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.matches.models import MatchModel
from api.matches.records import vendor_records
from api.reference.fx import fx_rates
from api.tags.catalog import TagCatalog
from api.vendors.models import Vendor
from matching import MatchIndex, MatchWeights

# Longer than any write transaction may take between stamping and committing.
COMMIT_MARGIN = timedelta(seconds=60)


class IndexCache:
    """A lazily built index plus the change watermark; one per process."""

    def __init__(self) -> None:
        self._index: MatchIndex | None = None
        self._seen: dict[int, datetime] = {}
        self._watermark: datetime | None = None
        self._lock = asyncio.Lock()

    async def index(self, session: AsyncSession, catalog: TagCatalog) -> MatchIndex:
        """The index, with every vendor change committed so far applied."""
        async with self._lock:
            if self._index is None or self._watermark is None:
                # No index yet, or one built over no vendors (nothing to take changes from).
                await self._build(session, catalog)
            else:
                await self._refresh(session, catalog)
                # Vendors are never deleted through the API; if rows vanished anyway
                # (an operator, a test wipe), start again rather than rank ghosts.
                if await session.scalar(select(func.count()).select_from(Vendor)) != len(
                    self._index
                ):
                    await self._build(session, catalog)
            assert self._index is not None
            return self._index

    async def _build(self, session: AsyncSession, catalog: TagCatalog) -> None:
        self._seen, self._watermark = {}, None
        stamps = (await session.execute(select(Vendor.id, Vendor.updated_at))).all()
        records = await vendor_records(session, catalog)
        self._index = MatchIndex(catalog.taxonomy, fx_rates()).build(records)
        self._remember(stamps)

    async def _refresh(self, session: AsyncSession, catalog: TagCatalog) -> None:
        assert self._index is not None
        assert self._watermark is not None
        since = self._watermark - COMMIT_MARGIN
        stamps = (
            await session.execute(
                select(Vendor.id, Vendor.updated_at).where(Vendor.updated_at > since)
            )
        ).all()
        changed = [vendor_id for vendor_id, stamp in stamps if self._seen.get(vendor_id) != stamp]
        if changed:
            for record in await vendor_records(session, catalog, changed):
                self._index.upsert(record)
        self._remember(stamps)

    def _remember(self, stamps: list[tuple[int, datetime]]) -> None:
        for vendor_id, stamp in stamps:
            self._seen[vendor_id] = stamp
            if self._watermark is None or stamp > self._watermark:
                self._watermark = stamp


async def current_weights(session: AsyncSession) -> MatchWeights:
    """The newest fitted weights, or the library's defaults when none were fitted."""
    fitted = await session.scalar(
        select(MatchModel).order_by(MatchModel.created_at.desc(), MatchModel.id.desc()).limit(1)
    )
    if fitted is None:
        return MatchWeights().normalised()
    return MatchWeights.from_partial(fitted.weights)
