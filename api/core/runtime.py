"""Process-wide resources the app, the CLI and tests share: settings, engine, sessions,
and the caches domains keep for the life of a process."""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from api.core.db import create_engine, create_read_session_factory, create_session_factory
from api.core.settings import Settings

Resource = TypeVar("Resource")


@dataclass
class Runtime:
    """One per process: built in the app's lifespan or by a CLI command."""

    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    # For read-only operations: autocommit, no BEGIN/ROLLBACK (see core.db.ReadSession).
    read_sessions: async_sessionmaker[AsyncSession]
    _resources: dict[Callable[..., Any], Any] = field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings: Settings) -> Runtime:
        engine = create_engine(settings.resolved_database_url())
        return cls(
            settings=settings,
            engine=engine,
            sessions=create_session_factory(engine),
            read_sessions=create_read_session_factory(engine),
        )

    def resource(self, factory: Callable[[], Resource]) -> Resource:
        """The process's one instance of what `factory` builds (a domain's cache, say).

        Domains own their caches (the tag catalog, the match index); the runtime only
        keeps them alive, so core needs to know nothing about them.
        """
        if factory not in self._resources:
            self._resources[factory] = factory()
        resource: Resource = self._resources[factory]
        return resource

    async def close(self) -> None:
        await self.engine.dispose()


# Allocations between young collections (CPython's default is 700). A vendors page makes
# tens of thousands of short-lived objects; at 700 most were still alive at a collection
# and got promoted to older generations, for a full collection to walk later.
YOUNG_GENERATION_THRESHOLD = 20_000


def tune_collector() -> None:
    """Collect the young generation less often; the older ones as CPython does."""
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_GENERATION_THRESHOLD, middle, old)


def freeze_heap() -> None:
    """Collect once, then move every object alive now out of the collector's sight.

    What a process builds to serve (the schema, the tag catalog, a match index) lives as
    long as it does; a full collection would walk all of it (~220k objects, ~190 ms) to
    free nothing, stalling every request in flight. Frozen, full collections walk only
    what requests allocate. Call it after building such long-lived state, not per request:
    each call is a full collection, and a frozen cycle that later becomes garbage is
    never collected.
    """
    gc.collect()
    gc.freeze()
