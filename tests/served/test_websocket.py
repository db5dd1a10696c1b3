"""Subscriptions and queries over graphql-transport-ws against `vendormatch serve`.

uvicorn refuses every upgrade when no WebSocket library is installed; in-process tests
never see that, so these go through the real server with the `websockets` client.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import httpx2 as httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Subprotocol

from tests.graphql_client import vendor_input
from tests.served.accounts import register
from tests.served.conftest import Server, start_server, stop_server

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
        # What a request needs before it may be published.
        "acceptanceCriteria": ["Runs in production for a week without a severity-1 incident"],
        "communicationPlan": "Weekly call; answers within one working day",
        "deadline": (date.today() + timedelta(days=90)).isoformat(),
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


ANY_PUBLISHED = "subscription { projectRequestPublished { id title } }"


@pytest.fixture(scope="module")
def two_per_client(
    server: Server, served_database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """An instance holding at most two subscriptions per client (`server` has migrated the
    database it shares)."""
    running = start_server(
        tmp_path_factory.mktemp("two-per-client"),
        served_database_url,
        extra_env={"MAX_SUBSCRIPTIONS_PER_CLIENT": "2"},
    )
    yield running
    stop_server(running)


def test_a_client_holds_at_most_its_subscriptions_and_an_ended_one_frees_its_slot(
    two_per_client: Server,
) -> None:
    with httpx.Client(base_url=two_per_client.url, timeout=30) as client:
        business = register(client, "BUSINESS")

    async def publish() -> str:
        title = f"Slots {uuid.uuid4().hex}"
        async with httpx.AsyncClient(base_url=two_per_client.url, timeout=30) as client:
            posted = await client.post(
                "/graphql",
                json={"query": POST, "variables": {"input": request_input(title)}},
                headers={"authorization": f"Bearer {business.token}"},
            )
        assert posted.json()["data"]["postProjectRequest"]["userErrors"] == []
        return title

    async def subscribe(socket: ClientConnection, operation_id: str) -> None:
        payload = {"query": ANY_PUBLISHED}
        await socket.send(json.dumps({"id": operation_id, "type": "subscribe", "payload": payload}))

    def heard(message: dict[str, Any], title: str) -> bool:
        data = message.get("payload", {}).get("data") or {}
        return bool(data.get("projectRequestPublished", {}).get("title") == title)

    async def accepted(socket: ClientConnection, name: str) -> int:
        """Subscribe as `name` until a published request reaches it; the attempts it took
        (a slot is freed as the server winds the ended subscription down, not at once)."""
        for attempt in range(1, 21):
            operation_id = f"{name}.{attempt}"
            await subscribe(socket, operation_id)
            title = await publish()
            while True:
                message = await receive(socket)
                if message.get("id") != operation_id:
                    continue
                errors = message.get("payload", {}).get("errors")
                if errors:
                    assert errors[0]["extensions"]["code"] == "RATE_LIMITED", message
                    break
                if heard(message, title):
                    return attempt
        raise AssertionError(f"{name} was never accepted")

    async def scenario() -> tuple[dict[str, Any], set[str], int, int, int]:
        # given a client holding its two subscriptions
        first = await open_session(two_per_client)
        try:
            await subscribe(first, "1")
            await subscribe(first, "2")
            # when it asks for a third
            await subscribe(first, "3")
            refusal = await receive(first)
            while refusal.get("id") != "3":
                refusal = await receive(first)
            # the first two still hear of a published request
            title = await publish()
            hearing: set[str] = set()
            while hearing != {"1", "2"}:
                message = await receive(first)
                if message["type"] == "next" and heard(message, title):
                    hearing.add(message["id"])
            # and once one completes, a new one is accepted
            await first.send(json.dumps({"id": "1", "type": "complete"}))
            after_complete = await accepted(first, "4")
        finally:
            await first.close()
        # and a closed connection frees both of its slots
        second = await open_session(two_per_client)
        try:
            fifth = await accepted(second, "5")
            sixth = await accepted(second, "6")
        finally:
            await second.close()
        return refusal, hearing, after_complete, fifth, sixth

    refusal, hearing, *attempts = asyncio.run(scenario())

    # then the third was refused with a clear code, while the first two kept working
    assert refusal["type"] == "next"
    error = refusal["payload"]["errors"][0]
    assert error["extensions"]["code"] == "RATE_LIMITED"
    assert "subscriptions per client" in error["message"]
    assert "Unexpected error" not in json.dumps(refusal)
    assert hearing == {"1", "2"}
    assert all(attempt >= 1 for attempt in attempts)
