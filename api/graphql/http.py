"""Strawberry's ASGI view, made to follow the GraphQL-over-HTTP specification.

- Responses use `application/graphql-response+json` unless the client only accepts
  `application/json` (legacy clients keep getting 200s).
- A document that fails to parse or validate has no `data`, so it gets a 4xx.
- Transport errors (bad JSON, bad token, mutations over GET) are JSON GraphQL errors too.
- A database that cannot be reached is a 503 with Retry-After (code SERVICE_UNAVAILABLE),
  not an "Unexpected error": the request was fine, the client should retry.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

import orjson
from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

from api.core.outage import database_unavailable
from api.core.runtime import Runtime
from api.core.viewer import Viewer
from api.graphql.context import Context
from api.graphql.ide import graphiql_page
from api.graphql.surrogates import lone_surrogate_path, surrogate_message

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"


def response_media_type(accept: str) -> str | None:
    """The media type to answer with, or None when the client accepts neither JSON type."""
    if not accept.strip():
        return GRAPHQL_RESPONSE
    offered = [part.split(";")[0].strip().lower() for part in accept.split(",")]
    if GRAPHQL_RESPONSE in offered or "*/*" in offered or "application/*" in offered:
        return GRAPHQL_RESPONSE
    if JSON in offered:
        return JSON
    return None


def unavailable_body() -> GraphQLHTTPResponse:
    """What a request gets while the database cannot be reached (with 503 and Retry-After)."""
    message = "The service is temporarily unavailable; retry shortly."
    return {"errors": [{"message": message, "extensions": {"code": "SERVICE_UNAVAILABLE"}}]}


def bearer_token(authorization: str | None) -> str | None:
    """The token from an `Authorization: Bearer <token>` header."""
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


class InvalidToken(HTTPException):
    def __init__(self) -> None:
        super().__init__(401, "The bearer token is invalid or expired; sign in again.")


class GraphQLView(GraphQL[Context, None]):
    """`authenticate` turns a bearer token into its viewer (None when it is not valid, or
    no longer current: it may look the account up)."""

    def __init__(
        self,
        runtime: Runtime,
        authenticate: Callable[[str], Awaitable[Viewer | None]],
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.runtime = runtime
        self.authenticate = authenticate

    async def get_context(self, request: Any, response: Any) -> Context:
        viewer = None
        token = bearer_token(request.headers.get("authorization"))
        if token is not None:
            viewer = await self.authenticate(token)
            # Over HTTP a bad token is a 401; a WebSocket simply stays anonymous.
            if viewer is None and request.scope["type"] == "http":
                raise InvalidToken()
        context = Context(
            runtime=self.runtime,
            viewer=viewer,
            request=request,
            response=response,
            token=token,
            authenticate=self.authenticate,
        )
        request.state.graphql_context = context
        return context

    @staticmethod
    def encode_json(data: object) -> str:
        """orjson (a vendors page: ~1-2 ms with json.dumps, ~0.1 ms here): compact, and
        UTF-8 rather than \\u escapes. A str, not bytes: WebSocket messages must stay text
        frames. What orjson refuses (an integer past 64 bits, a lone surrogate, a
        non-string key) gets the standard library's encoding instead."""
        try:
            return orjson.dumps(data).decode()
        except orjson.JSONEncodeError:
            return json.dumps(data, separators=(",", ":"))

    def parse_json(self, data: str | bytes) -> Any:
        """A JSON object (or a batch list); anything else is a 400, never a crash."""
        try:
            parsed = self.decode_json(data)
        except (ValueError, RecursionError) as error:  # bad JSON or UTF-8, or nested too deep
            raise HTTPException(400, "Unable to parse request body as JSON") from error
        if not isinstance(parsed, dict | list):
            raise HTTPException(400, "The request body must be a JSON object.")
        if (where := lone_surrogate_path(parsed)) is not None:
            raise HTTPException(400, surrogate_message(where))
        return parsed

    async def process_result(self, request: Any, result: ExecutionResult) -> GraphQLHTTPResponse:
        if getattr(request.state, "database_unavailable", None) is not None:
            return unavailable_body()  # no partial answer: the client retries the whole request
        processed = await super().process_result(request, result)
        request.state.graphql_errors = [error.message for error in result.errors or ()]
        # Errors without a path never reached execution (parse, validation, operation choice):
        # the spec calls that a request error, whose response has no `data` entry at all.
        if result.data is None and result.errors and all(e.path is None for e in result.errors):
            request.state.graphql_has_data = False
            processed.pop("data", None)
        return processed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        media_type = response_media_type(request.headers.get("accept", ""))
        try:
            if media_type is None and not self.should_render_graphql_ide_for(request):
                raise HTTPException(406, f"Accept {GRAPHQL_RESPONSE} or {JSON}.")
            response = await self.run(request)
        except HTTPException as error:
            response = self.error_response(error, media_type or GRAPHQL_RESPONSE, request)
        except Exception as error:
            if not database_unavailable(error):
                raise
            # Reading the viewer's account, say: the database is down, the request is fine.
            request.state.database_unavailable = str(error)[:300]
            response = Response(json.dumps(unavailable_body()), media_type=JSON)
        finally:
            await self.close_context(request)
        if getattr(request.state, "database_unavailable", None) is not None:
            response.status_code = 503
            response.headers["retry-after"] = str(self.runtime.settings.retry_after_seconds)
        if response.media_type == JSON or response.headers.get("content-type") == JSON:
            self.apply_media_type(request, response, media_type or GRAPHQL_RESPONSE)
        await response(scope, receive, send)

    @staticmethod
    async def close_context(request: Request) -> None:
        context = getattr(request.state, "graphql_context", None)
        if context is None:
            return
        # The context refers to the request, and so back to itself through the request's
        # state: unlinked, the request's objects are freed when it ends, not by the GC.
        del request.state.graphql_context
        try:
            await context.close()
        except Exception as error:
            if not database_unavailable(error):
                raise
            request.state.database_unavailable = str(error)[:300]

    async def render_graphql_ide(self, request: Request) -> Response:
        """GraphiQL from files this server ships (api/graphql/ide), not from a CDN."""
        request.state.graphql_ide = True
        return HTMLResponse(graphiql_page())

    def should_render_graphql_ide_for(self, request: Request) -> bool:
        accept = request.headers.get("accept", "")
        return (
            request.method == "GET"
            and "query" not in request.query_params
            and "text/html" in accept
        )

    @staticmethod
    def apply_media_type(request: Request, response: Response, media_type: str) -> None:
        response.headers["content-type"] = f"{media_type}; charset=utf-8"
        has_data = getattr(request.state, "graphql_has_data", True)
        if media_type == GRAPHQL_RESPONSE and not has_data and response.status_code == 200:
            response.status_code = 400

    @staticmethod
    def error_response(error: HTTPException, media_type: str, request: Request) -> Response:
        status, message = error.status_code, error.reason
        headers = {}
        if status == 400 and request.method == "GET" and "mutation" in message.lower():
            # The spec: a mutation over GET is 405, with the method that is allowed.
            status, headers = 405, {"allow": "POST"}
        if status == 400 and message == "Unsupported content type":
            status = 415  # the body is not application/json
        if status == 405 and "allow" not in headers:
            headers["allow"] = "GET, POST"
        if status == 401:
            headers["www-authenticate"] = 'Bearer error="invalid_token"'
        request.state.graphql_errors = [message]
        body = json.dumps({"errors": [{"message": message}]})
        return Response(body, status_code=status, media_type=media_type, headers=headers)
