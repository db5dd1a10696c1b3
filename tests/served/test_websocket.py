"""Subscriptions and queries over graphql-transport-ws against `vendormatch serve`.

uvicorn refuses every upgrade when no WebSocket library is installed; in-process tests
never see that, so these go through the real server with the `websockets` client.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

import httpx2 as httpx
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Subprotocol

from tests.graphql_client import vendor_input
from tests.served.accounts import register
from tests.served.conftest import Server

PROTOCOL = "graphql-transport-ws"
PUBLISHED = """subscription ($tags: [String!]) {
  projectRequestPublished(tagsAny: $tags) { id title budget { currency } } }"""
POST = """mutation ($input: PostProjectRequestInput!) {
  postProjectRequest(input: $input) { projectRequest { id status } userErrors { message } } }"""
WAIT_SECONDS = 30


def request_input(title: str) -> dict[str, Any]:
    return {
        "title": title,
        "description": "A React dashboard over our Django API",
        "skills": [{"tag": "react", "mustHave": True}, {"tag": "django"}],
        "budget": {"min": "20000", "max": "40000", "currency": "EUR", "pricing": "FIXED"},
        "timezone": "Europe/Berlin",
        "workingHours": {"start": "09:00", "end": "17:00"},
        "minOverlapHours": 3,
        "languages": ["en"],
        "deliverables": ["Dashboard in production"],
        "publish": True,
    }


async def receive(socket: ClientConnection) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(await asyncio.wait_for(socket.recv(), WAIT_SECONDS))
    return message


async def open_session(server: Server) -> ClientConnection:
    socket = await connect(server.websocket, subprotocols=[Subprotocol(PROTOCOL)])
    assert socket.subprotocol == PROTOCOL
    await socket.send(json.dumps({"type": "connection_init"}))
    assert await receive(socket) == {"type": "connection_ack"}
    return socket


def test_a_subscriber_hears_of_a_request_published_over_http(
    server: Server, http: httpx.Client
) -> None:
    business = register(http, "BUSINESS")
    title = f"Dashboard {uuid.uuid4().hex}"

    async def scenario() -> dict[str, Any]:
        socket = await open_session(server)
        try:
            subscribe = {"query": PUBLISHED, "variables": {"tags": ["react"]}}
            await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": subscribe}))
            async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
                posted = await client.post(
                    "/graphql",
                    json={"query": POST, "variables": {"input": request_input(title)}},
                    headers={"authorization": f"Bearer {business.token}"},
                )
            payload = posted.json()["data"]["postProjectRequest"]
            assert payload["userErrors"] == [], payload
            # Other tests publish on the same server: wait for this request.
            while True:
                message = await receive(socket)
                assert message["type"] == "next", message
                published = message["payload"]["data"]["projectRequestPublished"]
                if published["title"] == title:
                    break
            await socket.send(json.dumps({"id": "1", "type": "complete"}))
            return dict(published)
        finally:
            await socket.close()

    published = asyncio.run(scenario())

    assert published["budget"] == {"currency": "EUR"}
    assert published["id"]


def test_a_query_over_the_socket_answers_next_then_complete(server: Server) -> None:
    async def scenario() -> list[dict[str, Any]]:
        socket = await open_session(server)
        try:
            query = {"query": '{ tags(search: "react", first: 1) { slug } }'}
            await socket.send(json.dumps({"id": "q", "type": "subscribe", "payload": query}))
            return [await receive(socket), await receive(socket)]
        finally:
            await socket.close()

    answer, done = asyncio.run(scenario())

    assert answer == {"id": "q", "type": "next", "payload": {"data": {"tags": [{"slug": "react"}]}}}
    assert done == {"id": "q", "type": "complete"}


LOGOUT = "mutation { logout { userErrors { code } } }"
VIEWER = "{ viewer { id } }"


def test_a_logout_signs_an_open_socket_out_at_its_next_operation(
    server: Server, http: httpx.Client
) -> None:
    # given a socket opened with a business's token
    business = register(http, "BUSINESS")

    async def ask_viewer(socket: ClientConnection, operation_id: str) -> Any:
        payload = {"query": VIEWER}
        await socket.send(json.dumps({"id": operation_id, "type": "subscribe", "payload": payload}))
        answer = await receive(socket)
        assert await receive(socket) == {"id": operation_id, "type": "complete"}
        return answer["payload"]["data"]["viewer"]

    async def scenario() -> tuple[Any, Any]:
        headers = {"authorization": f"Bearer {business.token}"}
        socket = await connect(
            server.websocket, subprotocols=[Subprotocol(PROTOCOL)], additional_headers=headers
        )
        try:
            await socket.send(json.dumps({"type": "connection_init"}))
            assert await receive(socket) == {"type": "connection_ack"}
            before = await ask_viewer(socket, "1")
            # when the account signs out everywhere, over HTTP
            async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
                await client.post("/graphql", json={"query": LOGOUT}, headers=headers)
            after = await ask_viewer(socket, "2")
            return before, after
        finally:
            await socket.close()

    before, after = asyncio.run(scenario())

    # then the socket's next operation runs anonymously
    assert before == {"id": business.id}
    assert after is None


CREATE_VENDOR = """mutation ($input: CreateVendorProfileInput!) {
  createVendorProfile(input: $input) { vendor { id } userErrors { field message } } }"""


def test_a_lone_surrogate_over_the_socket_is_an_error_naming_it_and_writes_nothing(
    server: Server, http: httpx.Client
) -> None:
    vendor = register(http, "VENDOR")
    profile = vendor_input(headline="HEADLINE")
    payload = {"query": CREATE_VENDOR, "variables": {"input": profile}}
    # "\ud800" is valid JSON but no text: written by hand, as json.dumps would refuse it.
    message = json.dumps({"id": "1", "type": "subscribe", "payload": payload})
    message = message.replace("HEADLINE", "x\\ud800y")

    async def scenario() -> dict[str, Any]:
        headers = {"authorization": f"Bearer {vendor.token}"}
        socket = await connect(
            server.websocket, subprotocols=[Subprotocol(PROTOCOL)], additional_headers=headers
        )
        try:
            await socket.send(json.dumps({"type": "connection_init"}))
            assert await receive(socket) == {"type": "connection_ack"}
            await socket.send(message)
            return await receive(socket)
        finally:
            await socket.close()

    answer = asyncio.run(scenario())

    # graphql-transport-ws answers a refused operation with an `error` message.
    assert answer["type"] == "error"
    errors = answer["payload"]
    assert "`variables.input.headline` contains a lone UTF-16 surrogate" in errors[0]["message"]
    assert "Unexpected error" not in json.dumps(answer)
    viewer = http.post(
        "/graphql",
        json={"query": "{ viewer { vendor { id } } }"},
        headers={"authorization": f"Bearer {vendor.token}"},
    ).json()["data"]["viewer"]
    assert viewer == {"vendor": None}
