"""Process-wide resources the app, the CLI and tests share: settings, engine, sessions,
and the caches domains keep for the life of a process."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from api.core.db import create_engine, create_session_factory
from api.core.settings import Settings

Resource = TypeVar("Resource")


@dataclass
class Runtime:
    """One per process: built in the app's lifespan or by a CLI command."""

    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    _resources: dict[Callable[..., Any], Any] = field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings: Settings) -> Runtime:
        engine = create_engine(settings.resolved_database_url())
        return cls(settings=settings, engine=engine, sessions=create_session_factory(engine))

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
