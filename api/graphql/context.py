"""The per-request GraphQL context: runtime, viewer, session, DataLoaders, memo."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader
from strawberry.types import Info as StrawberryInfo

from api.core.runtime import Runtime
from api.core.viewer import Viewer


@dataclass
class Context:
    """Built once per request; loaders live exactly as long as the request."""

    runtime: Runtime
    viewer: Viewer | None
    request: Any = None
    response: Any = None
    _session: AsyncSession | None = None
    # A query over HTTP: its session runs in autocommit mode (see api.graphql.read_only).
    read_only: bool = False
    # Per-request memo for values many fields share (the match index, the weights).
    memo: dict[str, Any] = field(default_factory=dict)
    # One instance per loader class, made on first use (see api.graphql.dataloaders).
    loaders: dict[type[DataLoader[Any, Any]], DataLoader[Any, Any]] = field(default_factory=dict)
    # The bearer token the viewer came from, and how to check it again (see refresh_viewer).
    token: str | None = None
    authenticate: Callable[[str], Awaitable[Viewer | None]] | None = None

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            sessions = self.runtime.read_sessions if self.read_only else self.runtime.sessions
            self._session = sessions()
        return self._session

    async def refresh_viewer(self) -> None:
        """Check the token again: a revoked one signs the viewer out, a demoted role shows."""
        if self.token is not None and self.authenticate is not None:
            self.viewer = await self.authenticate(self.token)

    def reset_loaders(self) -> None:
        """Forget what loaders cached: after a write they may hold rows from before it."""
        self.loaders.clear()

    async def close(self) -> None:
        """End the request's session (and so its transaction) and drop its loaders."""
        if self._session is not None:
            await self._session.close()
        self._session = None
        # A loader refers to itself (its batch function is its own method, its batch
        # points back at it), so only a garbage collection frees it: emptied first, the
        # rows it read are freed now rather than piling up for the next full collection.
        for loader in self.loaders.values():
            loader.clear_all()
            loader.batch = None
        self.loaders.clear()
        self.memo.clear()


Info = StrawberryInfo[Context, None]
