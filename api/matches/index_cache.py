"""Each worker's in-memory MatchIndex, kept in step with writes made through any worker.

Every write that changes what the matcher reads of a vendor numbers its change
(api.vendors.changes). Each match reads the counter (one primary-key read, in the same
statement as the matched vendors' profiles: api.matches.freshness); when it moved past the
highest number the index holds, the worker reads the vendors numbered above that number,
upserts only those and ranks again. Many workers behind one PostgreSQL therefore each see
a write made through any of them before their next match, and a quiet marketplace costs
no read of its own.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from api.core.runtime import freeze_heap
from api.reference.fx import fx_rates
from api.reviews.rating import load_rating_prior
from api.tags.catalog import TagCatalog
from api.vendors.changes import changes_since, newest_change
from api.vendors.records import build_index, vendor_records
from matching import MatchIndex, Taxonomy

# Changed vendors are read this many at a time (an IN list SQLite and PostgreSQL both take).
READ_CHUNK = 1000


@dataclass(frozen=True)
class HeldIndex:
    """The index as it stood when taken, and the newest change number it held then."""

    index: MatchIndex
    seen: int | None

    def current_for(self, newest: int | None) -> bool:
        """Whether it held every change numbered up to `newest` (the counter as read since):
        what `IndexCache.index_at(newest)` would return without reading anything."""
        if newest is None:
            return self.seen is None
        return self.seen is not None and newest <= self.seen


class IndexCache:
    """A lazily built index plus the newest change number it holds; one per process."""

    def __init__(self) -> None:
        self._index: MatchIndex | None = None
        # The newest vendor change number the index holds; None when it was built while
        # the counter's row was gone (a wiped database, where no vendor was written since).
        self._seen: int | None = None
        # The last catalog taxonomy found to hold the index's tags (compared once each).
        self._same_tags: Taxonomy | None = None
        self._lock = asyncio.Lock()

    def held(self, catalog: TagCatalog) -> HeldIndex | None:
        """The index as it stands, without reading anything; None when a match must build
        one first (none yet, or the catalog's tags changed). Rank on it before any await:
        a refresh elsewhere updates it in place."""
        index = self._index
        if index is None or self._lock.locked() or self._tags_changed(index, catalog.taxonomy):
            return None
        return HeldIndex(index, self._seen)

    async def index(self, session: AsyncSession, catalog: TagCatalog) -> MatchIndex:
        """The index, with every vendor change committed so far applied."""
        return await self.index_at(session, catalog, await newest_change(session))

    async def index_at(
        self, session: AsyncSession, catalog: TagCatalog, newest: int | None
    ) -> MatchIndex:
        """The index with every change numbered up to `newest` applied: the counter's
        value (api.vendors.changes.newest_change_sql) as the caller read it since its
        request began, with whatever else it read in that round trip."""
        async with self._lock:
            index = self._index
            if index is None or self._tags_changed(index, catalog.taxonomy):
                # No index yet, or a re-seed added or removed tags: every vendor's skills
                # map afresh. (An admin's mapping only adds an alias; the vendors it moved
                # are numbered like any other change.)
                return await self._build(session, catalog)
            if newest is None:
                # The counter's row is gone: the data went with it (a wipe), start again
                # unless this index was built since.
                return index if self._seen is None else await self._build(session, catalog)
            if self._seen is not None and newest <= self._seen:
                return index  # nothing new (or a number read before another refresh)
            if not await self._refresh(session, catalog, index, newest):
                return await self._build(session, catalog)
            return index

    async def _build(self, session: AsyncSession, catalog: TagCatalog) -> MatchIndex:
        # The old index goes first (two at once would double the peak memory); if the
        # build fails, the next match builds again.
        self._index = None
        # Read the number first: a change numbered after it may or may not be in the
        # records read next, and is read again (harmlessly) by the next refresh.
        seen = await newest_change(session)
        prior = (await load_rating_prior(session)).for_matching()
        index = MatchIndex(catalog.taxonomy, fx_rates(), rating_prior=prior)
        await build_index(session, catalog, index)
        self._index, self._seen = index, seen
        # The index lives until the next build: out of the collector's sight, full
        # collections need not walk its objects on every request.
        freeze_heap()
        return index

    async def _refresh(
        self, session: AsyncSession, catalog: TagCatalog, index: MatchIndex, newest: int
    ) -> bool:
        """Apply the changes numbered after the last seen; False when a rebuild is due."""
        changes = await changes_since(session, self._seen or 0)
        if 2 * len(changes.vendor_ids) > changes.vendor_count:
            return False  # most of the marketplace changed: building afresh is cheaper
        # A new review changes its vendor (so it shows here) and the marketplace prior.
        prior = (await load_rating_prior(session)).for_matching()
        if prior != index.rating_prior:
            index.set_rating_prior(prior)
        await self._upsert(session, catalog, index, changes.vendor_ids)
        # The counter was read before the changes: every number up to it was visible there.
        self._seen = max(newest, changes.newest)
        # Vendors are never deleted through the API; if rows vanished anyway (an operator,
        # a test's wipe), start again rather than rank ghosts.
        return len(index) == changes.vendor_count

    @staticmethod
    async def _upsert(
        session: AsyncSession, catalog: TagCatalog, index: MatchIndex, vendor_ids: Sequence[int]
    ) -> None:
        for start in range(0, len(vendor_ids), READ_CHUNK):
            chunk = vendor_ids[start : start + READ_CHUNK]
            for record in await vendor_records(session, catalog, chunk):
                index.upsert(record)

    def _tags_changed(self, index: MatchIndex, current: Taxonomy) -> bool:
        built_with = index.taxonomy
        if current is built_with or current is self._same_tags:
            return False
        if len(current) != len(built_with) or any(slug not in built_with for slug in current):
            return True
        self._same_tags = current
        return False
