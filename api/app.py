"""The ASGI application: /graphql (GraphQL over HTTP, GraphiQL, WebSockets) and /healthz."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route, WebSocketRoute

from api.auth.authentication import authenticate
from api.core.runtime import Runtime
from api.core.settings import Settings, get_settings
from api.graphql.http import GraphQLView
from api.schema import schema


def create_app(settings: Settings | None = None) -> Starlette:
    """A Starlette app whose lifespan opens and closes the database engine."""
    settings = settings or get_settings()
    runtime = Runtime.from_settings(settings)
    view = GraphQLView(
        runtime,
        lambda token: authenticate(runtime, token),
        schema=schema,
        graphql_ide="graphiql",
        allow_queries_via_get=True,
        multipart_uploads_enabled=False,
    )

    async def healthz(_request: Request) -> JSONResponse:
        async with runtime.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        return JSONResponse({"status": "ok"})

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        await runtime.close()

    app = Starlette(
        debug=settings.debug,
        routes=[
            Route("/graphql", view, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", view),
            Route("/healthz", healthz),
        ],
        lifespan=lifespan,
    )
    app.state.vendormatch = runtime
    return app
