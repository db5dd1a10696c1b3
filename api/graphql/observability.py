"""Per request: a request id, one access log line, and the Prometheus metrics.

The GraphQL view and the `ObserveOperation` extension leave what they learn about the
operation in the request's state; the middleware reads it once the response is sent.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Iterator, MutableMapping
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import SchemaExtension

from api.core import metrics
from api.core.logging import accept_request_id, request_id
from api.core.outage import database_unavailable

logger = logging.getLogger("vendormatch.access")

REQUEST_ID_HEADER = "x-request-id"
# Routes as metric labels; anything else (404s, scanners) is "other".
ROUTES = ("/graphql", "/graphiql", "/healthz", "/readyz", "/metrics")
# Probes and scrapes every few seconds would drown the log; they log at debug.
QUIET = ("/healthz", "/readyz", "/metrics", "/graphiql")
# Error messages quoted in a client error's log line: enough to see what went wrong.
MAX_LOGGED_ERRORS = 3
MAX_LOGGED_MESSAGE = 300
MAX_NAME = 100
# Where graphql-core starts quoting what the client sent (a variable's whole value, with
# any password in it): the log keeps the message up to there, never the value.
CLIENT_VALUE = re.compile(
    r"(Unexpected (?:String|BlockString|Int|Float)) |"
    r"got invalid value|found:|found \S|cannot represent|; Expected|does not exist in"
)
WITHHELD = "[value withheld]"


INTERNAL_ERROR_START: Message = {
    "type": "http.response.start",
    "status": 500,
    "headers": [(b"content-type", b"application/json")],
}
INTERNAL_ERROR_BODY: Message = {
    "type": "http.response.body",
    "body": json.dumps({"errors": [{"message": "Internal server error."}]}).encode(),
}


def state_of(scope: Scope) -> MutableMapping[str, Any]:
    """The request's state dict, shared with Starlette's `request.state`."""
    state: MutableMapping[str, Any] = scope.setdefault("state", {})
    return state


def loggable(message: str) -> str:
    """An error message fit for the log: cut where it would quote a client's value."""
    match = CLIENT_VALUE.search(message)
    if match is not None:
        # An unexpected token keeps its kind ("Unexpected String"), never its text.
        cut = match.end(1) if match.group(1) else match.start()
        message = f"{message[:cut].rstrip()} {WITHHELD}"
    return message[:MAX_LOGGED_MESSAGE]


def route_of(path: str) -> str:
    for route in ROUTES:
        if path == route or path.startswith(route + "/"):
            return route
    return "other"


class ObserveOperation(SchemaExtension):
    """Notes the operation's type and name, and whether the database failed under it.

    Listed after MaskErrors, so it leaves the operation first and still sees the
    exception MaskErrors is about to hide: the view answers a database outage with 503.
    """

    def on_operation(self) -> Iterator[None]:
        yield
        context = self.execution_context
        request = getattr(context.context, "request", None)
        if request is None or request.scope.get("type") != "http":
            return
        state = state_of(request.scope)
        if context.graphql_document is not None:
            try:
                operation_type = context.operation_type.value
            except RuntimeError:  # no operation of that name in the document
                operation_type = None
            state["graphql_operation"] = (operation_type, context.operation_name)
        for error in getattr(context.result, "errors", None) or ():
            if error.original_error is not None and database_unavailable(error.original_error):
                state["database_unavailable"] = str(error.original_error)[:MAX_LOGGED_MESSAGE]
                break


class Observability:
    """ASGI middleware: request id in and out, one log line and metrics per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        incoming = dict(scope.get("headers") or ()).get(REQUEST_ID_HEADER.encode())
        current = accept_request_id(incoming.decode("latin-1") if incoming else None)
        token = request_id.set(current)
        state = state_of(scope)
        started = time.perf_counter()
        status = 500
        started_response = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, started_response
            if message["type"] in ("http.response.start", "websocket.accept"):
                started_response = True
                status = message.get("status", 101)
                headers = [(k, v) for k, v in message.get("headers", ()) if k != b"x-request-id"]
                message = {**message, "headers": [*headers, (b"x-request-id", current.encode())]}
            await send(message)

        try:
            try:
                await self.app(scope, receive, send_with_id)
                failed = False
            except Exception:
                # Answered here, logged once with its traceback: re-raising would have
                # Starlette and uvicorn log it twice more, and answer without the request id.
                failed, status = True, 500
                fields = self._fields(scope, state, status, started)
                logger.exception("unhandled exception", extra=fields)
                if scope["type"] == "http" and not started_response:
                    await send_with_id(INTERNAL_ERROR_START)
                    await send_with_id(INTERNAL_ERROR_BODY)
            if scope["type"] == "http":
                self._record(scope, state, status, started, log=not failed)
        finally:
            request_id.reset(token)

    def _record(
        self,
        scope: Scope,
        state: MutableMapping[str, Any],
        status: int,
        started: float,
        *,
        log: bool,
    ) -> None:
        fields = self._fields(scope, state, status, started)
        route = route_of(scope["path"])
        method = metrics.method_label(scope["method"])
        metrics.http_requests.labels(method, route, str(status)).inc()
        if route == "/graphql" and not state.get("graphql_ide"):
            self._record_graphql(fields, status, started)
        if status >= 500:
            level = logging.ERROR
        elif status >= 400:
            level = logging.WARNING
        elif route in QUIET:
            level = logging.DEBUG
        else:
            level = logging.INFO
        message = f"{scope['method']} {scope['path']} {status}"
        if "database_unavailable" in state:
            message += f": database unavailable ({state['database_unavailable']})"
        if log:
            logger.log(level, message, extra=fields)

    @staticmethod
    def _record_graphql(fields: dict[str, Any], status: int, started: float) -> None:
        metrics.record_graphql(
            fields["operation_type"],
            fields["operation_name"],
            status,
            time.perf_counter() - started,
            errored=bool(fields.get("errors")),
        )

    @staticmethod
    def _fields(
        scope: Scope, state: MutableMapping[str, Any], status: int, started: float
    ) -> dict[str, Any]:
        operation_type, operation_name = state.get("graphql_operation", (None, None))
        fields: dict[str, Any] = {
            "method": scope.get("method", "WEBSOCKET"),
            "path": scope["path"],
            "status": status,
            "duration_ms": round((time.perf_counter() - started) * 1000, 2),
            "operation_type": operation_type,
            "operation_name": operation_name[:MAX_NAME] if operation_name else None,
        }
        client = scope.get("client")
        if client:
            fields["client"] = client[0]
        errors = state.get("graphql_errors")
        if errors:
            fields["errors"] = [loggable(message) for message in errors[:MAX_LOGGED_ERRORS]]
        return fields
