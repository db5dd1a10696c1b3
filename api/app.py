"""The ASGI application: /graphql (GraphQL over HTTP, GraphiQL, WebSockets), GraphiQL's
files, the probes /healthz (the process answers) and /readyz (the database is usable),
and /metrics; wrapped in request ids, access logs and CORS."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.exc import SQLAlchemyError
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
from api.core.outage import database_unavailable
from api.core.runtime import Runtime, freeze_heap, tune_collector
from api.core.settings import Settings, get_settings
from api.events import background as events
from api.graphql.http import GraphQLView
from api.graphql.ide import STATIC_PATH, static_files
from api.graphql.limits import BodyLimit
from api.graphql.observability import REQUEST_ID_HEADER, Observability
from api.reference.codes import country_names, currency_names, language_names
from api.reference.fx import fx_table
from api.reference.regions import country_geo
from api.schema import schema
from api.tags.service import tag_catalog

logger = logging.getLogger("vendormatch.app")

# Startup must not hang on a database that does not answer; /readyz reports it.
WARM_UP_SECONDS = 10.0


async def warm_up(runtime: Runtime) -> None:
    """Build what most requests read, so it is built before the heap is frozen (see
    freeze_heap) rather than during the first requests: the reference tables and the
    tag catalog. A database that is not ready yet only leaves the catalog to later."""
    for build in (country_names, country_geo, language_names, currency_names, fx_table):
        build()
    try:
        await asyncio.wait_for(tag_catalog(runtime), WARM_UP_SECONDS)
    except (SQLAlchemyError, OSError) as error:
        logger.warning(
            "tag catalog not loaded at startup: %s",
            "database unavailable" if database_unavailable(error) else type(error).__name__,
        )


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
        await warm_up(runtime)
        # After startup nearly every object alive lives as long as the process: full
        # collections need not walk them (they were ~190 ms pauses under load).
        freeze_heap()
        tune_collector()
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
