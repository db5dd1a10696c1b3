"""Process-wide resources the app, the CLI and tests share: engine, sessions, caches."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from api.db import create_engine, create_session_factory
from api.matches.index_cache import IndexCache
from api.settings import Settings
from api.tags.catalog import TagCatalog, load_catalog


@dataclass
class AppState:
    """One per process: built in the app's lifespan or by a CLI command."""

    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    index_cache: IndexCache = field(default_factory=IndexCache)
    _catalog: TagCatalog | None = None
    _catalog_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @classmethod
    def from_settings(cls, settings: Settings) -> AppState:
        engine = create_engine(settings.resolved_database_url())
        return cls(settings=settings, engine=engine, sessions=create_session_factory(engine))

    async def catalog(self) -> TagCatalog:
        """The taxonomy, read once per process (it changes only when an operator re-seeds)."""
        if self._catalog is None:
            async with self._catalog_lock:
                if self._catalog is None:
                    async with self.sessions() as session:
                        self._catalog = await load_catalog(session)
        return self._catalog

    def forget_catalog(self) -> None:
        self._catalog = None

    async def close(self) -> None:
        await self.engine.dispose()
