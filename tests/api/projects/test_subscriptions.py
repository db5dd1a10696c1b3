"""Subscriptions over graphql-transport-ws: new OPEN requests reach vendors as published."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from tests.graphql_client import GraphQLClient

PUBLISHED = """
subscription ($tags: [String!], $since: DateTime) {
  projectRequestPublished(tagsAny: $tags, since: $since) { title status }
}
"""
# A broken server must fail the test, not hang it.
RECEIVE_TIMEOUT_S = 10


class Socket:
    """A graphql-transport-ws client over Starlette's test WebSocket."""

    def __init__(self, websocket: Any) -> None:
        self.websocket = websocket
        self.pool = ThreadPoolExecutor(max_workers=1)

    def receive(self) -> dict[str, Any]:
        return self.pool.submit(self.websocket.receive_json).result(timeout=RECEIVE_TIMEOUT_S)

    def subscribe(self, query: str, variables: dict[str, Any]) -> None:
        payload = {"query": query, "variables": variables}
        self.websocket.send_json({"id": "1", "type": "subscribe", "payload": payload})


@pytest.fixture
def socket(app_client: TestClient) -> Iterator[Socket]:
    with app_client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws:
        ws.send_json({"type": "connection_init"})
        assert ws.receive_json()["type"] == "connection_ack"
        yield Socket(ws)
        ws.send_json({"id": "1", "type": "complete"})


def test_vendors_hear_of_matching_requests_as_they_are_published(
    client: GraphQLClient, socket: Socket
) -> None:
    business = client.register("BUSINESS")
    since = datetime.now(UTC).isoformat()
    socket.subscribe(PUBLISHED, {"tags": ["reactjs"], "since": since})

    client.post_project(business, title="Private draft")
    client.post_project(business, title="Go service", skills=[{"tag": "golang"}], publish=True)
    client.post_project(business, title="React dashboard", publish=True)

    message = socket.receive()
    assert message == {
        "id": "1",
        "type": "next",
        "payload": {
            "data": {"projectRequestPublished": {"title": "React dashboard", "status": "OPEN"}}
        },
    }


def test_an_unknown_tag_is_an_error_naming_it(socket: Socket) -> None:
    socket.subscribe(PUBLISHED, {"tags": ["reactt"]})

    message = socket.receive()

    assert message["type"] == "next"
    error = message["payload"]["errors"][0]
    assert "reactt" in error["message"]
    assert error["extensions"]["field"] == ["tagsAny", "0"]


def test_a_connection_without_init_is_closed(app_client: TestClient) -> None:
    with (
        pytest.raises(WebSocketDisconnect),
        app_client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws,
    ):
        ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": PUBLISHED}})
        ws.receive_json()


def test_queries_also_run_over_the_socket(client: GraphQLClient, socket: Socket) -> None:
    client.create_vendor(client.register("VENDOR"), name="Socket Shop")

    for _ in range(2):  # the session is handed back after each operation, and made anew
        socket.subscribe("{ vendors(first: 5) { edges { node { name } } } }", {})
        result = socket.receive()
        assert result["payload"]["data"]["vendors"]["edges"] == [{"node": {"name": "Socket Shop"}}]
        assert socket.receive() == {"id": "1", "type": "complete"}


def test_an_absurd_since_means_now(client: GraphQLClient, socket: Socket) -> None:
    business = client.register("BUSINESS")
    socket.subscribe(PUBLISHED, {"tags": None, "since": "9999-12-31T23:59:59-14:00"})

    client.post_project(business, title="Fresh request", publish=True)

    message = socket.receive()
    assert message["payload"]["data"]["projectRequestPublished"]["title"] == "Fresh request"
