"""A bound on request bodies (MAX_REQUEST_BYTES), checked before the app reads them.

Without it a client could post 100 MB bodies and the worker would buffer each in full
before parsing a byte of GraphQL. A declared Content-Length over the bound is refused at
once, unread; a body sent without one (chunked) is counted as it arrives and refused as
soon as it crosses the bound. Either way the answer is a 413 with a GraphQL error.
"""

from __future__ import annotations

import json

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.graphql.http import GRAPHQL_RESPONSE, response_media_type

PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE"


class BodyTooLarge(Exception):
    """Raised from `receive` once the body crosses the bound."""


class BodyLimit:
    """ASGI middleware: HTTP requests whose body exceeds `max_bytes` get a 413."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self.refuse(headers, send)
            return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except BodyTooLarge:
            if started:  # too late for a status; the app answered without reading it all
                return
            await self.refuse(headers, send)

    async def refuse(self, headers: Headers, send: Send) -> None:
        media_type = response_media_type(headers.get("accept", "")) or GRAPHQL_RESPONSE
        message = f"The request body is larger than {self.max_bytes} bytes."
        error = {"message": message, "extensions": {"code": PAYLOAD_TOO_LARGE}}
        body = json.dumps({"errors": [error]}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", f"{media_type}; charset=utf-8".encode()),
                    (b"content-length", str(len(body)).encode()),
                    # The rest of the body is not read: the client must not reuse the connection.
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
