"""graphql-transport-ws over Starlette's test WebSocket, for the notifications subscription."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

from starlette.testclient import TestClient

from api.events.broadcast import EventBroadcaster
from api.graphql.ids import decode
from tests.graphql_client import Account

SUBSCRIBE = """subscription ($since: DateTime) {
  notifications(since: $since) { id kind summary subject { __typename } } }"""
# A broken server must fail the test, not hang it.
RECEIVE_TIMEOUT_S = 10


class Socket:
    """A graphql-transport-ws client over Starlette's test WebSocket."""

    def __init__(self, websocket: Any) -> None:
        self.websocket = websocket
        self.pool = ThreadPoolExecutor(max_workers=1)

    def receive(self) -> dict[str, Any]:
        message: dict[str, Any] = self.pool.submit(self.websocket.receive_json).result(
            timeout=RECEIVE_TIMEOUT_S
        )
        return message

    def subscribe(self, variables: dict[str, Any] | None = None) -> None:
        payload = {"query": SUBSCRIBE, "variables": variables or {}}
        self.websocket.send_json({"id": "1", "type": "subscribe", "payload": payload})

    def notification(self) -> dict[str, Any]:
        message = self.receive()
        assert message["type"] == "next", message
        assert "errors" not in message["payload"], message
        notification: dict[str, Any] = message["payload"]["data"]["notifications"]
        return notification


@contextmanager
def socket(app_client: TestClient, token: str | None) -> Iterator[Socket]:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    with app_client.websocket_connect(
        "/graphql", subprotocols=["graphql-transport-ws"], headers=headers
    ) as ws:
        ws.send_json({"type": "connection_init"})
        assert ws.receive_json()["type"] == "connection_ack"
        yield Socket(ws)
        ws.send_json({"id": "1", "type": "complete"})


def wait_subscribed(app_client: TestClient, *accounts: Account) -> None:
    """Until the server's broadcaster holds an inbox for each account (a subscription
    starts a moment after its message arrives)."""
    broadcaster = app_client.app.state.vendormatch.resource(EventBroadcaster)  # type: ignore[attr-defined]
    keys = []
    for account in accounts:
        decoded = decode(account.id)
        assert decoded is not None
        keys.append(decoded[1])
    deadline = time.monotonic() + RECEIVE_TIMEOUT_S
    while not all(broadcaster.inboxes.get(key) for key in keys):
        assert time.monotonic() < deadline, "the subscription never started"
        time.sleep(0.01)
