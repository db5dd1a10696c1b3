"""The per-request GraphQL context: session, viewer, DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.types import Info as StrawberryInfo

from api.auth.tokens import Viewer
from api.state import AppState
from api.tags.catalog import TagCatalog

if TYPE_CHECKING:
    from api.loaders import Loaders


@dataclass
class Context:
    """Built once per request; loaders live exactly as long as the request."""

    state: AppState
    viewer: Viewer | None
    request: Any = None
    response: Any = None
    _session: AsyncSession | None = None
    # Per-request memo for values many fields share (the match index, the weights).
    memo: dict[str, Any] = field(default_factory=dict)
    _loaders: Loaders | None = field(default=None)

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            self._session = self.state.sessions()
        return self._session

    @property
    def loaders(self) -> Loaders:
        if self._loaders is None:
            from api.loaders import Loaders

            self._loaders = Loaders(self.session)
        return self._loaders

    def reset_loaders(self) -> None:
        self._loaders = None

    async def catalog(self) -> TagCatalog:
        return await self.state.catalog()

    async def close(self) -> None:
        """End the request's session (and so its transaction) and drop its loaders."""
        if self._session is not None:
            await self._session.close()
        self._session, self._loaders = None, None
        self.memo.clear()


Info = StrawberryInfo[Context, None]
