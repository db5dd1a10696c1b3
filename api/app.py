"""The ASGI application: /graphql (GraphQL over HTTP, GraphiQL, WebSockets), GraphiQL's
files, the probes /healthz (the process answers) and /readyz (the database is usable),
and /metrics; wrapped in request ids, access logs and CORS."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute

from api.auth.authentication import authenticate
from api.core import metrics
from api.core.health import unready_reason
from api.core.logging import configure_logging
from api.core.runtime import Runtime
from api.core.settings import Settings, get_settings
from api.events import background as events
from api.graphql.http import GraphQLView
from api.graphql.ide import STATIC_PATH, static_files
from api.graphql.limits import BodyLimit
from api.graphql.observability import REQUEST_ID_HEADER, Observability
from api.schema import schema


def create_app(settings: Settings | None = None) -> Starlette:
    """A Starlette app whose lifespan opens and closes the database engine."""
    settings = settings or get_settings()
    configure_logging(settings)
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
        # Liveness only: a database outage must not get healthy workers restarted.
        return JSONResponse({"status": "ok"})

    async def readyz(_request: Request) -> JSONResponse:
        reason = await unready_reason(runtime.engine)
        if reason is None:
            return JSONResponse({"status": "ready"})
        retry = {"retry-after": str(settings.retry_after_seconds)}
        return JSONResponse({"status": "unavailable", "reason": reason}, 503, headers=retry)

    async def prometheus(_request: Request) -> Response:
        return Response(metrics.exposition(), media_type=metrics.CONTENT_TYPE_LATEST)

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        # Each worker reads new events once for its subscribers and sends its webhooks.
        events.start(runtime)
        try:
            yield
        finally:
            await events.stop(runtime)
            await runtime.close()

    app = Starlette(
        debug=settings.debug,
        routes=[
            Route("/graphql", view, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", view),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/metrics", prometheus),
            Mount(STATIC_PATH, static_files()),
        ],
        middleware=[
            # Outermost, so even a CORS refusal has a request id and a log line.
            Middleware(Observability),
            Middleware(
                CORSMiddleware,
                allow_origins=settings.allowed_origins(),
                allow_methods=["GET", "POST"],
                allow_headers=["Authorization", "Content-Type", REQUEST_ID_HEADER],
                expose_headers=[REQUEST_ID_HEADER],
                max_age=600,
            ),
            # Inside CORS and the logs, so a 413 is logged and readable by browsers.
            Middleware(BodyLimit, max_bytes=settings.max_request_bytes),
        ],
        lifespan=lifespan,
    )
    app.state.vendormatch = runtime
    return app
