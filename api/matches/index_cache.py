"""Each worker's in-memory MatchIndex, kept in step with writes made through any worker.

Before every match the worker asks the database which vendors changed since the newest
`updated_at` it has seen (less a safety margin, because a transaction stamps `updated_at`
before it commits) and upserts only those. Many workers behind one PostgreSQL therefore
each see a write made through any of them before their next match.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from api.reference.fx import fx_rates
from api.reviews.rating import load_rating_prior
from api.tags.catalog import TagCatalog
from api.vendors.records import change_stamps, vendor_count, vendor_records
from matching import MatchIndex, Taxonomy

# Longer than any write transaction may take between stamping and committing.
COMMIT_MARGIN = timedelta(seconds=60)


class IndexCache:
    """A lazily built index plus the change watermark; one per process."""

    def __init__(self) -> None:
        self._index: MatchIndex | None = None
        self._seen: dict[int, datetime] = {}
        self._watermark: datetime | None = None
        # The last catalog taxonomy found to hold the index's tags (compared once each).
        self._same_tags: Taxonomy | None = None
        self._lock = asyncio.Lock()

    async def index(self, session: AsyncSession, catalog: TagCatalog) -> MatchIndex:
        """The index, with every vendor change committed so far applied."""
        async with self._lock:
            if self._index is None or self._watermark is None:
                # No index yet, or one built over no vendors (nothing to take changes from).
                await self._build(session, catalog)
            elif self._tags_changed(catalog.taxonomy):
                # A re-seed added or removed tags: every vendor's skills map afresh. (An
                # admin's mapping only adds an alias; the vendors it moved are refreshed.)
                await self._build(session, catalog)
            else:
                await self._refresh(session, catalog)
                # Vendors are never deleted through the API; if rows vanished anyway
                # (an operator, a test wipe), start again rather than rank ghosts.
                if await vendor_count(session) != len(self._index):
                    await self._build(session, catalog)
            assert self._index is not None
            return self._index

    async def _build(self, session: AsyncSession, catalog: TagCatalog) -> None:
        self._seen, self._watermark = {}, None
        stamps = await change_stamps(session)
        records = await vendor_records(session, catalog)
        prior = (await load_rating_prior(session)).for_matching()
        self._index = MatchIndex(catalog.taxonomy, fx_rates(), rating_prior=prior).build(records)
        self._remember(stamps)

    async def _refresh(self, session: AsyncSession, catalog: TagCatalog) -> None:
        assert self._index is not None
        assert self._watermark is not None
        since = self._watermark - COMMIT_MARGIN
        stamps = await change_stamps(session, since)
        changed = [vendor_id for vendor_id, stamp in stamps if self._seen.get(vendor_id) != stamp]
        if changed:
            # A new review changes its vendor (so it shows here) and the marketplace prior.
            prior = (await load_rating_prior(session)).for_matching()
            if prior != self._index.rating_prior:
                self._index.set_rating_prior(prior)
            for record in await vendor_records(session, catalog, changed):
                self._index.upsert(record)
        self._remember(stamps)

    def _tags_changed(self, current: Taxonomy) -> bool:
        assert self._index is not None
        built_with = self._index.taxonomy
        if current is built_with or current is self._same_tags:
            return False
        if len(current) != len(built_with) or any(slug not in built_with for slug in current):
            return True
        self._same_tags = current
        return False

    def _remember(self, stamps: list[tuple[int, datetime]]) -> None:
        for vendor_id, stamp in stamps:
            self._seen[vendor_id] = stamp
            if self._watermark is None or stamp > self._watermark:
                self._watermark = stamp
