"""The SQL one request of an operation sends, captured at the driver in this process.

The app is built in-process with `api.app.create_app` over the benchmark's database and
driven through httpx's ASGI transport; a `before_cursor_execute` listener records each
(statement, parameters) as the driver receives them. The bare endpoint replays them.
"""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx2 as httpx
from sqlalchemy import event
from starlette.applications import Starlette

from api.core.runtime import Runtime
from api.core.settings import Settings
from benchmarks.api.bare import Statement
from benchmarks.api.operations import Operation

# Requests sent before the one recorded: the first ones fill caches (the tag catalog, the
# match index) that a server under load has filled long since.
WARM_UP = 2


class InProcessApp:
    """The app over the benchmark's database, called without a network."""

    def __init__(self, app: Starlette, http: httpx.AsyncClient) -> None:
        self.app = app
        self.http = http

    @property
    def runtime(self) -> Runtime:
        runtime: Runtime = self.app.state.vendormatch
        return runtime

    async def statements(self, operation: Operation) -> list[Statement]:
        """The statements the operation's first request sends once caches are warm."""
        request = operation.requests[0]
        for _ in range(WARM_UP):
            await self._send(operation, request.body(), request.headers())
        recorded: list[Statement] = []

        def record(
            _connection: Any,
            _cursor: Any,
            statement: str,
            parameters: Any,
            _context: Any,
            executemany: bool,
        ) -> None:
            recorded.append(Statement(statement, parameters, executemany))

        engine = self.runtime.engine.sync_engine
        event.listen(engine, "before_cursor_execute", record)
        try:
            await self._send(operation, request.body(), request.headers())
        finally:
            event.remove(engine, "before_cursor_execute", record)
        return recorded

    async def _send(self, operation: Operation, body: bytes, headers: dict[str, str]) -> None:
        response = await self.http.post(
            "/graphql", content=body, headers={"content-type": "application/json", **headers}
        )
        problem = operation.check(response.status_code, response.content)
        if problem:
            raise RuntimeError(f"{operation.name} in-process: {problem}")


@asynccontextmanager
async def in_process_app(settings: Settings) -> AsyncIterator[InProcessApp]:
    # By name, as `vendormatch serve` names it to uvicorn: the CLI (which runs this) and
    # the app are independent composition roots.
    app: Starlette = importlib.import_module("api.app").create_app(settings)
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
            yield InProcessApp(app, http)
    finally:
        await app.state.vendormatch.close()
