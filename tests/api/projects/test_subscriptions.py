"""Subscriptions over graphql-transport-ws: new OPEN requests reach vendors as published."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from api.core.errors import ClientError
from api.core.settings import Settings
from api.projects.models import ProjectRequest
from api.projects.subscriptions import COMMIT_MARGIN, PollWindow, SubscriptionSlots
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


def test_an_invite_only_request_is_not_broadcast_to_everyone(
    client: GraphQLClient, socket: Socket
) -> None:
    business = client.register("BUSINESS")
    since = datetime.now(UTC).isoformat()
    socket.subscribe(PUBLISHED, {"since": since})

    client.post_project(business, title="Secret rebuild", visibility="INVITE_ONLY", publish=True)
    client.post_project(business, title="React dashboard", publish=True)

    message = socket.receive()
    assert message["payload"]["data"]["projectRequestPublished"]["title"] == "React dashboard"


def test_a_broadcast_request_under_nda_carries_only_its_summary(
    client: GraphQLClient, socket: Socket
) -> None:
    business = client.register("BUSINESS")
    socket.subscribe(
        "subscription ($since: DateTime) { projectRequestPublished(since: $since) "
        "{ description confidential attachmentNames } }",
        {"since": datetime.now(UTC).isoformat()},
    )

    client.post_project(
        business,
        description="The confidential ledger design.",
        ndaRequired=True,
        ndaText="Keep it to yourselves.",
        summary="A ledger rebuild.",
        attachmentNames=["design.pdf"],
        publish=True,
    )

    data = socket.receive()["payload"]["data"]["projectRequestPublished"]
    assert data == {
        "description": "A ledger rebuild.",
        "confidential": True,
        "attachmentNames": [],
    }


def test_a_skill_no_tag_covers_follows_requests_that_name_it(
    client: GraphQLClient, socket: Socket
) -> None:
    business = client.register("BUSINESS")
    socket.subscribe(PUBLISHED, {"tags": ["quillmark-cms"], "since": datetime.now(UTC).isoformat()})

    client.post_project(business, title="React dashboard", publish=True)
    skills = [{"tag": "Quillmark CMS", "mustHave": True}]
    client.post_project(business, title="Quillmark site", skills=skills, publish=True)

    message = socket.receive()
    assert message["payload"]["data"]["projectRequestPublished"]["title"] == "Quillmark site"


def test_an_over_long_skill_name_is_an_error_naming_it(socket: Socket) -> None:
    socket.subscribe(PUBLISHED, {"tags": ["react", "r" * 81]})

    message = socket.receive()

    assert message["type"] == "next"
    error = message["payload"]["errors"][0]
    assert "80 characters" in error["message"]
    assert error["extensions"]["field"] == ["tagsAny", "1"]


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


def published(row_id: int, moment: datetime) -> ProjectRequest:
    return ProjectRequest(id=row_id, published_at=moment)


def test_each_poll_reads_from_the_newest_request_seen_less_the_margin() -> None:
    # given a subscription opened at noon
    noon = datetime(2030, 1, 1, 12, tzinfo=UTC)
    window = PollWindow.opening(noon)
    assert window.floor == noon - COMMIT_MARGIN

    # when a poll returns one request from before it opened and two after
    early = published(1, noon - timedelta(seconds=5))
    first, second = published(2, noon), published(3, noon + timedelta(minutes=10))
    sent = window.take([early, first, second])

    # then only the two are sent, and the next poll starts a margin before the newest
    assert sent == [first, second]
    assert window.floor == noon + timedelta(minutes=10) - COMMIT_MARGIN
    # and `sent` forgets what that window can no longer return
    assert set(window.sent) == {3}

    # when the next poll sees it again, with a late commit stamped just before it
    late = published(4, noon + timedelta(minutes=9, seconds=30))
    assert window.take([late, second]) == [late]
    assert set(window.sent) == {3, 4}


def test_a_client_holds_at_most_its_subscription_slots_until_it_releases_one() -> None:
    slots = SubscriptionSlots()
    settings = Settings(MAX_SUBSCRIPTIONS=3, MAX_SUBSCRIPTIONS_PER_CLIENT=2)
    slots.acquire("10.0.0.1", settings)
    slots.acquire("10.0.0.1", settings)

    with pytest.raises(ClientError) as refused:
        slots.acquire("10.0.0.1", settings)
    assert refused.value.extensions["code"] == "RATE_LIMITED"

    slots.acquire("10.0.0.2", settings)
    with pytest.raises(ClientError):  # the worker's bound, whoever asks
        slots.acquire("10.0.0.3", settings)

    slots.release("10.0.0.1")
    slots.acquire("10.0.0.1", settings)
    assert slots.by_client == {"10.0.0.1": 2, "10.0.0.2": 1}
    assert slots.total == 3
